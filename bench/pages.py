"""``python -m bench.pages --data-dir DIR``: measure build, pages, queries, figures, extraction.

Pages are rendered in-process with Streamlit's AppTest (the server-side work of one full
render: every query and every figure). "cold" clears the query cache first; "warm" reruns
with it filled. The floor replays exactly the SQL and parameters the page ran on a bare
DuckDB cursor. Medians of ``--runs`` runs.
"""

from __future__ import annotations

import os
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from vuongmac import metrics
from vuongmac.config import REPO_ROOT, data_paths
from vuongmac.warehouse.runner import load_query

PAGES = (
    ("overview", "pages/overview.py"),
    ("map", "pages/map.py"),
    ("issues", "pages/issues.py"),
    ("timeline", "pages/timeline.py"),
    ("categories", "pages/categories.py"),
    ("proposals", "pages/proposals.py"),
    ("sources", "pages/sources.py"),
    ("codebook", "pages/codebook.py"),
)
TYPICAL_FILTERS = {"from": "2026-01-01", "to": "2026-06-30"}  # half a year, all provinces


@dataclass
class PageResult:
    page: str
    cold_ms: float
    warm_ms: float
    floor_ms: float
    queries: int
    figures: list[tuple[str, int]]

    @property
    def ratio(self) -> float:
        return self.warm_ms / self.floor_ms if self.floor_ms else float("nan")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _floor(db: Path, queries: list[tuple[str, dict, float]], runs: int) -> float:
    """Median time of replaying the page's SQL on a bare cursor (result fetched to pandas)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        totals = []
        for _ in range(runs):
            started = time.perf_counter()
            for name, params, _ in queries:
                sql = load_query(name).sql
                (con.execute(sql, params) if params else con.execute(sql)).df()
            totals.append(time.perf_counter() - started)
        return statistics.median(totals) * 1000
    finally:
        con.close()


def bench_pages(data_dir: Path, runs: int) -> list[PageResult]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["VUONGMAC_DATA_DIR"] = str(data_dir)
    paths = data_paths(data_dir)
    results = []
    for name, page in PAGES:
        at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
        for key, value in TYPICAL_FILTERS.items():
            at.query_params[key] = value
        at.run()
        at.switch_page(page)
        cold, warm = [], []
        last = metrics.Recorder()
        for _ in range(runs):
            st.cache_data.clear()
            with metrics.recording() as rec:
                started = time.perf_counter()
                at.run()
                cold.append(time.perf_counter() - started)
            last = rec  # what one cold render ran and drew
            if at.exception:
                raise RuntimeError(f"{page} raised: {at.exception}")
        for _ in range(runs):
            started = time.perf_counter()
            at.run()
            warm.append(time.perf_counter() - started)
        page_queries = list(last.queries)
        results.append(
            PageResult(
                page=name,
                cold_ms=statistics.median(cold) * 1000,
                warm_ms=statistics.median(warm) * 1000,
                floor_ms=_floor(paths.warehouse, page_queries, runs),
                queries=len(page_queries),
                figures=last.figures,
            )
        )
    return results


def run(data_dir: Path, runs: int = 10) -> str:
    from vuongmac.store import open_store
    from vuongmac.warehouse.build import build, is_stale

    paths = data_paths(data_dir)
    lines = [f"dataset: {paths.root}" + ("  (synthetic)" if paths.is_synthetic else "")]
    store = open_store(paths.root)
    if is_stale(store, paths.warehouse):
        started = time.perf_counter()
        result = build(store, paths.warehouse, sources_dir=paths.sources)
        lines.append(f"warehouse build: {time.perf_counter() - started:.1f} s (target <= 60 s)")
        counts = result.row_counts
    else:
        lines.append("warehouse build: up to date (delete warehouse.duckdb to time a build)")
        with duckdb.connect(str(paths.warehouse), read_only=True) as con:
            counts = {"fct_issue": con.table("fct_issue").aggregate("count(*)").fetchall()[0][0]}
    lines.append(
        f"warehouse size: {paths.warehouse.stat().st_size / 1e6:.1f} MB; issues: {counts.get('fct_issue', 0):,}"
    )
    lines.append(f"typical filters: {TYPICAL_FILTERS}; median of {runs} runs")
    lines.append("")
    lines.append(
        f"{'page':<11}{'cold ms':>9}{'warm ms':>9}{'floor ms':>10}{'warm/floor':>11}{'queries':>8}  figures (JSON KB)"
    )
    results = bench_pages(paths.root, runs)
    for r in results:
        figs = ", ".join(f"{k} {size / 1024:.0f}" for k, size in r.figures) or "-"
        lines.append(
            f"{r.page:<11}{r.cold_ms:>9.0f}{r.warm_ms:>9.0f}{r.floor_ms:>10.1f}{r.ratio:>11.2f}{r.queries:>8}  {figs}"
        )
    lines.append("")
    lines.append("targets: warm render <= 150 ms median; commune choropleth <= 1,500 KB")
    lines.append(
        f"resident memory of this process after all pages: {_rss_mb():.0f} MB (target <= 1,500 MB)"
    )
    lines.append("")
    lines.append(extraction_throughput())
    return "\n".join(lines)


def extraction_throughput(seconds: float = 5.0) -> str:
    from vuongmac.extract import extract

    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted((REPO_ROOT / "data" / "sources").glob("*.txt"))
    ]
    shared = REPO_ROOT.parent / "shared" / "corpus" / "articles"
    if shared.is_dir():
        texts = [p.read_text(encoding="utf-8") for p in sorted(shared.glob("*.txt"))]
    docs = [(t * (3000 // max(len(t), 1) + 1))[:3000] for t in texts]
    for d in docs:
        extract(d)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        for d in docs:
            extract(d)
            count += 1
    rate = count / (time.perf_counter() - started)
    return (
        f"extraction: {rate:.0f} documents/s on one core, 3,000-character documents (target >= 200)"
    )


def main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    from vuongmac.warehouse.build import BuildError

    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--data-dir", required=True, help="dataset folder to measure")
    parser.add_argument("--runs", type=int, default=10, help="runs per measurement (median)")
    args = parser.parse_args(argv)
    paths = data_paths(args.data_dir)
    if not paths.curated.is_dir():
        print(f"error: no curated/ folder in {paths.root}", file=sys.stderr)
        return 2
    try:
        print(run(paths.root, runs=args.runs))
    except BuildError as exc:
        print(f"error: build failed\n{exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
