"""Extraction throughput on one core: documents per second for ~3,000-character documents.

Uses ../shared/corpus/articles when present (repeated to 3,000 characters), else the seed
articles shipped in data/sources. Run: python bench/extract_throughput.py [--seconds 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vuongmac.extract import extract  # noqa: E402


def documents() -> list[str]:
    shared = REPO.parent / "shared" / "corpus" / "articles"
    files = (
        sorted(shared.glob("*.txt"))
        if shared.is_dir()
        else sorted((REPO / "data" / "sources").glob("*.txt"))
    )
    texts = [f.read_text(encoding="utf-8") for f in files]
    return [(t * (3000 // max(len(t), 1) + 1))[:3000] for t in texts]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    docs = documents()
    started = time.perf_counter()
    for d in docs:  # cold: first pass builds the gazetteer memo
        extract(d)
    cold = len(docs) / (time.perf_counter() - started)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < args.seconds:
        for d in docs:
            extract(d)
            count += 1
    warm = count / (time.perf_counter() - started)
    print(f"documents: {len(docs)} distinct, 3,000 characters each")
    print(f"first pass (includes gazetteer load): {cold:8.1f} docs/s")
    print(f"steady state, one core:               {warm:8.1f} docs/s (target >= 150)")


if __name__ == "__main__":
    main()
