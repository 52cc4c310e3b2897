"""Run as a script against a rendered instance: store desk requests closed
long ago, recently and still open, as the desk forms would, and commit.

    python seed_instance.py ZOPE_CONF OUTPUT_JSON
    python seed_instance.py ZOPE_CONF OUTPUT_JSON --report

Writes ``{"expired": [...], "kept": [...]}`` (reference numbers) to
OUTPUT_JSON; with ``--report`` it stores nothing and writes each inbox's
erasure log and which requests are erased instead.
"""

from AccessControl.SecurityManagement import newSecurityManager
from AccessControl.users import UnrestrictedUser
from DateTime import DateTime
from datetime import timedelta
from famiguida.desks.requests import create_request
from famiguida.desks.requests import now
from famiguida.scripts.create_site import open_app
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.component.hooks import setSite

import json
import sys
import transaction


def close(obj, transition, when):
    api.content.transition(obj=obj, transition=transition)
    workflow_id = api.portal.get_tool("portal_workflow").getChainFor(obj)[0]
    entries = list(obj.workflow_history[workflow_id])
    entries[-1] = {**entries[-1], "time": DateTime(when)}
    obj.workflow_history[workflow_id] = tuple(entries)


def report(site, output):
    from famiguida.privacy.erasure import erased_info
    from famiguida.privacy.log import log_entries

    result = {"log": {}, "erased": [], "emails": []}
    for desk in ("casa", "assistenti-familiari", "mediazione"):
        inbox = site["sportelli"][desk]
        result["log"][desk] = [
            {key: str(value) for key, value in entry.items()}
            for entry in log_entries(inbox)
        ]
        for obj in inbox.objectValues():
            if erased_info(obj):
                result["erased"].append(obj.reference)
                result["emails"].append(obj.email)
    with open(output, "w") as stream:
        json.dump(result, stream)


def main(zope_conf, output, mode=None):
    app = open_app(zope_conf)
    site = app["Plone"]
    setSite(site)
    user = UnrestrictedUser("seed", "", ["Manager"], "")
    newSecurityManager(None, user.__of__(app.acl_users))
    if mode == "--report":
        report(site, output)
        app._p_jar.db().close()
        return
    long_ago = now() - timedelta(days=3 * 365)
    recently = now() - timedelta(days=30)
    result = {"expired": [], "kept": []}
    for desk in ("casa", "assistenti-familiari", "mediazione"):
        for case in ("expired", "recent", "open"):
            reference = create_request(
                desk,
                "modulo",
                "it",
                "crema",
                {"messaggio": "Zelda Quagliarulo chiede aiuto"},
                True,
                submitter_name="Zelda Quagliarulo",
                email="zelda.quagliarulo@example.org",
                phone="+39 333 7654321",
            )
            obj = site["sportelli"][desk][reference.lower()]
            if case == "expired":
                obj.attachments = PersistentList(
                    [
                        PersistentMapping(
                            field="documento",
                            file=NamedBlobFile(
                                b"%PDF-1.4 Zelda Quagliarulo passport",
                                filename="passaporto.pdf",
                            ),
                        )
                    ]
                )
                close(obj, "complete", long_ago)
            elif case == "recent":
                close(obj, "reject", recently)
            obj.reindexObject()
            result["expired" if case == "expired" else "kept"].append(reference)
    transaction.commit()
    with open(output, "w") as stream:
        json.dump(result, stream)
    app._p_jar.db().close()


if __name__ == "__main__":
    main(*sys.argv[1:4])
