"""``make buildout-check``: build the zc.buildout install and serve the site.

    python buildout/check.py

The secondary install (``buildout.cfg``) must keep working and keep the
versions of ``uv.lock``.  This script, run by CI after the test suite:

1. checks that ``buildout/versions.cfg`` is what ``uv.lock`` gives, that
   ``buildout/tools.cfg`` pins no package of the lock and that
   ``buildout/requirements.txt`` agrees with both;
2. creates ``.venv-buildout/`` with the pinned zc.buildout (and installs
   again only when ``buildout/requirements.txt`` changes);
3. runs buildout in ``.buildout-check/``: a configuration written there
   extends the project's ``buildout.cfg`` and puts the instance on a free
   port of 127.0.0.1; eggs and downloads stay cached in
   ``.buildout-check/cache/`` (or ``$FAMIGUIDA_BUILDOUT_CACHE``) between runs;
4. checks, with the instance's own interpreter, that every package the
   instance sees has the version of ``uv.lock`` (buildout's own tools: the
   version of ``buildout/tools.cfg`` or ``buildout/requirements.txt``);
5. creates the site on an empty database with ``bin/famiguida-site
   --no-demo``, starts ``bin/instance console`` and checks ``/Plone/it``,
   ``/Plone/ar``, the root redirect and the language negotiation of ``/``;
6. stops the instance and prints one summary line.

Only PyPI is used: pip's configuration files and ``PIP_*`` variables are
ignored.  The check never skips (CI sets CI=true and relies on that):
anything missing is a failure, and every failure exits non-zero.  The logs
of each step are in ``.buildout-check/*.log``.
"""

from pathlib import Path

import configparser
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import tomllib
import traceback
import urllib.error
import urllib.parse
import urllib.request


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from lock_to_versions import read_pins  # noqa: E402
from lock_to_versions import render  # noqa: E402


PYPI = "https://pypi.org/simple"
VENV = ROOT / ".venv-buildout"
WORK = ROOT / ".buildout-check"
CACHE = Path(os.environ.get("FAMIGUIDA_BUILDOUT_CACHE") or WORK / "cache")
SITE_ID = "Plone"
# Upper bounds of the steps, in seconds: even with nothing cached the whole
# check stays well within CI's 20 minutes, or fails saying which step hung.
VENV_TIMEOUT = 300
BUILDOUT_TIMEOUT = 780
SITE_TIMEOUT = 420
START_TIMEOUT = 180
REQUEST_TIMEOUT = 90

# What the instance's interpreter prints: every distribution it can import.
LIST_DISTRIBUTIONS = """
import importlib.metadata, json, sys
seen = {}
for dist in importlib.metadata.distributions():
    name = dist.metadata["Name"]
    if name and name not in seen:
        seen[name] = dist.version
json.dump(seen, sys.stdout)
"""


class CheckFailed(Exception):
    """A step failed; the message says which and why."""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def say(message: str) -> None:
    print(f"buildout-check: {message}", flush=True)


def tail(path: Path, lines: int = 30) -> str:
    if not path.is_file():
        return f"(no {path})"
    text = path.read_text("utf-8", errors="replace").splitlines()
    return "\n".join(text[-lines:])


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of every tool run: pip sees PyPI and nothing else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    env.update(
        PIP_CONFIG_FILE=os.devnull,
        PIP_INDEX_URL=PYPI,
        PIP_DISABLE_PIP_VERSION_CHECK="1",
        PIP_NO_INPUT="1",
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def run(args, log: Path, timeout: int, what: str, stdin_text=None, **kwargs):
    """Run ``args`` with its output in ``log``; fail with the log's tail."""
    with log.open("w", encoding="utf-8") as out:
        try:
            result = subprocess.run(  # noqa: S603 - our own tools, no shell
                [str(a) for a in args],
                input=stdin_text if stdin_text is not None else "",
                text=True,
                stdout=out,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
                **kwargs,
            )
        except subprocess.TimeoutExpired as error:
            raise CheckFailed(
                f"{what} took more than {timeout} s; see {log}"
            ) from error
    if result.returncode:
        raise CheckFailed(
            f"{what} failed (exit {result.returncode}), end of {log}:\n{tail(log)}"
        )


# 1. The pins ---------------------------------------------------------------


def read_versions_section(path: Path) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(path, encoding="utf-8")
    return {canonical(k): v for k, v in parser["versions"].items()}


def read_requirements(path: Path) -> dict[str, str]:
    pins = {}
    for raw in path.read_text("utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        name, sep, version = line.partition("==")
        if not sep:
            raise CheckFailed(f"buildout/{path.name}: {line!r} is not pinned with ==")
        pins[canonical(name)] = version.strip()
    return pins


def editable_packages(lock_path: Path) -> dict[str, str]:
    """The lock's own project (installed by buildout with ``develop``)."""
    with lock_path.open("rb") as stream:
        packages = tomllib.load(stream)["package"]
    return {
        canonical(p["name"]): p["version"]
        for p in packages
        if "registry" not in p.get("source", {})
    }


def check_pins() -> tuple[dict[str, str], dict[str, str]]:
    """Check the three pin files; return the lock's pins and all the pins.

    Both map a name to one version: where the lock has a version per Python
    (resolution markers), the one for the Python that runs this check, which
    is the one of .venv-buildout.
    """
    plain, conditional = read_pins(ROOT / "uv.lock")
    versions_cfg = HERE / "versions.cfg"
    current = versions_cfg.read_text("utf-8") if versions_cfg.is_file() else ""
    if current != render(plain, conditional):
        raise CheckFailed(
            "buildout/versions.cfg is out of sync with uv.lock: run "
            "`.venv/bin/python buildout/lock_to_versions.py` and commit "
            "buildout/versions.cfg"
        )
    from packaging.markers import Marker  # in .venv: uv.lock pins packaging

    lock = {canonical(name): version for name, version in plain.items()}
    locked_names = set(lock)
    for marker, pins in conditional.items():
        locked_names.update(canonical(name) for name in pins)
        if Marker(marker).evaluate():
            lock.update((canonical(name), version) for name, version in pins.items())
    tools = read_versions_section(HERE / "tools.cfg")
    clash = sorted(set(tools) & locked_names)
    if clash:
        raise CheckFailed(
            "buildout/tools.cfg pins packages of uv.lock, whose pins must come "
            f"from uv.lock alone: {', '.join(clash)}"
        )
    requirements = read_requirements(HERE / "requirements.txt")
    for name, version in requirements.items():
        source = "uv.lock" if name in locked_names else "buildout/tools.cfg"
        wanted = lock.get(name) or tools.get(name)
        if name in locked_names | set(tools) and version != wanted:
            raise CheckFailed(
                f"buildout/requirements.txt pins {name}=={version} but {source} "
                f"says {wanted}"
            )
    if "zc-buildout" not in tools:
        raise CheckFailed("buildout/tools.cfg does not pin zc.buildout")
    pins = {**requirements, **tools, **editable_packages(ROOT / "uv.lock"), **lock}
    return lock, pins


# 2. The bootstrap environment ----------------------------------------------


def ensure_venv() -> Path:
    """Create or refresh .venv-buildout; return its buildout script."""
    requirements = HERE / "requirements.txt"
    stamp = VENV / ".requirements.sha256"
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    python = VENV / "bin" / "python"
    buildout = VENV / "bin" / "buildout"
    if (
        python.exists()
        and buildout.exists()
        and stamp.is_file()
        and stamp.read_text() == digest
    ):
        return buildout
    log = WORK / "venv.log"
    if not python.exists():
        say("creating .venv-buildout")
        base = getattr(sys, "_base_executable", sys.executable)
        run([base, "-m", "venv", VENV], log, VENV_TIMEOUT, "python -m venv")
    say("installing buildout/requirements.txt into .venv-buildout")
    run(
        [python, "-m", "pip", "install", "--no-deps", "-r", requirements],
        log,
        VENV_TIMEOUT,
        "pip install -r buildout/requirements.txt",
        env=clean_env(),
    )
    stamp.write_text(digest)
    return buildout


# 3. The buildout ------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(port: int) -> Path:
    config = WORK / "buildout.cfg"
    config.write_text(
        "# Written by buildout/check.py at each run: edit ../buildout.cfg.\n"
        "[buildout]\n"
        f"extends = {ROOT / 'buildout.cfg'}\n"
        f"project-directory = {ROOT}\n"
        f"eggs-directory = {CACHE / 'eggs'}\n"
        f"download-cache = {CACHE / 'downloads'}\n"
        "\n"
        "[instance]\n"
        f"http-address = 127.0.0.1:{port}\n",
        encoding="utf-8",
    )
    return config


def run_buildout(buildout: Path, config: Path) -> None:
    for folder in (CACHE / "eggs", CACHE / "downloads"):
        folder.mkdir(parents=True, exist_ok=True)
    # plone.recipe.zope2instance asks for an initial Zope user when it
    # installs the part: the empty answer means none (famiguida-site creates
    # the admin).  No build isolation: famiguida's develop install uses the
    # pinned hatchling of .venv-buildout instead of fetching one.
    run(
        [buildout, "-c", config],
        WORK / "buildout.log",
        BUILDOUT_TIMEOUT,
        "buildout",
        stdin_text="\n",
        cwd=WORK,
        env=clean_env(PIP_NO_BUILD_ISOLATION="0"),
    )
    for script in ("instance", "famiguida-site"):
        if not (WORK / "bin" / script).is_file():
            raise CheckFailed(f"buildout made no bin/{script}")


# 4. The versions the instance really uses ----------------------------------


def check_installed(lock: dict[str, str], pins: dict[str, str]) -> int:
    """Compare what the instance imports with the pins; return the count."""
    interpreter = WORK / "parts" / "instance" / "bin" / "interpreter"
    result = subprocess.run(  # noqa: S603 - the buildout's interpreter
        [str(interpreter), "-c", LIST_DISTRIBUTIONS],
        capture_output=True,
        text=True,
        timeout=120,
        env=clean_env(),
        check=False,
    )
    if result.returncode:
        raise CheckFailed(f"{interpreter} failed:\n{result.stderr[-2000:]}")
    installed = {canonical(k): v for k, v in json.loads(result.stdout).items()}
    wrong = [
        f"{name} {version} (pinned: {pins[name]})"
        for name, version in sorted(installed.items())
        if name in pins and version != pins[name]
    ]
    unpinned = sorted(name for name in installed if name not in pins)
    if wrong or unpinned:
        raise CheckFailed(
            "the instance does not run the pinned versions: "
            + "; ".join(wrong + [f"{name} is pinned nowhere" for name in unpinned])
        )
    if "famiguida" not in installed:
        raise CheckFailed("famiguida is not in the instance's working set")
    return sum(1 for name in installed if name in lock)


# 5. The site ----------------------------------------------------------------


def storage_paths(zope_conf: Path) -> tuple[Path, Path]:
    text = zope_conf.read_text("utf-8")
    data_fs = re.search(r"^\s*path\s+(\S+)", text, re.MULTILINE)
    blobs = re.search(r"^\s*blob-dir\s+(\S+)", text, re.MULTILINE)
    if not (data_fs and blobs):
        raise CheckFailed(f"{zope_conf} has no FileStorage with blobs")
    return Path(data_fs.group(1)), Path(blobs.group(1))


def create_site(zope_conf: Path) -> None:
    """Create the site from scratch: the database of the last run goes."""
    data_fs, blobs = storage_paths(zope_conf)
    for folder in (data_fs.parent, blobs):
        if WORK not in folder.parents:
            raise CheckFailed(f"{folder} is outside {WORK}: not emptying it")
        shutil.rmtree(folder, ignore_errors=True)
    data_fs.parent.mkdir(parents=True)
    blobs.mkdir(parents=True, mode=0o700)
    password = os.environ.get("FAMIGUIDA_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    run(
        [
            WORK / "bin" / "famiguida-site",
            "--zope-conf",
            zope_conf,
            "--site-id",
            SITE_ID,
            "--content",
            ROOT / "content",
            "--no-demo",
        ],
        WORK / "site.log",
        SITE_TIMEOUT,
        "bin/famiguida-site",
        cwd=ROOT,
        env=clean_env(FAMIGUIDA_ADMIN_PASSWORD=password),
    )


class Fetch(urllib.request.HTTPRedirectHandler):
    """No redirects followed: the answer itself is what counts."""

    def redirect_request(self, *args, **kwargs):
        return None


def fetch(url: str, follow: bool = True, **headers: str):
    """GET ``url``; return ``(status, final url, Location header)``."""
    handlers = [] if follow else [Fetch()]
    opener = urllib.request.build_opener(*handlers)
    if not url.startswith("http://localhost:"):
        raise CheckFailed(f"refusing to fetch {url}: only the local instance")
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - checked
    try:
        with opener.open(request, timeout=REQUEST_TIMEOUT) as response:
            response.read()
            return response.status, response.url, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.url, error.headers.get("Location")


def start_instance(log: Path) -> subprocess.Popen:
    out = log.open("w", encoding="utf-8")
    try:
        return subprocess.Popen(  # noqa: S603 - the buildout's bin/instance
            [str(WORK / "bin" / "instance"), "console"],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=WORK,
            env=clean_env(),
            start_new_session=True,
        )
    finally:
        out.close()


def stop_instance(process: subprocess.Popen) -> None:
    """Stop the instance's whole process group (and nothing else)."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def wait_until_up(process: subprocess.Popen, base: str, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CheckFailed(
                f"bin/instance console exited ({process.returncode}), "
                f"end of {log}:\n{tail(log)}"
            )
        try:
            fetch(base + "/", follow=False)
            return
        except (OSError, ConnectionError):
            time.sleep(1)
    raise CheckFailed(f"the instance did not answer within {START_TIMEOUT} s")


def check_site(base: str) -> list[str]:
    """The requests of the check; return what was seen, for the summary."""
    seen = []
    status, _, location = fetch(base + "/", follow=False)
    if status != 302 or not (location or "").endswith(f"/{SITE_ID}"):
        raise CheckFailed(
            f"GET / answered {status} -> {location!r}, not the famiguida root "
            f"redirect to /{SITE_ID}"
        )
    seen.append(f"/ 302 -> /{SITE_ID}")
    for language in ("it", "ar"):
        path = f"/{SITE_ID}/{language}"
        status, _, _ = fetch(base + path)
        if status != 200:
            raise CheckFailed(f"GET {path} answered {status}, not 200")
        seen.append(f"{path} 200")
    status, final, _ = fetch(base + "/", **{"Accept-Language": "ar"})
    final_path = urllib.parse.urlsplit(final).path.rstrip("/")
    if status != 200 or final_path != f"/{SITE_ID}/ar":
        raise CheckFailed(
            f"GET / with Accept-Language: ar ended on {final} ({status}), "
            f"not /{SITE_ID}/ar"
        )
    seen.append(f"/ (ar) -> /{SITE_ID}/ar")
    return seen


# The whole check ------------------------------------------------------------


def check() -> str:
    WORK.mkdir(exist_ok=True)
    started = time.monotonic()
    lock, pins = check_pins()
    say("buildout/versions.cfg matches uv.lock")
    buildout = ensure_venv()
    port = free_port()
    say(f"running buildout in {WORK.name}/ (log: buildout.log)")
    run_buildout(buildout, write_config(port))
    built = time.monotonic()
    count = check_installed(lock, pins)
    say(f"the instance runs {count} packages of uv.lock, all at their locked version")
    zope_conf = WORK / "parts" / "instance" / "etc" / "zope.conf"
    say("creating the site with bin/famiguida-site (log: site.log)")
    create_site(zope_conf)
    say(f"starting bin/instance console on 127.0.0.1:{port} (log: instance.log)")
    log = WORK / "instance.log"
    process = start_instance(log)
    try:
        base = f"http://localhost:{port}"
        wait_until_up(process, base, log)
        seen = check_site(base)
    finally:
        stop_instance(process)
    total = time.monotonic() - started
    return (
        f"{count} locked packages, " + ", ".join(seen) + f" in {total:.0f} s "
        f"(buildout {built - started:.0f} s)"
    )


def main() -> int:
    try:
        summary = check()
    except CheckFailed as failure:
        say(f"FAILED: {failure}")
        return 1
    except Exception as error:
        traceback.print_exc()
        say(f"FAILED: {type(error).__name__}: {error}")
        return 1
    say(f"OK: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
