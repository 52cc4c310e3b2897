"""The staff groups of DESIGN.md exist with their Italian titles."""

from plone import api

import pytest


GROUPS = {
    "operators": "Operatori",
    "editors": "Redazione",
    "housing-desk": "Sportello casa",
    "caregiver-desk": "Sportello assistenti familiari",
    "mediation-desk": "Servizio di mediazione",
}


@pytest.mark.parametrize("groupid,title", GROUPS.items())
def test_group_exists(portal, groupid, title):
    group = api.group.get(groupname=groupid)
    assert group is not None
    assert group.getProperty("title") == title


@pytest.mark.parametrize("groupid", GROUPS)
def test_groups_hold_no_global_role(portal, groupid):
    """Staff rights are local to their areas: a global role would leak."""
    roles = set(api.group.get_roles(groupname=groupid)) - {"Authenticated"}
    assert roles == set()
