"""Field rules of the directory: bad input is refused with a clear message."""

from famiguida.behaviors.contacts import IContacts
from famiguida.behaviors.opening_hours import IOpeningHours
from famiguida.content.location import ILocation
from zope.interface import Invalid
from zope.schema.interfaces import ValidationError

import pytest


@pytest.mark.parametrize(
    "value",
    ["+39 0373 123456", "0373 123456", "0371-409332", "(0372) 40.70.00", "3331234567"],
)
def test_phone_ok(portal, value):
    IContacts["phone"].validate(value)


@pytest.mark.parametrize(
    "value",
    [
        "12345",
        "chiamare il mattino",
        "+39 0373 12a456",
        "0373 123456 789 012 345",
        "++39",
    ],
)
def test_phone_refused(portal, value):
    with pytest.raises((Invalid, ValidationError)):
        IContacts["phone"].validate(value)


@pytest.mark.parametrize("value", ["info@example.org", "a.b-c@comune.crema.cr.it"])
def test_email_ok(portal, value):
    IContacts["email"].validate(value)


@pytest.mark.parametrize("value", ["info@", "info example.org", "@example.org"])
def test_email_refused(portal, value):
    with pytest.raises((Invalid, ValidationError)):
        IContacts["email"].validate(value)


@pytest.mark.parametrize("value", ["https://www.example.org/", "http://example.org/x"])
def test_website_ok(portal, value):
    IContacts["website"].validate(value)


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "ftp://example.org/",
        "www.example.org",
        "data:text/html,x",
    ],
)
def test_website_refused(portal, value):
    with pytest.raises((Invalid, ValidationError)):
        IContacts["website"].validate(value)


@pytest.mark.parametrize(
    "field,value",
    [
        ("latitude", 90.5),
        ("latitude", -91.0),
        ("longitude", 181.0),
        ("longitude", -200.0),
    ],
)
def test_coordinates_out_of_range(portal, field, value):
    with pytest.raises(ValidationError):
        ILocation[field].validate(value)


@pytest.mark.parametrize("value", ["2601", "26900a", "269000"])
def test_postal_code_refused(portal, value):
    with pytest.raises((Invalid, ValidationError)):
        ILocation["postal_code"].validate(value)


@pytest.mark.parametrize(
    "lines",
    [
        ["mon 09:00-12:00", "mon 11:00-13:00"],
        ["tue 14:00-13:00:00"],
        ["tue 08:00-07:00"],
        ["xyz 09:00-12:00"],
    ],
)
def test_weekly_hours_refused(portal, lines):
    with pytest.raises(Invalid) as error:
        IOpeningHours["weekly_hours"].validate(lines)
    assert "Riga" in str(error.value)


def test_weekly_hours_ok(portal):
    IOpeningHours["weekly_hours"].validate(
        ["lun 09:00-12:30", "lun 14:00-17:00", "fri 22:00-02:00"]
    )


@pytest.mark.parametrize("lines", [["2026-13-01 chiuso"], ["domani chiuso"]])
def test_exceptions_refused(portal, lines):
    with pytest.raises(Invalid):
        IOpeningHours["hours_exceptions"].validate(lines)
