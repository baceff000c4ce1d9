"""Watch-list throughput: a fixture site on 127.0.0.1 lists N articles (devsupport/
watchsite.py; 4 in 5 relevant) in a sitemap; one `watch run` fetches, reads (out of
process, as in the app), extracts, triages and files them all. Pinned to one core (the
fixture server's threads share it). Prints seconds and articles per second; a second run
must add nothing.

    python -m bench.watch --articles 500 --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from devsupport.watchsite import Site, irrelevant_html, relevant_html, serve, sitemap
from vuongmac.extract import extract
from vuongmac.ingest import watch
from vuongmac.ingest.fetch import Fetcher
from vuongmac.store import Store


def one_run(n: int) -> tuple[float, int, float]:
    with tempfile.TemporaryDirectory() as tmp, serve(Site()) as site:
        paths = [f"/bai/bai-so-{i}-ve-chinh-quyen-hai-cap.html" for i in range(n)]
        for i, p in enumerate(paths):
            page = relevant_html(i, site.base + p) if i % 5 else irrelevant_html(i, site.base + p)
            site.add(p, page)
        site.add("/sitemap.xml", sitemap(site.base, paths), "application/xml")
        (Path(tmp) / "sources").mkdir()
        store = Store(f"sqlite:///{Path(tmp) / 'store.sqlite'}")
        store.migrate()
        watch.add_source(store, site.base + "/sitemap.xml", "bench")
        start = time.perf_counter()
        (result,) = watch.run(store, Path(tmp) / "sources", extract, Fetcher(delay=0), max_new=n)
        seconds = time.perf_counter() - start
        assert result.new == n, (result.new, result.failed, result.item_errors[:3])
        again_start = time.perf_counter()
        (again,) = watch.run(store, Path(tmp) / "sources", extract, Fetcher(delay=0), max_new=n)
        assert again.new == 0
        store.dispose()
        return seconds, result.relevant, time.perf_counter() - again_start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    times = []
    for _ in range(args.runs):
        seconds, relevant, second = one_run(args.articles)
        times.append(seconds)
        print(f"{args.articles} articles in {seconds:.1f} s ({args.articles / seconds:.0f}/s),"
              f" {relevant} relevant; second run {second:.2f} s, nothing new")  # fmt: skip
    print(f"median {statistics.median(times):.1f} s (range {min(times):.1f}-{max(times):.1f}),"
          f" target <= 60 s on one core")  # fmt: skip


if __name__ == "__main__":
    main()
