"""Benchmark: build the printable guide (``@@guida-pdf``) of a district of 500 services.

Works in ``bench/out/guide-<district>-<N>/`` (git-ignored, reused by the next
run while the indexing code and the parameters are the same): a site made
with ``famiguida-site --no-demo`` (the starter directory), into which
``generate_services.py``'s generator loads N services (default 480: with the
starter's own services of the Crema district that makes about 500) whose
places and service areas all lie in one district, with their organizations
and places.  Then, in-process (a Zope script, no HTTP), for ``--rounds`` runs
(default 3) of the Italian guide of that district:

- gathering the services and writing the HTML (catalog, objects, hours in
  words, QR codes; the view's ``render_html``),
- WeasyPrint turning the HTML into the PDF (``guide_pdf.render_pdf``),

and the cached answer of the view itself (second call: a cache hit).
Medians, page count and PDF size are printed and, with ``--results``,
appended as a dated section to bench/RESULTS.md with the machine.

    .venv/bin/python bench/guide_pdf.py --results bench/RESULTS.md
"""

from datetime import datetime
from datetime import UTC
from pathlib import Path

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time


REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))

from search import BIN  # noqa: E402
from search import Dataset  # noqa: E402
from search import git_state  # noqa: E402
from search import load_average  # noqa: E402
from search import machine  # noqa: E402


def district_data(district, services, seed):
    """Generated organizations, places and ``services`` services, all of the
    services with their places and area in ``district``."""
    from generate_services import generate

    data = generate(0, organizations=120, locations=600, seed=seed)
    from generate_services import Generator
    from generate_services import TERRITORY

    gen = Generator(json.loads(TERRITORY.read_text(encoding="utf-8")), seed=seed)
    gen.ids = {spec["id"] for key in data for spec in data[key]}
    places = [
        place
        for place in data["locations"]
        if gen.towns[place["municipality"]][1] == district
    ]
    data["services"] = gen.services(data["organizations"], places, services)
    for service in data["services"]:  # a few serve a second district too
        if service["districts"] and district not in service["districts"]:
            service["districts"] = [district]
    return data


def load_main(args):
    """Zope script: load the district's generated services into the site."""
    from AccessControl.SecurityManagement import newSecurityManager
    from famiguida.scripts.create_site import open_app
    from generate_services import Loader
    from plone import api
    from zope.component.hooks import setSite

    data = district_data(args.district, args.services, args.seed)
    app = open_app(args.zope_conf)
    site = app["Plone"]
    setSite(site)
    admin = app.acl_users.getUserById("admin")
    newSecurityManager(None, admin.__of__(app.acl_users))
    started = time.perf_counter()
    with api.env.adopt_roles(["Manager"]):
        created = Loader(site, data, per_folder=500, commit_every=500).run()
    print(f"Loaded {dict(created)} in {time.perf_counter() - started:.0f} s")
    app._p_jar.db().close()


def measure_main(args):
    """Zope script: time the guide of the district, print one JSON line."""
    from famiguida import guide_pdf
    from famiguida.browser.guide_pdf import GuidePdfView
    from famiguida.scripts.create_site import open_app
    from zope.component.hooks import setSite

    app = open_app(args.zope_conf)
    site = app["Plone"]
    setSite(site)
    request = app.REQUEST
    request.form.update({"district": args.district})
    guida = site.it.guida
    html_times, pdf_times, cpu_times = [], [], []
    pages = size = total = 0
    for _round in range(args.rounds):
        view = GuidePdfView(guida, request)
        cpu = time.process_time()
        started = time.perf_counter()
        html = view.render_html()
        html_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        pdf, pages = guide_pdf.render_pdf(html, base_url=guida.absolute_url())
        pdf_times.append(time.perf_counter() - started)
        cpu_times.append(time.process_time() - cpu)
        size = len(pdf)
        total = html.count('<article class="service"')
    guide_pdf.CACHE.clear()
    view = GuidePdfView(guida, request)
    started = time.perf_counter()
    view()
    miss = time.perf_counter() - started
    started = time.perf_counter()
    view()
    hit = time.perf_counter() - started
    catalog = site.portal_catalog
    in_district = len(
        catalog.unrestrictedSearchResults(
            portal_type="Service", served_districts=args.district, Language="it"
        )
    )
    print(
        "GUIDE-JSON "
        + json.dumps(
            {
                "html": html_times,
                "pdf": pdf_times,
                "cpu": cpu_times,
                "pages": pages,
                "bytes": size,
                "listed": total,
                "html_bytes": len(html.encode()),
                "in_district": in_district,
                "view_miss": miss,
                "view_hit": hit,
            }
        )
    )


def run(command):
    result = subprocess.run(command, cwd=REPO, text=True, capture_output=True)
    if result.returncode != 0:
        sys.exit(result.stdout[-2000:] + result.stderr[-5000:])
    return result.stdout


def ensure_site(args):
    """bench/out/guide-<district>-<N>: made once, reused while still valid."""
    dataset = Dataset(f"guide-{args.district}-{args.services}")
    params = {"district": args.district, "services": args.services, "seed": args.seed}
    # Not the code's fingerprint (bench/search.py's): the translations in
    # content/ change often and do not matter here; --fresh makes it again.
    marker = params
    if (
        not args.fresh
        and dataset.marker.exists()
        and dataset.data_fs.exists()
        and json.loads(dataset.marker.read_text()) == marker
    ):
        print(f"bench/out/{dataset.name}: reusing its Data.fs")
        dataset.render()
        return dataset
    shutil.rmtree(dataset.root, ignore_errors=True)
    dataset.root.mkdir(parents=True)
    dataset.render()
    print(f"bench/out/{dataset.name}: creating the site (famiguida-site --no-demo)")
    started = time.perf_counter()
    run([BIN / "famiguida-site", "--zope-conf", dataset.zope_conf, "--no-demo"])
    print(f"  {time.perf_counter() - started:.0f} s; loading {args.services} services")
    output = run(
        [
            *(BIN / "python", __file__, "--load"),
            *("--zope-conf", dataset.zope_conf, "--district", args.district),
            *("-n", str(args.services), "--seed", str(args.seed)),
        ]
    )
    print("  " + output.strip().splitlines()[-1])
    dataset.marker.write_text(json.dumps(marker))
    return dataset


def report(result, args, before):
    html = statistics.median(result["html"])
    pdf = statistics.median(result["pdf"])
    totals = [a + b for a, b in zip(result["html"], result["pdf"], strict=True)]
    head, dirty = before
    code = f"famiguida at {head}"
    if dirty:
        code += " with uncommitted changes to " + ", ".join(f"`{f}`" for f in dirty)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"\n### guide_pdf.py, {stamp}, {machine()}\n",
        f"The Italian guide of one district (`/Plone/it/guida/@@guida-pdf?"
        f"district={args.district}`), built in-process (a Zope script, no HTTP) "
        f"on a site made with `famiguida-site --no-demo` plus {args.services} "
        f"services generated by `generate_services.py` in that district "
        f"({result['in_district']} services of the district in the catalog, "
        f"{result['listed']} listed: published and active). "
        f"{args.rounds} runs; load average before/after: "
        f"{before_load} / {load_average()}. {code}.\n",
        "| step | median s | runs s |",
        "|---|---|---|",
        f"| gather the services, write the HTML ({result['html_bytes']:,} B) | "
        f"{html:.2f} | {', '.join(f'{t:.2f}' for t in result['html'])} |",
        f"| WeasyPrint: HTML to PDF | {pdf:.2f} | "
        f"{', '.join(f'{t:.2f}' for t in result['pdf'])} |",
        f"| **whole guide** | **{statistics.median(totals):.2f}** | "
        f"{', '.join(f'{t:.2f}' for t in totals)} |",
        f"| whole guide, CPU time of the process | "
        f"{statistics.median(result['cpu']):.2f} | "
        f"{', '.join(f'{t:.2f}' for t in result['cpu'])} |",
        f"| the view, first call (build + cache) | {result['view_miss']:.2f} | |",
        f"| the view, second call (cache hit) | {result['view_hit']:.4f} | |",
        "",
        f"PDF: {result['pages']} pages, {result['bytes']:,} bytes "
        f"({result['bytes'] / max(result['listed'], 1) / 1024:.1f} KiB a service).",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", default="crema")
    parser.add_argument("-n", "--services", type=int, default=480)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--results", help="append the report to this Markdown file")
    parser.add_argument("--fresh", action="store_true", help="make the site again")
    parser.add_argument("--zope-conf", help=argparse.SUPPRESS)
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load:
        return load_main(args)
    if args.measure:
        return measure_main(args)
    global before_load
    before_load = load_average()
    before = git_state()
    dataset = ensure_site(args)
    print(f"Building the guide of {args.district}, {args.rounds} runs")
    output = run(
        [
            *(BIN / "python", __file__, "--measure"),
            *("--zope-conf", dataset.zope_conf, "--district", args.district),
            *("--rounds", str(args.rounds)),
        ]
    )
    line = next(x for x in output.splitlines() if x.startswith("GUIDE-JSON"))
    result = json.loads(line.split(" ", 1)[1])
    text = report(result, args, before)
    print(text)
    if args.results:
        with open(args.results, "a", encoding="utf-8") as results:
            results.write(text)
        print(f"Appended to {args.results}")


before_load = "?"

if __name__ == "__main__":
    main()
