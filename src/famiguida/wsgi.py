"""WSGI filter: the server's root ``/`` leads to the Plone site.

Zope answers ``/`` with its own overview page; famiguida's visitors want the
portal.  The site's own root then picks the visitor's language root
(plone.app.multilingual's language switcher).  Everything else, ``/manage``
included, passes through untouched.
"""


class RootRedirect:
    """Redirect GET and HEAD of exactly ``/`` to ``/<site_id>``."""

    def __init__(self, app, site_id="Plone"):
        self.app = app
        self.site_id = site_id

    def __call__(self, environ, start_response):
        is_root = environ.get("PATH_INFO", "") in ("", "/")
        if is_root and environ.get("REQUEST_METHOD") in ("GET", "HEAD"):
            location = f"{environ.get('SCRIPT_NAME', '')}/{self.site_id}"
            if environ.get("QUERY_STRING"):
                location += "?" + environ["QUERY_STRING"]
            start_response(
                "302 Found",
                [
                    ("Location", location),
                    ("Content-Length", "0"),
                    ("Cache-Control", "no-cache"),
                ],
            )
            return [b""]
        return self.app(environ, start_response)


def make_root_redirect(global_conf, site_id="Plone"):
    """PasteDeploy filter factory (``use = egg:famiguida#root_redirect``)."""

    def factory(app):
        return RootRedirect(app, site_id=site_id)

    return factory
