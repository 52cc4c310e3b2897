"""Demo users: one per staff group, for trying the portal and for tests.

Created only when a site is built with demo content (``famiguida-site``
without ``--no-demo``); their logins are listed in the README.
"""

from pathlib import Path
from plone import api

import json


def read_users(path: Path) -> list[dict]:
    """The demo users described in ``path``."""
    return json.loads(path.read_text(encoding="utf-8"))


def ensure_users(specs) -> list[str]:
    """Create the users that do not exist yet; return the ids created."""
    created = []
    for spec in specs:
        if api.user.get(username=spec["username"]) is None:
            api.user.create(
                username=spec["username"],
                email=spec["email"],
                password=spec["password"],
                properties={"fullname": spec["fullname"]},
            )
            created.append(spec["username"])
        for group in spec.get("groups", []):
            api.group.add_user(groupname=group, username=spec["username"])
        if spec.get("roles"):
            api.user.grant_roles(username=spec["username"], roles=spec["roles"])
    return created
