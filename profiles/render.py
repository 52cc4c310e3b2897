"""Render a deployment profile into an instance folder.

    python profiles/render.py [--storage filestorage] [--instance instance]
                              [--var var] [--host localhost] [--port 8080]

Writes ``<instance>/etc/{zope.conf,zope.ini,site.zcml}`` from ``base/`` and
the storage's folder, and creates the folders of ``<var>`` that Zope expects.
The data in ``<var>`` is never touched: rendering again only rewrites the
configuration (so a new port or host takes effect on the next start).
"""

from pathlib import Path

import argparse
import shutil


PROFILES = Path(__file__).resolve().parent


def render(storage, instance, var, host, port, threads, site_id):
    """Write the instance configuration; return the path of zope.ini."""
    storage_dir = PROFILES / storage
    if not (storage_dir / "zope.conf.in").is_file():
        raise SystemExit(f"render.py: unknown storage profile {storage!r}")
    instance, var = Path(instance).resolve(), Path(var).resolve()
    etc = instance / "etc"
    for folder in (etc, var / "log", var / "cache", var / storage, var / "mailqueue"):
        folder.mkdir(parents=True, exist_ok=True)
    values = {
        "instance": instance,
        "var": var,
        "host": host,
        "port": port,
        "threads": threads,
        "site_id": site_id,
    }
    templates = {
        "zope.conf": storage_dir / "zope.conf.in",
        "zope.ini": storage_dir / "zope.ini.in",
    }
    if not templates["zope.ini"].is_file():
        templates["zope.ini"] = PROFILES / "base" / "zope.ini.in"
    for name, template in templates.items():
        text = template.read_text(encoding="utf-8").format_map(values)
        (etc / name).write_text(text, encoding="utf-8")
    shutil.copyfile(PROFILES / "base" / "site.zcml", etc / "site.zcml")
    return etc / "zope.ini"


def main():
    parser = argparse.ArgumentParser(description="Render a deployment profile.")
    parser.add_argument("--storage", default="filestorage")
    parser.add_argument("--instance", default="instance")
    parser.add_argument("--var", default="var")
    parser.add_argument("--host", default="localhost")
    parser.add_argument("--port", default="8080")
    parser.add_argument("--threads", default="4")
    parser.add_argument("--site-id", default="Plone")
    args = parser.parse_args()
    ini = render(
        args.storage,
        args.instance,
        args.var,
        args.host,
        args.port,
        args.threads,
        args.site_id,
    )
    print(f"Instance configured ({args.storage}): {ini}")


if __name__ == "__main__":
    main()
