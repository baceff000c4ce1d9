"""Full concurrency run: python bench/load_sessions.py --sessions 50

Starts the app on 127.0.0.1 with a copy of the seed dataset, opens N headless chromium
sessions at once, rebuilds the warehouse while they load, and reports (vuongmac/loadtest.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from browser import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

from vuongmac.loadtest import run_load  # noqa: E402
from vuongmac.warehouse.build import build  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(REPO / "data" / "curated", root / "curated")
        shutil.copytree(REPO / "data" / "sources", root / "sources")
        build(root / "curated", root / "warehouse.duckdb", sources_dir=root / "sources")
        log = root / "server.log"
        with streamlit_server(root, log) as url:
            report = run_load(url, log, args.sessions, CHROMIUM, CHROMIUM_ARGS,
                              rebuild=lambda: build(root / "curated", root / "warehouse.duckdb", sources_dir=root / "sources"))  # fmt: skip
        print(report.line())
        for error in report.errors[:20]:
            print("  ", error)
        sys.exit(1 if report.errors or report.succeeded != args.sessions else 0)


if __name__ == "__main__":
    main()
