"""Browser-side timing on a dataset (default: the embedded seed data).

Serves the app as the README does (`streamlit run serve.py`, on 127.0.0.1) and measures in
headless Debian chromium, each a median (and range) of N:

  - first chart painted (a plotly chart with marks) with a fresh browser profile, for the
    overview and for the commune map, on a warm server; the bytes it transferred over HTTP
    (as sent: compressed) and the websocket payload it received;
  - the same page loaded again in that profile (a returning visitor);
  - a first-time filter change: the era toggle flipped, until the page has run again;
  - with --restarts K: the first chart for a fresh profile right after the server started
    (health answers), K times.

Usage: VUONGMAC_DATA_DIR=DIR python -m bench.browser_paint [--runs 3] [--restarts 3]
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
RAN = """() => document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state') === 'notRunning'"""
TOGGLE = "Gồm báo cáo trước 1/7/2025"


def spread(values: list[float], unit: str = "s", digits: int = 2) -> str:
    if not values:
        return "n/a"
    return (
        f"{statistics.median(values):.{digits}f} {unit}"
        f" ({min(values):.{digits}f}-{max(values):.{digits}f})"
    )


class Traffic:
    """Bytes a page received: HTTP bodies as transferred, and websocket payloads."""

    def __init__(self, page) -> None:  # noqa: ANN001
        self.http = 0
        self.ws = 0
        self.requests: list = []
        page.on("requestfinished", lambda request: self.requests.append(request))
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _frame(self, payload) -> None:  # noqa: ANN001
        self.ws += len(payload)

    def settle(self) -> None:
        for request in self.requests:
            try:
                sizes = request.sizes()
            except Exception:  # noqa: BLE001 (a request the page dropped)
                continue
            self.http += sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.requests.clear()


def first_paint(browser, url: str, path: str, name: str) -> tuple[float, float, Traffic, object]:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    traffic = Traffic(page)
    t0 = time.perf_counter()
    page.goto(url + path)
    page.wait_for_function(PAINTED[name], timeout=180_000, polling=50)
    fresh = time.perf_counter() - t0
    page.wait_for_timeout(500)  # late chunks of the first load
    traffic.settle()
    t0 = time.perf_counter()
    page.goto(url + path)
    page.wait_for_function(PAINTED[name], timeout=180_000, polling=50)
    again = time.perf_counter() - t0
    return fresh, again, traffic, (context, page)


def filter_change(page) -> float:  # noqa: ANN001
    page.wait_for_function(RAN, timeout=120_000)
    t0 = time.perf_counter()
    page.get_by_text(TOGGLE, exact=True).first.click()
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
            ?.getAttribute('data-test-script-state') === 'running'""",
        timeout=10_000,
        polling=10,
    )
    page.wait_for_function(RAN, timeout=120_000, polling=10)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.browser_paint")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--restarts", type=int, default=0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    root = data_paths().root
    log = Path("/tmp/vuongmac-bench-server.log")
    print(f"dataset: {root}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        started = time.perf_counter()
        with streamlit_server(root, log) as url:
            print(f"server start (launch -> health): {time.perf_counter() - started:.1f} s")
            time.sleep(3)  # the warm start's visit, as a server that has been up a while
            for name, path in (("overview", "/"), ("map", "/ban-do")):
                fresh, again, http, ws, changes = [], [], [], [], []
                for _ in range(args.runs):
                    f, a, traffic, (context, page) = first_paint(browser, url, path, name)
                    fresh.append(f)
                    again.append(a)
                    http.append(traffic.http / 1e6)
                    ws.append(traffic.ws / 1e6)
                    if name == "overview":
                        changes.append(filter_change(page))
                    context.close()
                print(
                    f"{name}, warm server, fresh profile: first chart {spread(fresh)};"
                    f" HTTP {spread(http, 'MB')}, websocket {spread(ws, 'MB')};"
                    f" returning visitor {spread(again)}"
                )
                if changes:
                    print(f"{name}: first-time filter change {spread(changes)}")
        restarted = []
        for _ in range(args.restarts):
            with streamlit_server(root, log) as url:
                f, _, _, (context, _) = first_paint(browser, url, "/", "overview")
                restarted.append(f)
                context.close()
        if restarted:
            print(
                f"overview, server just restarted, fresh profile: first chart {spread(restarted)}"
            )
        browser.close()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
