"""Benchmark: sustained desk-form submissions per second, through the real form.

    python bench/forms.py [-n 300] [--clients 4] [--results bench/RESULTS.md]

In ``bench/out/forms/`` (git-ignored, made anew each run) it does what
``make start`` does: renders the FileStorage profile, creates the site with
``famiguida-site --no-demo`` and serves it with ``runwsgi`` (one process,
4 waitress threads). A real SMTP server (aiosmtpd) listens on a free
loopback port and the site's MailHost points at it.

The per-address rate limit is switched off on this site (every client here
is 127.0.0.1; on the portal it stops one address, not a load), everything
else stays as deployed: the honeypot, the signed timestamp with its minimum
fill time, the form's validation, the mail queue.

1. **open**: ``-n`` GETs of the family's housing form ``cerco-casa``, in
   Italian and Arabic alternately, keeping each page's signed timestamp and
   cookies, as ``-n`` visitors opening the form;
2. waits the minimum fill time;
3. **submit**: ``--clients`` threads POST the ``-n`` filled forms as fast as
   the server answers, as a browser without JavaScript would
   (``application/x-www-form-urlencoded``); each answer must be the thank-you
   page with a reference number;
4. waits until the mail queue has sent every mail, stops the server, and
   counts in the database the requests stored in the housing desk's inbox.

Reported: submissions per second (``-n`` / wall time of step 3), the median
and 90th percentile of one POST, the form page GETs, and the counts: sent,
thank-you pages, distinct reference numbers, stored requests, mails received.
"""

from aiosmtpd.controller import Controller
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from datetime import UTC
from html.parser import HTMLParser
from pathlib import Path

import argparse
import json
import os
import platform
import re
import requests
import shutil
import statistics
import subprocess
import sys
import threading
import time


REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out" / "forms"
sys.path.insert(0, str(REPO / "src"))

from famiguida.testing_server import free_port  # noqa: E402
from famiguida.testing_server import Instance  # noqa: E402


FORM = "moduli/cerco-casa"
LANGUAGES = ("it", "ar")
CLOSE = {"Connection": "close"}
REFERENCE = re.compile(r"CASA-\d{4}-\d{5}")
# What a family types; the municipality is the vocabulary token.
ANSWERS = {
    "household_size": "4",
    "children": "2",
    "municipality": "crema",
    "budget": "550",
    "needs": "Due camere, vicino alla scuola dei bambini.",
    "name": "Amina Haddad",
    "phone": "+39 333 1234567",
    "email": "amina@example.org",
}


# -- the machine -------------------------------------------------------------


def machine():
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model}), "
        f"Python {platform.python_version()}"
    )


def load_average():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def commit():
    return subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()


# -- the mail server -----------------------------------------------------------


class Counting:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
        return "250 Message accepted for delivery"


# -- Zope scripts run against the stopped instance ------------------------------


def configure_main(zope_conf, site_id, smtp_port):
    """Point the MailHost at the bench's SMTP server, switch the rate limit off."""
    from famiguida.scripts.create_site import open_app
    from plone import api
    from zope.component.hooks import setSite

    import transaction

    app = open_app(zope_conf)
    site = app[site_id]
    setSite(site)
    api.portal.set_registry_record("plone.smtp_host", "127.0.0.1")
    api.portal.set_registry_record("plone.smtp_port", smtp_port)
    api.portal.set_registry_record("plone.email_from_address", "famiguida@example.org")
    api.portal.set_registry_record("famiguida.desk_forms.rate_limit_count", 0)
    site.MailHost.smtp_host = "127.0.0.1"
    site.MailHost.smtp_port = smtp_port
    transaction.commit()
    print("CONFIGURED")


def count_main(zope_conf, site_id):
    """The desk requests stored in the housing inbox, and their references."""
    from famiguida.scripts.create_site import open_app

    app = open_app(zope_conf)
    inbox = app[site_id].unrestrictedTraverse("sportelli/casa")
    references = [
        obj.reference
        for obj in inbox.objectValues()
        if obj.portal_type == "DeskRequest" and obj.form_id == "cerco-casa"
    ]
    print("COUNT-JSON " + json.dumps(references))


def zope_script(*args):
    result = subprocess.run(
        [sys.executable, __file__, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    return result.stdout


# -- the form as a browser sees it -----------------------------------------------


class FormFields(HTMLParser):
    """The page's POST forms: action, hidden values and field names of each."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.current = {"action": attrs.get("action"), "hidden": {}, "names": set()}
            self.forms.append(self.current)
        elif self.current is not None and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if name:
                self.current["names"].add(name)
                if tag == "input" and attrs.get("type") == "hidden":
                    self.current["hidden"][name] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None

    def desk_form(self):
        """The form that asks for the privacy consent: the desk form."""
        for form in self.forms:
            if any("privacy_consent" in name for name in form["names"]):
                return form
        raise RuntimeError("no desk form on the page")


def open_form(url, language):
    """GET the form as a new visitor: its session, action and hidden fields."""
    session = requests.Session()
    start = time.perf_counter()
    # one connection a request: hundreds of idle keep-alive connections would
    # reach waitress's connection limit
    response = session.get(f"{url}/Plone/{language}/{FORM}", headers=CLOSE, timeout=120)
    elapsed = (time.perf_counter() - start) * 1000
    response.raise_for_status()
    parser = FormFields()
    parser.feed(response.text)
    return session, parser.desk_form(), elapsed


def filled(form):
    """The POST body of a filled form (names as z3c.form writes them)."""
    data = dict(form["hidden"])
    for field, value in ANSWERS.items():
        name = f"form.widgets.{field}"
        if f"{name}:list" in form["names"]:
            data[f"{name}:list"] = value
        elif name in form["names"]:
            data[name] = value
        else:
            raise RuntimeError(f"the form has no field {field!r}: {form['names']}")
    data["form.widgets.privacy_consent:list"] = "selected"
    data["form.buttons.submit"] = "Invia"
    return data


def submit(visitor):
    session, form, _ = visitor
    start = time.perf_counter()
    response = session.post(
        form["action"], data=filled(form), headers=CLOSE, timeout=300
    )
    elapsed = (time.perf_counter() - start) * 1000
    match = REFERENCE.search(response.text) if response.ok else None
    return elapsed, response.status_code, match.group(0) if match else None


# -- the run -------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def run(args):
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    handler = Counting()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port())
    smtp.start()
    instance = Instance(OUT)
    print("creating the site (famiguida-site --no-demo) ...", flush=True)
    instance.create_site("--no-demo")
    zope_script("--configure", str(instance.zope_conf), str(smtp.port))
    load_before = load_average()
    instance.start(wait_for=f"/Plone/it/{FORM}")
    try:
        print(f"opening {args.n} forms ...", flush=True)
        visitors = [open_form(instance.url, LANGUAGES[i % 2]) for i in range(args.n)]
        opens = [v[2] for v in visitors]
        # the minimum fill time counts from the first page opened
        time.sleep(3.5)
        print(f"submitting with {args.clients} clients ...", flush=True)
        start = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            results = list(pool.map(submit, visitors))
        wall = time.perf_counter() - start
        posts = [r[0] for r in results]
        references = [r[2] for r in results if r[2]]
        statuses = sorted({r[1] for r in results})
        expected_mails = 2 * args.n  # the desk's notice and the confirmation
        deadline = time.monotonic() + 300
        while handler.count < expected_mails and time.monotonic() < deadline:
            time.sleep(0.5)
        mail_wait = time.perf_counter() - start - wall
    finally:
        instance.stop()
        smtp.stop()
    stored = json.loads(
        zope_script("--count", str(instance.zope_conf))
        .split("COUNT-JSON ", 1)[1]
        .splitlines()[0]
    )
    row = {
        "sent": args.n,
        "clients": args.clients,
        "wall": wall,
        "rate": args.n / wall,
        "post_median": statistics.median(posts),
        "post_p90": percentile(posts, 0.9),
        "post_max": max(posts),
        "retried": (instance.root / "server.log")
        .read_text(errors="replace")
        .count("Request will be retried"),
        "open_median": statistics.median(opens),
        "open_p90": percentile(opens, 0.9),
        "thanks": len(references),
        "distinct": len(set(references)),
        "stored": len(stored),
        "stored_distinct": len(set(stored)),
        "statuses": statuses,
        "mails": handler.count,
        "mail_wait": mail_wait,
        "load_before": load_before,
        "load_after": load_average(),
    }
    print(json.dumps(row, indent=1))
    ok = row["stored"] == row["sent"] == row["distinct"] == row["stored_distinct"]
    if args.results:
        with open(args.results, "a", encoding="utf-8") as results:
            results.write(report(row))
    return 0 if ok else 1


def report(row):
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"""
### forms.py, {stamp}, {machine()}

Desk-form submissions through the real form over HTTP: `{FORM}` (the family's
housing form) of a site made with `famiguida-site --no-demo`, one waitress
process (4 threads) on FileStorage, in Italian and Arabic alternately;
{row["sent"]} forms opened (GET), then POSTed by {row["clients"]} concurrent
clients after the minimum fill time. Defences on (honeypot, signed timestamp,
validation) except the per-address rate limit (every client is 127.0.0.1).
Mails to a real SMTP server (aiosmtpd) through the mail queue. Load average
before/after: {row["load_before"]} / {row["load_after"]}. famiguida at {commit()}.

""" + table(row)


def table(row):
    rows = [
        (
            "**sustained submissions per second**",
            f"**{row['rate']:.1f}** ({row['sent']} in {row['wall']:.1f} s)",
        ),
        (
            "one submission (POST to thank-you page), median / p90 ms",
            f"{row['post_median']:.0f} / {row['post_p90']:.0f}",
        ),
        ("slowest submission, ms", f"{row['post_max']:.0f}"),
        (
            "requests Zope ran again after a write conflict",
            f"{row['retried']} (each after a random pause of up to 2^n s)",
        ),
        (
            "opening the form (GET), median / p90 ms",
            f"{row['open_median']:.0f} / {row['open_p90']:.0f}",
        ),
        (
            "sent / thank-you pages with a number / distinct numbers",
            f"{row['sent']} / {row['thanks']} / {row['distinct']}",
        ),
        (
            "requests stored in the inbox (distinct numbers)",
            f"{row['stored']} ({row['stored_distinct']})",
        ),
        ("HTTP statuses", ", ".join(map(str, row["statuses"]))),
        (
            "mails received (notice + confirmation each)",
            f"{row['mails']} of {2 * row['sent']}, "
            f"{row['mail_wait']:.1f} s after the last answer",
        ),
    ]
    lines = ["| measure | value |", "|---|---|"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n" + "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=300, help="submissions to send")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--results", help="append the results to this Markdown file")
    parser.add_argument("--configure", nargs=2, metavar=("ZOPE_CONF", "SMTP_PORT"))
    parser.add_argument("--count", metavar="ZOPE_CONF")
    parser.add_argument("--site", default="Plone")
    args = parser.parse_args()
    if args.configure:
        configure_main(args.configure[0], args.site, int(args.configure[1]))
        return 0
    if args.count:
        count_main(args.count, args.site)
        return 0
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
