"""Browser-side timing on a dataset (default: the embedded seed data).

Starts `streamlit run serve.py` on 127.0.0.1, then in headless Debian chromium measures
  - server cold start: process launch -> /_stcore/health answers;
  - time from navigation to the first chart painted (a plotly SVG with marks), for the
    overview and for the commune map, first visit (cold) and a reload (warm), median of N.
Usage: VUONGMAC_DATA_DIR=DIR python bench/browser_paint.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from devsupport.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402
from vuongmac.config import data_paths  # noqa: E402

PAINTED = {
    "overview": "document.querySelectorAll('.js-plotly-plot .bars path').length > 0",
    "map": "document.querySelectorAll('.js-plotly-plot .choroplethlocation').length > 1000",
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = data_paths().root
    log = Path("/tmp/vuongmac-bench-server.log")
    started = time.perf_counter()
    with streamlit_server(root, log) as url:
        ready = time.perf_counter() - started
        print(f"dataset: {root}")
        print(f"server cold start (launch -> health): {ready:.1f} s")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path in (("overview", "/"), ("map", "/ban-do")):
                fresh, cached = [], []
                for _ in range(args.runs):
                    # A fresh profile downloads Streamlit's ~100 lazy JS chunks; a returning
                    # visitor (second load in the same profile) has them in the HTTP cache.
                    context = browser.new_context(viewport={"width": 1366, "height": 900})
                    page = context.new_page()
                    for bucket in (fresh, cached):
                        t0 = time.perf_counter()
                        page.goto(url + path)
                        page.wait_for_function(PAINTED[name], timeout=120_000, polling=50)
                        bucket.append(time.perf_counter() - t0)
                    context.close()
                print(
                    f"{name}: navigation -> first chart painted, median of {args.runs}:"
                    f" fresh browser profile {statistics.median(fresh):.2f} s,"
                    f" returning visitor {statistics.median(cached):.2f} s (target <= 2 s)"
                )
            browser.close()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
