"""XLSX export time for the issue table of a warehouse (default: every issue, up to 200k rows).

Fetches the rows the Vướng mắc page's export fetches, shapes them as exported and writes the
workbook, N times: median (range) of fetch, write and total, and the file's size.

Usage: VUONGMAC_DATA_DIR=DIR python -m bench.export_xlsx [--rows 200000] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from vuongmac.config import data_paths  # noqa: E402
from vuongmac.exports import to_xlsx  # noqa: E402
from vuongmac.filters import Filters  # noqa: E402
from vuongmac.warehouse.runner import Warehouse  # noqa: E402


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s ({min(values):.2f}-{max(values):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from vuongmac.ui.components import export_frame  # the page's own shaping

    wh = Warehouse(data_paths().warehouse)
    fetch, write, total, size, rows = [], [], [], 0, 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        df = wh.run("issue_table", **Filters().query_params(), search=None, row_limit=None)
        df = df.head(args.rows)
        t1 = time.perf_counter()
        data = to_xlsx(export_frame(df, "vi"), [("Bộ lọc", "Tất cả")], "Dữ liệu", "Bộ lọc")
        t2 = time.perf_counter()
        fetch.append(t1 - t0)
        write.append(t2 - t1)
        total.append(t2 - t0)
        size, rows = len(data), len(df)
    print(f"rows {rows:,}, columns {len(export_frame(df.head(1), 'vi').columns)}")
    print(f"fetch {spread(fetch)}; write {spread(write)}; total {spread(total)}")
    print(f"file {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
