"""``famiguida-site``: create the famiguida site if it is not there yet.

Run by ``make start`` before the server starts, and usable alone::

    famiguida-site --zope-conf instance/etc/zope.conf [--no-demo]

It opens the database named in ``zope.conf``, makes sure the Zope root has
an ``admin`` manager, creates the Plone site (``/Plone`` by default) with the
famiguida profile when it is missing, loads the starter content of
``content/`` (items that exist already are kept), and with demo content the
demo users.  Running it again changes nothing that is there.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from famiguida.content_loader.forms import load_forms
from famiguida.content_loader.items import load_items
from famiguida.content_loader.items import LoadReport
from famiguida.content_loader.items import read_items
from famiguida.content_loader.territory import load_territory
from famiguida.content_loader.users import ensure_users
from famiguida.content_loader.users import read_users
from pathlib import Path
from plone import api
from Products.CMFPlone.factory import addPloneSite
from Testing.makerequest import makerequest
from zope.component.hooks import setSite
from zope.globalrequest import setRequest

import argparse
import logging
import os
import secrets
import sys
import transaction


logger = logging.getLogger("famiguida.site")

EXTENSION_PROFILES = (
    "plone.app.contenttypes:default",
    "plonetheme.barceloneta:default",
    "famiguida:default",
)
ADMIN_ID = "admin"
DEMO_ADMIN_PASSWORD = "admin"  # noqa: S105 - documented demo login


def open_app(zope_conf: str):
    """Configure Zope from ``zope_conf`` and return the root with a request."""
    from Zope2.Startup.run import make_wsgi_app

    import Zope2

    make_wsgi_app({}, zope_conf)
    app = makerequest(Zope2.app())
    app.REQUEST["PARENTS"] = [app]
    setRequest(app.REQUEST)
    return app


def ensure_admin(app, demo: bool) -> str | None:
    """Give the Zope root a manager; return its new password, if created."""
    users = app.acl_users
    if users.getUserById(ADMIN_ID) is not None:
        return None
    password = os.environ.get("FAMIGUIDA_ADMIN_PASSWORD") or (
        DEMO_ADMIN_PASSWORD if demo else secrets.token_urlsafe(12)
    )
    users._doAddUser(ADMIN_ID, password, ["Manager"], [])
    return password


def ensure_site(app, site_id: str, title: str):
    """Return the Plone site ``site_id``, creating it if it is missing."""
    if site_id in app.objectIds():
        site = app[site_id]
        setSite(site)
        return site, False
    site = addPloneSite(
        app,
        site_id,
        title=title,
        extension_ids=EXTENSION_PROFILES,
        default_language="it",
        portal_timezone="Europe/Rome",
    )
    return site, True


# The sender of the desk forms' mails (confirmations, desk notices) until an
# administrator sets the real one (Site Setup > Mail): without a sender Plone
# sends nothing.
DEFAULT_EMAIL_FROM = "famiguida@example.org"


def ensure_mail_sender():
    """Give the site a sender address and name if it has none."""
    if not api.portal.get_registry_record("plone.email_from_address", default=""):
        api.portal.set_registry_record(
            "plone.email_from_address",
            os.environ.get("FAMIGUIDA_EMAIL_FROM") or DEFAULT_EMAIL_FROM,
        )
    if not api.portal.get_registry_record("plone.email_from_name", default=""):
        api.portal.set_registry_record("plone.email_from_name", "famiguida")


def populate(site, content_dir: Path, demo: bool) -> tuple[LoadReport, list[str]]:
    """Load territory, starter items and desk forms and, with demo content,
    the demo users."""
    ensure_mail_sender()
    load_territory(content_dir / "territory.json")
    report = load_items(site, read_items(content_dir / "items"))
    load_forms(site, content_dir / "forms", report)
    users = []
    if demo:
        users = ensure_users(read_users(content_dir / "demo" / "users.json"))
    return report, users


def build(zope_conf: str, site_id: str, content_dir: Path, demo: bool, title: str):
    """Do the whole job in one transaction; return a summary for the log."""
    app = open_app(zope_conf)
    password = ensure_admin(app, demo)
    admin = app.acl_users.getUserById(ADMIN_ID)
    newSecurityManager(None, admin.__of__(app.acl_users))
    try:
        site, created = ensure_site(app, site_id, title)
        with api.env.adopt_roles(["Manager"]):
            report, users = populate(site, content_dir, demo)
        transaction.commit()
    except BaseException:
        transaction.abort()
        raise
    finally:
        noSecurityManager()
        setSite(None)
    return {
        "site_created": created,
        "admin_password": password,
        "items_created": report.created,
        "items_kept": len(report.kept),
        "users_created": users,
    }


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True, help="path to zope.conf")
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument("--title", default="famiguida")
    parser.add_argument(
        "--content",
        default=os.environ.get("FAMIGUIDA_CONTENT", "content"),
        help="folder of the starter content (default: ./content)",
    )
    parser.add_argument(
        "--no-demo",
        action="store_true",
        help="create the site without demo users and demo items",
    )
    return parser.parse_args(argv)


def main(argv=None):
    """Console script entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    content_dir = Path(args.content)
    if not (content_dir / "items").is_dir():
        sys.exit(f"famiguida-site: no starter content at {content_dir}/items")
    summary = build(
        args.zope_conf, args.site_id, content_dir, not args.no_demo, args.title
    )
    if summary["admin_password"]:
        print(f"Zope admin created: {ADMIN_ID} / {summary['admin_password']}")
    state = "created" if summary["site_created"] else "already there, kept"
    print(f"Site /{args.site_id}: {state}")
    print(
        f"Starter content: {len(summary['items_created'])} items created, "
        f"{summary['items_kept']} kept"
    )
    if summary["users_created"]:
        print("Demo users created: " + ", ".join(summary["users_created"]))


if __name__ == "__main__":
    main()
