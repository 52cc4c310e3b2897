"""``famiguida-purge``: the retention purge from the command line (cron).

::

    famiguida-purge --zope-conf instance/etc/zope.conf [--site-id Plone]
                    [--dry-run] [--pack]

Opens the database named in ``zope.conf``, erases the personal data of the
desk items closed longer than the retention period, logs each reference
number (never personal data) to stdout and to the inbox's erasure log, and
commits.  ``--dry-run`` only lists; ``--pack`` then packs the database so
the erased data leave its old revisions too.

A FileStorage can be opened by one process only: while the server runs the
script stops with exit status 3 and says so; POST to ``@@famiguida-purge``
on the running server instead (ZEO and RelStorage have no such lock).
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.SecurityManagement import noSecurityManager
from AccessControl.users import UnrestrictedUser
from famiguida.privacy.purge import describe
from famiguida.privacy.purge import purge
from famiguida.privacy.purge import PURGE_ACTOR
from famiguida.privacy.settings import retention_months
from zc.lockfile import LockError
from zope.component.hooks import setSite

import argparse
import logging
import sys
import transaction


logger = logging.getLogger("famiguida.privacy")

EXIT_NO_SITE = 2
EXIT_LOCKED = 3

LOCKED_MESSAGE = """\
famiguida-purge: the database is locked ({error}).
A running server holds the FileStorage lock, so this script cannot open it.
Either stop the server and run the purge again, or ask the running server
to purge (a site administrator; the header stands in for the CSRF token):

  curl -fsS -u ADMIN:PASSWORD -X POST -H 'X-Famiguida-Purge: run' \\
       http://localhost:8080/{site_id}/@@famiguida-purge
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zope-conf", required=True, help="path to zope.conf")
    parser.add_argument("--site-id", default="Plone")
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="list what would be erased, erase nothing",
    )
    parser.add_argument(
        "--pack",
        action="store_true",
        help="pack the database afterwards (drops the erased data's old revisions)",
    )
    return parser.parse_args(argv)


def run(app, site_id, dry_run=False, pack=False):
    """Purge the site ``site_id`` of ``app`` and commit; return the records."""
    if site_id not in app.objectIds():
        return None
    site = app[site_id]
    system = UnrestrictedUser(PURGE_ACTOR, "", ["Manager"], "")
    newSecurityManager(None, system.__of__(app.acl_users))
    setSite(site)
    try:
        records = purge(site, dry_run=dry_run)
        months = retention_months()
        if dry_run:
            transaction.abort()
        else:
            transaction.commit()
    except BaseException:
        transaction.abort()
        raise
    finally:
        noSecurityManager()
        setSite(None)
    if pack and not dry_run:
        app._p_jar.db().pack(days=0)
    return records, months


def main(argv=None):
    """Console script entry point."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    from famiguida.scripts.create_site import open_app

    try:
        app = open_app(args.zope_conf)
    except LockError as error:
        sys.stderr.write(LOCKED_MESSAGE.format(error=error, site_id=args.site_id))
        return EXIT_LOCKED
    outcome = run(app, args.site_id, dry_run=args.dry_run, pack=args.pack)
    if outcome is None:
        sys.stderr.write(f"famiguida-purge: no site /{args.site_id}\n")
        return EXIT_NO_SITE
    records, months = outcome
    verb = "would erase" if args.dry_run else "erased"
    for record in records:
        print(describe(record, args.dry_run))
    print(f"famiguida-purge: {verb} {len(records)} items (retention {months} months)")
    if args.pack and not args.dry_run:
        print("famiguida-purge: database packed")
    app._p_jar.db().close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
