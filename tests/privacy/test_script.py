"""``famiguida-purge`` on a real instance (rendered as ``make instance``
does, on a FileStorage of its own), and its message when the storage is
locked by a running server."""

from pathlib import Path

import json
import pytest
import subprocess
import sys
import zc.lockfile


pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
EMAIL = b"zelda.quagliarulo@example.org"
UPLOAD = b"Zelda Quagliarulo passport"


class PurgeInstance:
    def __init__(self, root):
        self.root = root
        subprocess.run(
            [
                BIN / "python",
                REPO / "profiles" / "render.py",
                "--storage",
                "filestorage",
                "--instance",
                root / "instance",
                "--var",
                root / "var",
            ],
            check=True,
            capture_output=True,
        )
        self.zope_conf = root / "instance" / "etc" / "zope.conf"
        self.data_fs = root / "var" / "filestorage" / "Data.fs"
        self.blobs = root / "var" / "blobstorage"
        run = subprocess.run(
            [BIN / "famiguida-site", "--zope-conf", self.zope_conf, "--no-demo"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        self.seeded = self.seed()

    def seed(self, *args):
        output = self.root / "seed.json"
        run = subprocess.run(
            [
                BIN / "python",
                Path(__file__).parent / "seed_instance.py",
                self.zope_conf,
                output,
                *args,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr[-3000:]
        return json.loads(output.read_text())

    def purge(self, *args):
        return subprocess.run(
            [BIN / "famiguida-purge", "--zope-conf", self.zope_conf, *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )

    def upload_blobs(self):
        return [
            path for path in self.blobs.rglob("*.blob") if UPLOAD in path.read_bytes()
        ]


@pytest.fixture(scope="module")
def instance(tmp_path_factory):
    return PurgeInstance(tmp_path_factory.mktemp("purge"))


def test_a_locked_storage_is_explained(instance):
    # what a running server does: hold the FileStorage's lock
    lock = zc.lockfile.LockFile(str(instance.data_fs) + ".lock")
    try:
        run = instance.purge()
    finally:
        lock.close()
    assert run.returncode == 3
    assert "the database is locked" in run.stderr
    assert "A running server holds the FileStorage lock" in run.stderr
    assert "X-Famiguida-Purge: run" in run.stderr
    assert "@@famiguida-purge" in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stdout == ""


def test_dry_run_lists_and_changes_nothing(instance):
    run = instance.purge("--dry-run")
    assert run.returncode == 0, run.stderr[-3000:]
    for reference in instance.seeded["expired"]:
        assert f"would erase {reference} (DeskRequest" in run.stdout
    for reference in instance.seeded["kept"]:
        assert reference not in run.stdout
    assert "would erase 3 items (retention 24 months)" in run.stdout
    report = instance.seed("--report")
    assert report["erased"] == []
    assert all(entries == [] for entries in report["log"].values())


def test_purge_erases_logs_and_packs(instance):
    assert instance.data_fs.read_bytes().count(EMAIL) == 9
    assert len(instance.upload_blobs()) == 3
    run = instance.purge("--site-id", "Plone", "--pack")
    assert run.returncode == 0, run.stderr[-3000:]
    lines = run.stdout.splitlines()
    assert lines[-2] == "famiguida-purge: erased 3 items (retention 24 months)"
    assert lines[-1] == "famiguida-purge: database packed"
    for reference in instance.seeded["expired"]:
        assert f"erased {reference} (DeskRequest" in run.stdout
    # reference numbers only, never personal data, in what it prints
    assert "Zelda" not in run.stdout + run.stderr
    assert "example.org" not in run.stdout + run.stderr
    report = instance.seed("--report")
    assert sorted(report["erased"]) == sorted(instance.seeded["expired"])
    assert report["emails"] == [None, None, None]
    for desk, entries in report["log"].items():
        assert len(entries) == 1, desk
        assert entries[0]["reason"] == "retention"
        assert entries[0]["actor"] == "famiguida-purge"
        assert entries[0]["reference"] in instance.seeded["expired"]
    # packed: the erased data are gone from the file and the blobs too
    assert instance.data_fs.read_bytes().count(EMAIL) == 6  # the kept ones
    assert instance.upload_blobs() == []
    # again: nothing left to erase
    again = instance.purge()
    assert again.returncode == 0
    assert "erased 0 items" in again.stdout


def test_unknown_site(instance):
    run = instance.purge("--site-id", "Nessuno", "--dry-run")
    assert run.returncode == 2
    assert "no site /Nessuno" in run.stderr


def test_make_purge_command_line():
    run = subprocess.run(
        ["make", "-n", "purge", "DRY_RUN=1", "PACK=1"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert (
        ".venv/bin/famiguida-purge --zope-conf instance/etc/zope.conf --site-id Plone"
    ) in run.stdout
    assert "--dry-run" in run.stdout and "--pack" in run.stdout
