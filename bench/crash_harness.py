"""Full crash-safety run: python bench/crash_harness.py --trials 50

Kills `python -m vuongmac build` and `python -m vuongmac ingest` with SIGKILL at random
moments on a copy of the seed dataset and checks that nothing is lost or half-written
(see vuongmac/crashtest.py). Prints one line per kind.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vuongmac.crashtest import build_trials, ingest_trials  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dataset = work / "dataset"
        shutil.copytree(REPO / "data" / "curated", dataset / "curated")
        shutil.copytree(REPO / "data" / "sources", dataset / "sources")
        reports = [
            build_trials(dataset, work, args.trials),
            ingest_trials(dataset, work, args.trials),
        ]
    for report in reports:
        print(report.line())
        for failure in report.failures:
            print("  FAIL", failure)
    sys.exit(1 if any(r.failures for r in reports) else 0)


if __name__ == "__main__":
    main()
