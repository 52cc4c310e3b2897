"""The root redirect filter sends ``/`` to the site and nothing else."""

from famiguida.wsgi import make_root_redirect

import pytest


def downstream(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"zope"]


def call(app, path, method="GET", query="", script_name=""):
    seen = {}

    def start_response(status, headers):
        seen["status"] = status
        seen["headers"] = dict(headers)

    environ = {
        "PATH_INFO": path,
        "REQUEST_METHOD": method,
        "QUERY_STRING": query,
        "SCRIPT_NAME": script_name,
    }
    body = b"".join(app(environ, start_response))
    return seen["status"], seen["headers"], body


@pytest.fixture
def app():
    return make_root_redirect({}, site_id="Plone")(downstream)


@pytest.mark.parametrize("path", ["", "/"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_root_redirects_to_site(app, path, method):
    status, headers, body = call(app, path, method)
    assert status == "302 Found"
    assert headers["Location"] == "/Plone"
    assert body == b""


def test_query_string_kept(app):
    _, headers, _ = call(app, "/", query="set_language=ar")
    assert headers["Location"] == "/Plone?set_language=ar"


def test_script_name_respected(app):
    _, headers, _ = call(app, "/", script_name="/portale")
    assert headers["Location"] == "/portale/Plone"


@pytest.mark.parametrize(
    "path,method",
    [("/Plone", "GET"), ("/manage_main", "GET"), ("/", "POST"), ("/x/", "GET")],
)
def test_everything_else_passes_through(app, path, method):
    status, _, body = call(app, path, method)
    assert status == "200 OK"
    assert body == b"zope"
