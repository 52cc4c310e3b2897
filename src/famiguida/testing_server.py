"""A real instance on its own FileStorage, served by a real server.

The steps of ``make start`` (render a deployment profile, create the site
with ``famiguida-site``, serve it with ``runwsgi``) for the end-to-end tests
and the benchmarks, which need a server in a separate process: the
in-process test layers cannot measure HTTP, or lose a request to a dead
server.
"""

from pathlib import Path

import os
import requests
import socket
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port():
    """A TCP port nobody listens on now (on the loopback interface)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Instance:
    """One rendered instance with its data folder and its server process.

    ``root`` holds ``instance/`` (the configuration) and ``var/`` (the data);
    ``url`` uses ``localhost``, not 127.0.0.1, since Plone leaves pages
    unthemed on the latter.
    """

    def __init__(self, root: Path, storage="filestorage", threads=4):
        self.root = Path(root)
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.process = None
        self._log = None
        subprocess.run(
            [
                BIN / "python",
                REPO / "profiles" / "render.py",
                *("--storage", storage),
                *("--instance", self.root / "instance"),
                *("--var", self.root / "var"),
                *("--port", str(self.port)),
                *("--threads", str(threads)),
            ],
            check=True,
            capture_output=True,
        )
        self.zope_conf = self.root / "instance" / "etc" / "zope.conf"
        self.var = self.root / "var"

    def create_site(self, *args) -> str:
        """Run ``famiguida-site`` as ``make start`` does; return its output."""
        result = subprocess.run(
            [BIN / "famiguida-site", "--zope-conf", self.zope_conf, *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if result.returncode != 0:
            raise RuntimeError(result.stderr[-3000:])
        return result.stdout

    def run_script(self, *args, timeout=600) -> subprocess.CompletedProcess:
        """Run one of the package's console scripts against this instance's
        ``zope.conf`` (the server must be stopped on FileStorage)."""
        script, *rest = args
        return subprocess.run(
            [BIN / script, "--zope-conf", self.zope_conf, *rest],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start(self, wait_for="/Plone/it"):
        """Serve the instance; return once ``wait_for`` answers."""
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
                requests.get(f"{self.url}{wait_for}", timeout=60)
                return
            except (requests.ConnectionError, requests.Timeout):
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("server did not start:\n" + self.read_log())

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=120)
            self.process = None
            self._log.close()

    def read_log(self):
        return (self.root / "server.log").read_text(errors="replace")[-5000:]
