"""Concurrent sessions: N headless chromium pages load the app at once while the warehouse
is rebuilt; every page must reach its numbers and the server log must stay clean.

    python -m bench.load --sessions 50        # the full run; the tests run 10
    python -m bench.load --sessions 30 --duration 60 --rebuilds 11
        # sustained: 30 sessions keep changing a filter for 60 s (each change re-runs the
        # page and its queries) while the warehouse is rebuilt 11 times

Exit status 1 on any error.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass
from pathlib import Path

KPI_READY = """() => [...document.querySelectorAll('[data-testid="stMetric"]')]
    .some(m => m.innerText.includes('Vướng mắc'))"""


@dataclass
class LoadReport:
    sessions: int
    succeeded: int
    seconds: float
    slowest: float
    rebuilds: int
    errors: list[str]

    def line(self) -> str:
        return (
            f"{self.sessions} simultaneous sessions: {self.succeeded}/{self.sessions} loaded, slowest {self.slowest:.1f} s,"
            f" all in {self.seconds:.1f} s; {self.rebuilds} rebuild(s) during the load; {len(self.errors)} errors"
        )


async def _open_sessions(
    context,
    url: str,
    n: int,
    timeout_s: float,
    errors: list[str],
    parallel: int = 8,  # noqa: ANN001
) -> tuple[list, list[tuple[int, object]], list[float]]:
    """Open n pages of ``context`` (each its own Streamlit session, sharing one HTTP cache
    like tabs of one browser), at most ``parallel`` loading at a time, half on the whole
    country and half on one province: (every page, the (i, page) that showed their numbers,
    their load times)."""
    gate = asyncio.Semaphore(parallel)
    pages: list = []
    loaded: list[tuple[int, object]] = []
    times: list[float] = []

    async def one(i: int) -> None:
        async with gate:
            page = await context.new_page()
            pages.append(page)
            page.on("pageerror", lambda e: errors.append(f"session {i}: {e}"))
            started = time.perf_counter()
            try:
                await page.goto(url + ("/" if i % 2 else "/?province=40"), timeout=timeout_s * 1000,
                                wait_until="domcontentloaded")  # fmt: skip
                await page.wait_for_function(KPI_READY, timeout=timeout_s * 1000)
                times.append(time.perf_counter() - started)
                loaded.append((i, page))
            except Exception as exc:  # noqa: BLE001 (every failure is reported, none hidden)
                errors.append(f"session {i}: {type(exc).__name__}: {str(exc)[:200]}")

    await asyncio.gather(*(one(i) for i in range(n)))
    return pages, loaded, times


async def _sessions(
    url: str, n: int, chromium: str, args: list[str], timeout_s: float, parallel: int = 8
) -> tuple[list[float], list[str]]:
    """Open n sessions, keep them all open, then check every one again while all n
    sessions are connected."""
    from playwright.async_api import async_playwright

    errors: list[str] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=args, headless=True)
        context = await browser.new_context(viewport={"width": 1200, "height": 800})
        pages, _, times = await _open_sessions(context, url, n, timeout_s, errors, parallel)
        # All n sessions are open now: each must still show its numbers.
        for i, page in enumerate(pages):
            try:
                await page.wait_for_function(KPI_READY, timeout=30_000)
            except Exception as exc:  # noqa: BLE001
                errors.append(f"session {i} (all open): {type(exc).__name__}")
        await context.close()
        await browser.close()
    return times, errors


TOGGLE = "Gồm báo cáo trước 1/7/2025"


async def _sustained(
    url: str, n: int, chromium: str, args: list[str], seconds: float, parallel: int = 8
) -> tuple[int, list[float], list[str]]:
    """Open n sessions, then for ``seconds`` each flips the era toggle and waits for its
    numbers again, over and over: (page runs, run times, errors)."""
    from playwright.async_api import async_playwright

    errors: list[str] = []
    times: list[float] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=args, headless=True)
        context = await browser.new_context(viewport={"width": 1200, "height": 800})
        _, pages, _ = await _open_sessions(context, url, n, 180, errors, parallel)
        stop = time.perf_counter() + seconds

        async def churn(i: int, page) -> None:  # noqa: ANN001
            while time.perf_counter() < stop:
                started = time.perf_counter()
                try:
                    await page.get_by_text(TOGGLE, exact=True).first.click(timeout=30_000)
                    await page.wait_for_function(
                        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                        timeout=60_000,
                    )
                    await page.wait_for_function(KPI_READY, timeout=60_000)
                    times.append(time.perf_counter() - started)
                except Exception as exc:  # noqa: BLE001
                    errors.append(f"session {i} run: {type(exc).__name__}: {str(exc)[:200]}")
                    return

        await asyncio.gather(*(churn(i, page) for i, page in pages))
        for i, page in pages:
            text = await page.inner_text("body")
            if "already closed" in text or "Traceback" in text:
                errors.append(f"session {i}: an error is shown on the page")
        await context.close()
        await browser.close()
    return len(times), times, errors


def run_load(
    url: str,
    log: Path,
    n: int,
    chromium: str,
    args: list[str],
    rebuild=None,
    timeout_s: float = 180,
) -> LoadReport:  # noqa: ANN001
    """``rebuild``: a callable run on a thread while the sessions load (swaps the warehouse)."""
    rebuilds = 0
    thread = None
    if rebuild is not None:

        def go() -> None:
            nonlocal rebuilds
            time.sleep(1.0)
            rebuild()
            rebuilds += 1

        thread = threading.Thread(target=go)
        thread.start()
    started = time.perf_counter()
    result: dict[str, tuple[list[float], list[str]]] = {}

    def drive() -> None:  # a thread of its own: the caller may already run an event loop
        result["out"] = asyncio.run(_sessions(url, n, chromium, args, timeout_s))

    driver = threading.Thread(target=drive)
    driver.start()
    driver.join()
    times, errors = result.get("out", ([], ["the load driver failed to start"]))
    if thread is not None:
        thread.join()
    server_log = log.read_text(encoding="utf-8", errors="replace")
    for marker in ("Traceback", "Exception", "Error"):
        if marker in server_log:
            errors.append(f"server log contains {marker!r}")
            break
    return LoadReport(
        n, len(times), time.perf_counter() - started, max(times, default=0.0), rebuilds, errors
    )


def main(argv: list[str] | None = None) -> int:
    import argparse
    import shutil
    import tempfile

    from devsupport.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
    from vuongmac.store import open_store
    from vuongmac.warehouse.build import build

    repo = Path(__file__).resolve().parents[1]
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--duration", type=float, default=0.0, help="seconds of sustained load")
    parser.add_argument("--rebuilds", type=int, default=11, help="rebuilds during --duration")
    parser.add_argument("--data-dir", type=Path, default=repo / "data",
                        help="dataset to copy (curated/ and sources/); default the seed")  # fmt: skip
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(args.data_dir / "curated", root / "curated")
        shutil.copytree(args.data_dir / "sources", root / "sources")
        store = open_store(root)
        build(store, root / "warehouse.duckdb", sources_dir=root / "sources")
        log = root / "server.log"
        if args.duration > 0:
            return _sustained_main(args, root, store, log)
        with streamlit_server(root, log) as url:
            report = run_load(url, log, args.sessions, CHROMIUM, CHROMIUM_ARGS,
                              rebuild=lambda: build(store, root / "warehouse.duckdb", sources_dir=root / "sources"))  # fmt: skip
        print(report.line())
        for error in report.errors[:20]:
            print("  ", error)
    return 1 if report.errors or report.succeeded != args.sessions else 0


def _sustained_main(args, root: Path, store, log: Path) -> int:  # noqa: ANN001
    import statistics

    from devsupport.browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server
    from vuongmac.warehouse.build import build

    done: list[float] = []
    with streamlit_server(root, log) as url:
        result: dict[str, tuple[int, list[float], list[str]]] = {}

        def drive() -> None:
            result["out"] = asyncio.run(
                _sustained(url, args.sessions, CHROMIUM, CHROMIUM_ARGS, args.duration)
            )

        driver = threading.Thread(target=drive)
        driver.start()
        # the rebuilds start once the sessions are open (their first page is showing)
        time.sleep(min(60.0, 5.0 + args.sessions))
        gap = args.duration / max(args.rebuilds, 1)
        for _ in range(args.rebuilds):
            started = time.perf_counter()
            build(store, root / "warehouse.duckdb", sources_dir=root / "sources")
            done.append(time.perf_counter() - started)
            time.sleep(max(0.0, gap - done[-1]))
        driver.join()
        runs, times, errors = result.get("out", (0, [], ["the load driver failed"]))
    server_log = log.read_text(encoding="utf-8", errors="replace")
    for marker in ("Traceback", "already closed", "Exception"):
        if marker in server_log:
            errors.append(f"server log contains {marker!r}")
    if errors and "Traceback" in server_log:  # its last line says what failed
        tail = server_log[server_log.index("Traceback") :].splitlines()
        errors.append("server: " + next((x for x in tail if "Error" in x), tail[-1])[:200])
    q = statistics.quantiles(times, n=20) if len(times) >= 20 else [max(times, default=0.0)] * 19
    print(
        f"{args.sessions} sessions for {args.duration:g} s with {len(done)} rebuilds: {runs} page"
        f" runs, median {statistics.median(times) if times else 0:.2f} s, p95 {q[18]:.2f} s;"
        f" {len(errors)} errors"
    )
    for error in errors[:20]:
        print("  ", error)
    return 1 if errors else 0


if __name__ == "__main__":
    import sys

    sys.exit(main())
