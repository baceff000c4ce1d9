"""Every dashboard query on a warehouse, uncached, on an open connection (as the server runs
them after a filter change): median milliseconds of N runs per query and filter combination.

Combinations: the default view; the first half of 2026; one province and one category; one
commune. Queries that need a record id (a visit's drill-down) are left out.

Usage: VUONGMAC_DATA_DIR=DIR python -m bench.queries [--runs 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vuongmac.config import data_paths  # noqa: E402
from vuongmac.filters import Filters  # noqa: E402
from vuongmac.warehouse.runner import QUERIES_DIR, Warehouse, load_query  # noqa: E402

EXTRA = {"search": None, "row_limit": 1000, "today": dt.date(2026, 12, 1), "limit": 10,
         "grain": "month", "top": 3, "share_category": None, "min_count": 1}  # fmt: skip


def combinations(wh: Warehouse) -> dict[str, dict]:
    commune = wh.run("filter_communes", province_codes=[])["commune_code"].iloc[0]
    return {
        "default": Filters().query_params(),
        "h1-2026": Filters(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 6, 30)).query_params(),
        "prov+cat": Filters(province_codes=("40",), categories=("it_infrastructure",)).query_params(),
        "commune": Filters(commune_codes=(str(commune),)).query_params(),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    wh = Warehouse(data_paths().warehouse)
    wh.run("data_status")  # open the file: the server has it open
    combos = combinations(wh)
    print("query".ljust(30) + "".join(c.rjust(10) for c in combos) + "   (ms)")
    worst = 0.0
    for path in sorted(QUERIES_DIR.glob("*.sql")):
        spec = load_query(path.stem)
        if "visit_id" in spec.params:
            continue
        line = path.stem.ljust(30)
        for flt in combos.values():
            params = {k: flt[k] if k in flt else EXTRA[k] for k in spec.params}
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                wh.run(path.stem, **params)
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            worst = max(worst, median) if "table" not in path.stem else worst
            line += f"{median:10.0f}"
        print(line)
    print(f"slowest aggregate (the *_table queries are row-level): {worst:.0f} ms")


if __name__ == "__main__":
    main()
