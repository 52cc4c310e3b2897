"""Benchmark: the directory search against Plone's stock search, 73 vs N services.

Two ways to run it:

``--url http://localhost:8080``
    measures a portal that is already running; starts nothing.

no ``--url`` (``make bench-search``)
    works in ``bench/out/`` (git-ignored), the same steps as ``make start``:
    ``starter/`` is a site created with ``famiguida-site --no-demo`` (the
    starter directory only); ``n<N>/`` is a copy of it into which
    ``generate_services.py`` loaded N services (default 10,000).  Both
    Data.fs are kept and reused by the next run.  For each of the two it first
    times the search engine in-process (a Zope script, no server: the engine
    alone, and the stock catalog query), then serves the site with
    ``runwsgi`` on a free port and measures over HTTP.

Over HTTP, sequentially, after a warm-up, ``--rounds`` GETs (default 30) of:

- each typical query on our ``@@cerca`` (results with facet counts), on the
  stock ``@@search`` page with free text + ``portal_type=Service`` (the most
  the stock search form offers: the words a visitor would type for the same
  need), and on the stock page given our catalog indexes as URL parameters
  (the same filters, no counts: the stock page accepts any catalog index);
- the home page, the directory landing, a service page (starter and
  generated), a folder of 500 generated services.

Medians, 90th percentiles, the ratio ours/stock, result counts and HTML sizes
are printed and, with ``--results``, appended as a dated section to
bench/RESULTS.md with the machine (cores, CPU model, Python, load average).

If ``@@cerca`` does not exist (404), the HTTP rows for it are skipped and the
in-process engine timing stands in for it (with ``--url`` that needs
``--zope-conf`` of that instance, stopped).
"""

from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import argparse
import hashlib
import inspect
import json
import os
import platform
import re
import requests
import shutil
import socket
import statistics
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "bench" / "out"
BIN = Path(sys.executable).parent
ROME = ZoneInfo("Europe/Rome")
STARTER_SERVICE = "it/guida/servizi/mediatore-culturale-servizi-sociali-cremasco"
# What a stored catalog depends on: when one of these changes, a reused
# Data.fs would be searched through indexes built by other code, so the sites
# in bench/out are made again.
INDEXED_BY = (
    "src/famiguida/indexers",
    "src/famiguida/opening_hours.py",
    "src/famiguida/content",
    "src/famiguida/behaviors",
    "src/famiguida/territory.py",
    "src/famiguida/profiles/default/catalog.xml",
    "content",
    "bench/generate_services.py",
)

# name, what it asks, our @@cerca parameters, the stock search's free text
# for the same need (None: stock lists every service), the same filters as
# stock @@search parameters on our indexes (None: not expressible).
QUERIES = (
    (
        "need+town",
        "need + municipality (housing, Cremona)",
        {"need": "housing", "town": "cremona"},
        "casa cremona",
        {"need_categories": "housing", "served_municipalities": "cremona"},
    ),
    (
        "text",
        'free text "italiano"',
        {"q": "italiano"},
        "italiano",
        None,  # the stock query already is the same filter
    ),
    (
        "need+lang+free",
        "need + language + free (language course, Arabic, free)",
        {"need": "language", "lang": "ar", "free": "1"},
        "corso arabo gratuito",
        {"need_categories": "language", "languages_spoken": "ar", "cost": "free"},
    ),
    (
        "open",
        "open now",
        {"open": "1"},
        None,
        "open_slots",
    ),
)
OURS_COUNT = re.compile(r">\s*(\d+) servizi trovati\s*<|>\s*(1) servizio trovato\s*<")
STOCK_COUNT = re.compile(r'id="search-results-number"[^>]*>\s*(\d+)')


# -- the machine -------------------------------------------------------------


def machine():
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{platform.machine()}, {os.cpu_count()} cores ({model}), "
        f"Python {platform.python_version()}"
    )


def load_average():
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "?"


# -- HTTP --------------------------------------------------------------------


def measure(session, urls, rounds, warmup=2):
    """Timings in ms of ``rounds`` sequential GETs of each URL, and the last
    response of each.  The URLs take turns within a round, so a neighbour
    loading the machine for a while weighs on all of them alike.
    """
    for _ in range(warmup):
        for url in urls:
            session.get(url, timeout=300)
    timings = {url: [] for url in urls}
    responses = {}
    for _ in range(rounds):
        for url in urls:
            start = time.perf_counter()
            response = session.get(url, timeout=300)
            timings[url].append((time.perf_counter() - start) * 1000)
            response.raise_for_status()
            responses[url] = response
    return timings, responses


def stats(timings):
    if not timings:
        return None, None
    p90 = statistics.quantiles(timings, n=10)[-1] if len(timings) > 1 else timings[0]
    return statistics.median(timings), p90


def count_in(pattern, html):
    match = pattern.search(html)
    if not match:
        return None
    return int(next(group for group in match.groups() if group))


def open_now_token():
    from famiguida.indexers.directory import SLOT_MINUTES
    from famiguida.opening_hours import token_for

    return token_for(datetime.now(ROME), step=SLOT_MINUTES)


def query_urls(root, cerca, ours, stock_text, stock_indexes):
    """Our URL, the stock page's, and the stock page's fed our indexes."""
    urls = {}
    if cerca:
        urls["ours"] = f"{root}/guida/@@cerca?{urlencode(ours, doseq=True)}"
    stock = {"portal_type": "Service"}
    if stock_text:
        stock["SearchableText"] = stock_text
    urls["stock"] = f"{root}/@@search?{urlencode(stock)}"
    if stock_indexes == "open_slots":
        stock_indexes = {"open_slots": open_now_token()}
    if stock_indexes:
        params = {"portal_type": "Service", **stock_indexes}
        urls["stock_idx"] = f"{root}/@@search?{urlencode(params)}"
    return urls


def http_rows(targets, rounds):
    """Every HTTP measurement of running portals, one dict per target.

    ``targets``: (base URL, site id, path of a generated service or None).
    With several targets (the starter site and the big one, served at the
    same time), their URLs take turns too, so both see the same machine.
    """
    results = [{"queries": [], "pages": [], "cerca": True} for _ in targets]
    with requests.Session() as session:
        for (base, site, _sample), rows in zip(targets, results, strict=True):
            probe = session.get(f"{base}/{site}/it/guida/@@cerca", timeout=300)
            rows["cerca"] = probe.status_code == 200
        for name, label, ours, stock_text, stock_indexes in QUERIES:
            per_target = [
                query_urls(
                    f"{base}/{site}/it", rows["cerca"], ours, stock_text, stock_indexes
                )
                for (base, site, _sample), rows in zip(targets, results, strict=True)
            ]
            every = [url for urls in per_target for url in urls.values()]
            timings, responses = measure(session, every, rounds)
            for urls, rows in zip(per_target, results, strict=True):
                row = {"name": name, "label": label}
                for key, url in urls.items():
                    response = responses[url]
                    row[key] = (url, timings[url], len(response.content))
                    pattern = OURS_COUNT if key == "ours" else STOCK_COUNT
                    row[f"{key}_count"] = count_in(pattern, response.text)
                rows["queries"].append(row)
                print_query(row)
        per_target = []
        for base, site, sample in targets:
            pages = [
                ("home /it", f"{base}/{site}/it"),
                ("directory landing /it/guida", f"{base}/{site}/it/guida"),
                ("starter service page", f"{base}/{site}/{STARTER_SERVICE}"),
            ]
            if sample:
                pages += [
                    (
                        "generated service page (folder of 500)",
                        f"{base}/{site}/{sample}",
                    ),
                    (
                        "folder of 500 services (default listing)",
                        f"{base}/{site}/{sample.rpartition('/')[0]}",
                    ),
                ]
            per_target.append(pages)
        found = [
            url
            for pages in per_target
            for _label, url in pages
            if session.get(url, timeout=300).status_code == 200
        ]
        timings, responses = measure(session, found, rounds)
        for pages, rows in zip(per_target, results, strict=True):
            for label, url in pages:
                if url not in found:
                    rows["pages"].append((label, url, [], None))
                    continue
                size = len(responses[url].content)
                rows["pages"].append((label, url, timings[url], size))
                median, p90 = stats(timings[url])
                print(f"  {label:42} {median:7.1f} ms  p90 {p90:7.1f}  {size:8d} B")
    return results


def print_query(row):
    parts = [f"  {row['name']:15}"]
    for key in ("ours", "stock", "stock_idx"):
        if key in row:
            median, p90 = stats(row[key][1])
            count = row.get(f"{key}_count")
            parts.append(f"{key} {median:6.1f}/{p90:6.1f} ms n={count} {row[key][2]} B")
    print("  ".join(parts))


# -- in-process: the engine alone ----------------------------------------------


def engine_main(args):
    """A Zope script: time DirectorySearch and the stock catalog query.

    Runs as anonymous (no security manager: the catalog filters on what
    Anonymous may view).  Each run also reads the metadata a results page
    shows for its first page (20 ours, 10 stock), and asks the engine for that
    page only when it can (``run(b_start, b_size)``), as ``@@cerca`` does.
    """
    from famiguida.directory_search import Criteria
    from famiguida.directory_search import DirectorySearch
    from famiguida.indexers.directory import SLOT_MINUTES
    from famiguida.opening_hours import token_for
    from famiguida.scripts.create_site import open_app
    from plone.base.utils import munge_search_term
    from zope.component.hooks import setSite

    app = open_app(args.zope_conf)
    site = app[args.site]
    setSite(site)
    root = site.it
    catalog = site.portal_catalog
    path = "/".join(root.getPhysicalPath())

    # a typical weekday morning, and the next 8 December (a holiday on which
    # many places have an exception line) at the same hour
    today = datetime.now(ROME).replace(hour=10, minute=0, second=0, microsecond=0)
    weekday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)  # Tuesday
    holiday = today.replace(month=12, day=8)
    if holiday <= today:
        holiday = holiday.replace(year=today.year + 1)

    def touch(brains, size):
        for brain in brains[:size]:
            (brain.Title, brain.Description, brain.getURL())

    # Every search also counts "open now" (a facet), so the time of day and
    # exception days weigh on every query, not only on open=1.
    cases = [
        (f"{name}, Tue 10:00", ours, weekday, stock_text)
        for name, _label, ours, stock_text, _indexes in QUERIES
    ]
    cases += [
        ("need+town, 8 Dec 10:00", QUERIES[0][2], holiday, QUERIES[0][3]),
        ("open, 8 Dec 10:00", QUERIES[3][2], holiday, QUERIES[3][3]),
        ("landing counts, Tue 10:00", None, weekday, None),
        ("landing counts, 8 Dec 10:00", None, holiday, None),
    ]
    # as @@cerca calls it: only the first page of 20, if the engine can
    run_parameters = inspect.signature(DirectorySearch.run).parameters
    page = {"b_start": 0, "b_size": 20} if "b_size" in run_parameters else {}
    results = []
    for name, form, now, stock_text in cases:
        stock_query = None
        if form is not None:
            stock_query = {"portal_type": "Service", "path": path}
            if stock_text:
                stock_query["SearchableText"] = munge_search_term(stock_text)
            if name.startswith("open"):
                stock_query["open_slots"] = token_for(now, step=SLOT_MINUTES)
        timings = {"ours": [], "stock": []}
        counts = {"ours": None, "stock": None}
        for round_ in range(args.rounds + 2):  # two warm-up rounds
            start = time.perf_counter()
            if form is None:  # the landing page's tiles: counts only
                search = DirectorySearch(root, Criteria(), now=now)
                counts["ours"] = sum(search.facet_counts()["need"].values())
            else:
                search = DirectorySearch(root, Criteria.from_form(dict(form)), now=now)
                result = search.run(**page)
                touch(result.brains, 20)
                counts["ours"] = result.total
            ours_ms = (time.perf_counter() - start) * 1000
            if stock_query is not None:
                start = time.perf_counter()
                brains = catalog(**stock_query)
                touch(brains, 10)
                counts["stock"] = len(brains)
                stock_ms = (time.perf_counter() - start) * 1000
            if round_ >= 2:
                timings["ours"].append(ours_ms)
                if stock_query is not None:
                    timings["stock"].append(stock_ms)
        exceptions = len(
            catalog.unrestrictedSearchResults(
                portal_type="Service", hours_exception_days=now.date().isoformat()
            )
        )
        results.append(
            {
                "name": name,
                "stock_query": sorted(stock_query or ()),
                "ours": timings["ours"],
                "stock": timings["stock"],
                "ours_n": counts["ours"],
                "stock_n": counts["stock"],
                "exception_services": exceptions,
                "paged": bool(page),
            }
        )
    print("ENGINE-JSON " + json.dumps(results))


def run_engine(zope_conf, site, rounds):
    result = subprocess.run(
        [
            sys.executable,
            __file__,
            "--engine",
            "--zope-conf",
            zope_conf,
            "--site",
            site,
            "--rounds",
            str(rounds),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=3600,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    line = next(x for x in result.stdout.splitlines() if x.startswith("ENGINE-JSON"))
    rows = json.loads(line.split(" ", 1)[1])
    for row in rows:
        (om, op), (sm, sp) = stats(row["ours"]), stats(row["stock"])
        print(
            f"  engine {row['name']:28} ours {fmt(om)}/{fmt(op)} ms n={row['ours_n']}"
            f"  stock catalog {fmt(sm)}/{fmt(sp)} ms n={row['stock_n']}"
            f"  (services with an exception that day: {row['exception_services']})"
        )
    return rows


# -- the throwaway instances in bench/out ----------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Dataset:
    """One rendered instance in bench/out/<name> with its own var/."""

    def __init__(self, name):
        self.name = name
        self.root = OUT / name
        self.var = self.root / "var"
        self.zope_conf = self.root / "instance" / "etc" / "zope.conf"
        self.data_fs = self.var / "filestorage" / "Data.fs"
        self.marker = self.root / "made.json"
        self.port = None
        self.process = None

    def render(self):
        self.port = free_port()
        subprocess.run(
            [
                *(BIN / "python", REPO / "profiles" / "render.py"),
                *("--instance", self.root / "instance", "--var", self.var),
                *("--port", str(self.port)),
            ],
            check=True,
            capture_output=True,
        )

    @property
    def url(self):
        # localhost, not 127.0.0.1: Plone leaves pages unthemed on the latter
        return f"http://localhost:{self.port}"

    def start(self):
        self.render()
        log = open(self.root / "server.log", "ab")  # noqa: SIM115 - closed in stop
        self.process = subprocess.Popen(
            [BIN / "runwsgi", self.root / "instance" / "etc" / "zope.ini"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self._log = log
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server of {self.name} stopped; see server.log")
            try:
                requests.get(f"{self.url}/Plone/it", timeout=30)
                return
            except requests.ConnectionError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"server of {self.name} did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=120)
            self.process = None
            self._log.close()


def fingerprint():
    """A hash of the code and data that the stored catalogs depend on."""
    digest = hashlib.sha256()
    for entry in INDEXED_BY:
        path = REPO / entry
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.is_file() and file.suffix in (".py", ".json", ".xml"):
                digest.update(str(file.relative_to(REPO)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def git_state():
    """The commit measured, and the files of the package that differ from it."""
    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--", "src", "content", "profiles"],
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.split("\n")
    return head, [line[3:] for line in dirty if line.strip()]


def reusable(dataset, args):
    """True if ``dataset`` was made by the current indexing code."""
    if not dataset.data_fs.exists():
        return False
    if dataset.marker.exists():
        marker = json.loads(dataset.marker.read_text())
        if marker.get("fingerprint") == fingerprint() or args.reuse_stale:
            return True
    print(f"bench/out/{dataset.name}: made by other indexing code: making it again")
    shutil.rmtree(dataset.root)
    return False


def ensure_starter(args):
    starter = Dataset("starter")
    if reusable(starter, args):
        print(f"bench/out/starter: reusing {starter.data_fs.relative_to(REPO)}")
        return starter
    starter.render()
    print("bench/out/starter: creating the site (famiguida-site --no-demo)")
    subprocess.run(
        [BIN / "famiguida-site", "--zope-conf", starter.zope_conf, "--no-demo"],
        cwd=REPO,
        check=True,
    )
    starter.marker.write_text(
        json.dumps({"fingerprint": fingerprint(), "commit": git_state()[0]})
    )
    return starter


def ensure_generated(starter, args):
    """The starter site plus N generated services (generated once, reused)."""
    generated = Dataset(f"n{args.services}")
    params = {
        "services": args.services,
        "organizations": args.organizations,
        "locations": args.locations,
        "seed": args.seed,
    }
    if reusable(generated, args):
        marker = json.loads(generated.marker.read_text())
        if {k: marker.get(k) for k in params} == params:
            print(f"bench/out/{generated.name}: reusing the generated Data.fs")
            return generated, marker
        sys.exit(f"{generated.marker} was made with other parameters: remove it")
    if not generated.data_fs.exists():
        shutil.copytree(
            starter.var,
            generated.var,
            ignore=shutil.ignore_patterns("*.lock", "*.tmp", "*.log"),
        )
    generated.render()
    reference = args.reference_date or datetime.now(ROME).date().isoformat()
    command = [BIN / "python", REPO / "bench" / "generate_services.py"]
    command += ["--zope-conf", generated.zope_conf, "-n", str(args.services)]
    command += ["--organizations", str(args.organizations)]
    command += ["--locations", str(args.locations), "--seed", str(args.seed)]
    command += ["--reference-date", reference]
    print(f"bench/out/{generated.name}: loading {args.services} services")
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, text=True, capture_output=True)
    print(result.stdout[-3000:])
    if result.returncode != 0:
        sys.exit(result.stderr[-5000:])
    marker = {
        **params,
        "fingerprint": fingerprint(),
        "commit": git_state()[0],
        "reference_date": reference,
        "load_seconds": round(time.perf_counter() - started),
        "log": result.stdout.strip().splitlines(),
        "data_fs_bytes": generated.data_fs.stat().st_size,
    }
    generated.marker.write_text(json.dumps(marker, indent=1))
    return generated, marker


def sample_service(args):
    """Path of the first generated service (the generator is deterministic)."""
    sys.path.insert(0, str(REPO / "bench"))
    from generate_services import BENCH_ROOT
    from generate_services import folder_of
    from generate_services import generate

    data = generate(args.services, args.organizations, args.locations, seed=args.seed)
    return f"{BENCH_ROOT}/{folder_of(0, 500)}/{data['services'][0]['id']}"


# -- the report --------------------------------------------------------------


def fmt(value, digits=1):
    return "—" if value is None else f"{value:.{digits}f}"


def code_state(before):
    """Which famiguida was measured (and whether it changed during the run)."""
    head, dirty = before
    text = f"famiguida at {head}"
    if dirty:
        text += " with uncommitted changes to " + ", ".join(f"`{f}`" for f in dirty)
    after_head, after_dirty = git_state()
    changed = set(before[1]) ^ set(after_dirty)
    if after_head != head:
        changed |= set(
            subprocess.run(
                ["git", "diff", "--name-only", head, after_head, "--", "src"],
                cwd=REPO,
                capture_output=True,
                text=True,
            ).stdout.split()
        )
    if changed or after_head != head:
        files = ", ".join(f"`{f}`" for f in sorted(changed)) or "none under src"
        text += (
            f"; **the tree changed during the run** (now {after_head}; "
            f"files changed: {files})"
        )
    return text + "."


def report(runs, args, extra):
    """The Markdown section for bench/RESULTS.md."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    local = datetime.now(ROME).strftime("%a %H:%M")
    lines = [
        f"\n### search.py, {stamp}, {machine()}\n",
        f"{args.rounds} sequential GETs per URL after 2 warm-up GETs, anonymous, "
        "one waitress process (4 threads) per site on FileStorage, over "
        "loopback; the URLs compared in a row (and the two sites) take turns "
        "within each round; load average "
        f"before/after: {extra['load_before']} / {load_average()}. Europe/Rome "
        f"time of the run: {local} (it decides what is open now). "
        f"{code_state(extra['git_before'])}\n",
    ]
    lines += extra.get("notes", [])
    lines.append(
        "\nCompared: **ours** = `/Plone/it/guida/@@cerca` (results, 20 per page, "
        "with counts on every facet); **stock** = `/Plone/it/@@search` with "
        "`portal_type=Service` and the words a visitor would type for the same "
        "need (it cannot filter by facet: its result set differs, see n), "
        "10 per page; **stock+idx** = the stock page given our catalog indexes "
        "as URL parameters (same filters, no counts; for open now only the "
        "weekly bucket, no exception days). For open now the stock page lists "
        "every service. n = results found.\n"
    )
    for label, run in runs:
        rows = run["http"]
        lines.append(f"\n#### {label}\n")
        if not rows["cerca"]:
            lines.append(
                "`@@cerca` did not exist (404) when this ran: the HTTP rows "
                "for ours are missing; the in-process engine timing below "
                "stands in.\n"
            )
        lines.append(
            "| query | ours median / p90 ms | n | stock median / p90 ms | n | "
            "ours/stock | stock+idx median / p90 ms | n | ours/stock+idx |"
        )
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for row in rows["queries"]:
            om, op = stats(row["ours"][1]) if "ours" in row else (None, None)
            sm, sp = stats(row["stock"][1])
            im, ip = stats(row["stock_idx"][1]) if "stock_idx" in row else (None, None)
            ratio = om / sm if om and sm else None
            ratio_idx = om / im if om and im else None
            lines.append(
                f"| {row['label']} | {fmt(om)} / {fmt(op)} | "
                f"{row.get('ours_count', '—')} | {fmt(sm)} / {fmt(sp)} | "
                f"{row.get('stock_count', '—')} | {fmt(ratio, 2)} | "
                f"{fmt(im)} / {fmt(ip)} | {row.get('stock_idx_count', '—')} | "
                f"{fmt(ratio_idx, 2)} |"
            )
        engine = run.get("engine")
        if engine:
            paged = all(row.get("paged") for row in engine)
            call = ".run(b_start=0, b_size=20)" if paged else ".run()"
            lines.append(
                "\nIn-process, no HTTP and no page (a Zope script as Anonymous): "
                "`DirectorySearch(root, criteria, now=...)"
                f"{call}` as `@@cerca` calls it, reading the page's metadata, "
                "vs `portal_catalog(...)` with the stock query (plus "
                "`open_slots` for open now) reading 10 brains; at a fixed time: "
                "next Tuesday 10:00, and 8 December 10:00, a holiday on which "
                "many places have an exception line (last column). Every search "
                "also counts open now (a facet). Landing counts = the `/guida` "
                "tiles (`facet_counts()`), no stock equivalent.\n"
            )
            lines.append(
                "| query | engine median / p90 ms | n | catalog median / p90 ms | n "
                "| services with an exception that day |"
            )
            lines.append("|---|---|---|---|---|---|")
            for row in engine:
                (om, op), (sm, sp) = stats(row["ours"]), stats(row["stock"])
                stock_n = "—" if row["stock_n"] is None else row["stock_n"]
                lines.append(
                    f"| {row['name']} | {fmt(om)} / {fmt(op)} | {row['ours_n']} | "
                    f"{fmt(sm)} / {fmt(sp)} | {stock_n} | {row['exception_services']} |"
                )
    lines.append("\nPages (HTML as waitress sends it, uncompressed):\n")
    header = "| page |"
    rule = "|---|"
    for label, _run in runs:
        header += f" {label}: median / p90 ms | bytes |"
        rule += "---|---|"
    lines += [header, rule]
    page_labels = []
    for _label, run in runs:
        for page in run["http"]["pages"]:
            if page[0] not in page_labels:
                page_labels.append(page[0])
    results_pages = [
        ("search results page, ours (need + municipality)", "ours"),
        ("search results page, stock (text + type)", "stock"),
    ]
    for page_label in page_labels + [p[0] for p in results_pages]:
        line = f"| {page_label} |"
        for _label, run in runs:
            found = None
            for page in run["http"]["pages"]:
                if page[0] == page_label and page[3] is not None:
                    found = (page[2], page[3])
            for results_label, key in results_pages:
                first = run["http"]["queries"][0]
                if results_label == page_label and key in first:
                    found = (first[key][1], first[key][2])
            if found:
                median, p90 = stats(found[0])
                line += f" {fmt(median)} / {fmt(p90)} | {found[1]} |"
            else:
                line += " — | — |"
        lines.append(line)
    return "\n".join(lines) + "\n"


def self_managed(args):
    extra = {"load_before": load_average(), "notes": [], "git_before": git_state()}
    OUT.mkdir(parents=True, exist_ok=True)
    starter = ensure_starter(args)
    generated, marker = ensure_generated(starter, args)
    sample = sample_service(args)
    extra["notes"].append(
        f"\nData: `starter` = the site as `famiguida-site --no-demo` makes it "
        f"(the starter directory of `content/items`); `n{args.services}` = the "
        f"same plus {args.services} services, {args.organizations} "
        f"organizations, {args.locations} locations from "
        f"`generate_services.py --seed {args.seed} --reference-date "
        f"{marker['reference_date']}` in 20 folders of 500 "
        f"(`/Plone/it/guida/servizi-bench/lotto-NN`); loading took "
        f"{marker['load_seconds']} s ({marker['log'][-1]}); Data.fs "
        f"{marker['data_fs_bytes'] / 2**20:.0f} MiB.\n"
    )
    datasets = (
        ("starter", starter, None),
        (f"n{args.services}", generated, sample),
    )
    runs = []
    for label, dataset, _sample in datasets:  # the servers hold the Data.fs
        print(f"== {label}: engine in-process")
        runs.append(
            (label, {"engine": run_engine(dataset.zope_conf, args.site, args.rounds)})
        )
    print("== HTTP, both sites served at once")
    try:
        for _label, dataset, _sample in datasets:
            dataset.start()
        http = http_rows(
            [(dataset.url, args.site, sample) for _l, dataset, sample in datasets],
            args.rounds,
        )
    finally:
        for _label, dataset, _sample in datasets:
            dataset.stop()
    for (_label, run), rows in zip(runs, http, strict=True):
        run["http"] = rows
    return runs, extra


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running portal: measure it, start nothing")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("-n", "--services", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=300)
    parser.add_argument("--locations", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--reference-date", help="for the generator (default: today)")
    parser.add_argument("--results", help="Markdown file to append a section to")
    parser.add_argument(
        "--zope-conf",
        help="with --engine, or with --url: the "
        "instance's zope.conf for the in-process engine timing",
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="only create the two sites in bench/out (no measurement)",
    )
    parser.add_argument(
        "--reuse-stale",
        action="store_true",
        help="reuse bench/out even if the indexing code changed since",
    )
    parser.add_argument("--engine", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        return engine_main(args)
    if args.prepare:
        OUT.mkdir(parents=True, exist_ok=True)
        ensure_generated(ensure_starter(args), args)
        return None
    if args.url:
        extra = {"load_before": load_average(), "notes": [], "git_before": git_state()}
        run = {}
        if args.zope_conf:
            run["engine"] = run_engine(args.zope_conf, args.site, args.rounds)
        sample = sample_service(args)  # measured if generate_services.py loaded it
        run["http"] = http_rows(
            [(args.url.rstrip("/"), args.site, sample)], args.rounds
        )[0]
        runs = [(args.url, run)]
    else:
        runs, extra = self_managed(args)
    text = report(runs, args, extra)
    if not args.url:  # the raw timings, for a closer look
        (OUT / "last-run.json").write_text(json.dumps(runs, indent=1))
    print(text)
    if args.results:
        with open(args.results, "a", encoding="utf-8") as out:
            out.write(text)


if __name__ == "__main__":
    main()
