"""Benchmark: the language roots as a first-time visitor gets them.

Against a running portal (``make start``), requests every language root
``--rounds`` times, sequentially, and prints the median and 90th percentile
time per page and the size of the HTML (uncompressed, as waitress sends it).
With ``--results`` it appends a dated row per language to that Markdown file.

    .venv/bin/python bench/language_roots.py --url http://localhost:8080 \
        --rounds 30 --results bench/RESULTS.md
"""

from datetime import datetime
from datetime import UTC

import argparse
import os
import platform
import requests
import statistics
import time


LANGUAGES = ("it", "en", "fr", "ar", "es", "ro", "sq", "uk", "zh", "pa", "ur")


def measure(session, url, rounds):
    """Return (timings in ms, body size in bytes) of ``rounds`` GETs."""
    timings = []
    size = 0
    session.get(url, timeout=60)  # warm the caches of this page once
    for _ in range(rounds):
        start = time.perf_counter()
        response = session.get(url, timeout=60)
        timings.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
        size = len(response.content)
    return timings, size


def machine():
    python = platform.python_version()
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {python}"


def main():
    parser = argparse.ArgumentParser(description="Benchmark the language roots.")
    parser.add_argument("--url", default="http://localhost:8080")
    parser.add_argument("--site", default="Plone")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--results", help="Markdown file to append the rows to")
    args = parser.parse_args()
    rows = []
    with requests.Session() as session:
        for code in LANGUAGES:
            timings, size = measure(
                session, f"{args.url}/{args.site}/{code}", args.rounds
            )
            median = statistics.median(timings)
            p90 = statistics.quantiles(timings, n=10)[-1]
            rows.append((code, median, p90, size))
            print(f"/{code:3} median {median:6.1f} ms  p90 {p90:6.1f} ms  {size} B")
    if args.results:
        stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        with open(args.results, "a", encoding="utf-8") as out:
            out.write(f"\n### language_roots.py, {stamp}, {machine()}\n\n")
            out.write(f"{args.rounds} sequential GETs per page, anonymous.\n\n")
            out.write("| page | median ms | p90 ms | HTML bytes |\n|---|---|---|---|\n")
            for code, median, p90, size in rows:
                out.write(f"| /{code} | {median:.1f} | {p90:.1f} | {size} |\n")


if __name__ == "__main__":
    main()
