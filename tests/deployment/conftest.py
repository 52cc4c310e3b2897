"""A real instance on a temporary FileStorage, served by a real server.

The same steps as ``make start`` (render the profile, create the site, serve
with runwsgi), run once per test session and shared by the tests of this
folder: starting Zope costs seconds, so they share one server.
"""

from pathlib import Path

import os
import pytest
import requests
import socket
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    """One rendered instance with its data folder and its server process."""

    def __init__(self, root: Path, storage="filestorage"):
        self.root = root
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.process = None
        subprocess.run(
            [
                BIN / "python",
                REPO / "profiles" / "render.py",
                "--storage",
                storage,
                "--instance",
                root / "instance",
                "--var",
                root / "var",
                "--port",
                str(self.port),
            ],
            check=True,
        )
        self.zope_conf = root / "instance" / "etc" / "zope.conf"

    def create_site(self, *args) -> str:
        """Run ``famiguida-site`` as ``make start`` does; return its output."""
        result = subprocess.run(
            [BIN / "famiguida-site", "--zope-conf", self.zope_conf, *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def start(self):
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - closed in stop
        self.process = subprocess.Popen(
            [BIN / "runwsgi", self.root / "instance" / "etc" / "zope.ini"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._log = log
        # The first page compiles templates and the .po catalogues: on a busy
        # machine it can take long, so a slow answer is waited for as well.
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.read_log())
            try:
                requests.get(f"{self.url}/Plone/it", timeout=60)
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        raise RuntimeError("server did not start:\n" + self.read_log())

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=60)
            self.process = None
            self._log.close()

    def read_log(self):
        return (self.root / "server.log").read_text(errors="replace")[-5000:]


@pytest.fixture(scope="session")
def instance(tmp_path_factory):
    """A created site (demo content) and a second one without demo content."""
    inst = Instance(tmp_path_factory.mktemp("famiguida"))
    inst.first_output = inst.create_site()
    inst.second_output = inst.create_site()
    inst.no_demo_output = inst.create_site("--site-id", "Vuoto", "--no-demo")
    inst.start()
    yield inst
    inst.stop()
