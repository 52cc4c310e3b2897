"""Write buildout's ``[versions]`` from ``uv.lock``: the same pins, no more.

    python buildout/lock_to_versions.py [--lock uv.lock]
                                        [--output buildout/versions.cfg]
                                        [--check]

Every package of ``uv.lock`` that comes from a registry is pinned (the
project itself, installed with ``develop``, is skipped).  A package that the
lock resolves to more than one version, depending on the interpreter, gets
one conditional section per version, keyed by the lock's resolution marker
(``[versions:python_full_version >= '3.11.5']``); buildout evaluates these
PEP 508 markers itself.  ``--check`` writes nothing and exits 1 when the file
on disk differs from what the lock gives.
"""

from collections import defaultdict
from pathlib import Path

import argparse
import sys
import tomllib


ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Generated from uv.lock by buildout/lock_to_versions.py: do not edit by hand.
# Regenerate after `make lock` with: python buildout/lock_to_versions.py
"""


def read_pins(lock_path: Path) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Return ``(plain, conditional)`` pins of the lock.

    ``plain`` maps a name to its only version; ``conditional`` maps a marker
    to the names and versions that hold under it.
    """
    with lock_path.open("rb") as stream:
        lock = tomllib.load(stream)
    versions = defaultdict(list)
    for package in lock["package"]:
        if "registry" not in package.get("source", {}):
            continue
        versions[package["name"]].append(package)
    plain, conditional = {}, defaultdict(dict)
    for name, packages in versions.items():
        if len(packages) == 1:
            plain[name] = packages[0]["version"]
            continue
        for package in packages:
            markers = package.get("resolution-markers")
            if not markers:
                raise SystemExit(
                    f"lock_to_versions: {name} has {len(packages)} versions "
                    f"but {package['version']} has no resolution marker"
                )
            marker = " or ".join(f"({m})" if len(markers) > 1 else m for m in markers)
            if "#" in marker or ";" in marker:
                raise SystemExit(f"lock_to_versions: cannot write marker {marker!r}")
            conditional[marker][name] = package["version"]
    return plain, dict(conditional)


def render(plain: dict[str, str], conditional: dict[str, dict[str, str]]) -> str:
    lines = [HEADER, "[versions]"]
    lines += [f"{name} = {plain[name]}" for name in sorted(plain)]
    for marker in sorted(conditional):
        lines += ["", f"[versions:{marker}]"]
        pins = conditional[marker]
        lines += [f"{name} = {pins[name]}" for name in sorted(pins)]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "uv.lock")
    parser.add_argument(
        "--output", type=Path, default=ROOT / "buildout" / "versions.cfg"
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="exit 1 if the output file is not what the lock gives",
    )
    args = parser.parse_args(argv)
    text = render(*read_pins(args.lock))
    if args.check:
        current = args.output.read_text("utf-8") if args.output.is_file() else ""
        if current != text:
            print(
                f"{args.output} is out of sync with {args.lock}: run "
                "`python buildout/lock_to_versions.py` and commit the result",
                file=sys.stderr,
            )
            return 1
        print(f"{args.output.name} matches {args.lock.name}")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"Wrote {args.output} from {args.lock}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
