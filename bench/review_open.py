"""How long a draft takes to open on the Review page at national scale: the queue, the
draft's rows and the text's reading (extraction for the reasons, the sentence picker),
everything the page computes before it draws::

    python -m vuongmac synth --issues 1000000 --out /tmp/syn1m
    python -m bench.review_open --data-dir /tmp/syn1m --corpus ../shared/corpus [--drafts 20]

The synthetic snapshot is imported into a fresh SQLite store (or $VUONGMAC_STORE_URL), real
articles are ingested as drafts beside it, and each draft is opened as the page does.
Prints the median and range per step and in total (target: under 0.5 s).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from vuongmac import curation, review
from vuongmac.extract import extract
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.readers import read_document
from vuongmac.store import open_store
from vuongmac.store.queue import review_queue


def _ms(values: list[float]) -> str:
    return (f"median {1000 * statistics.median(values):7.1f} ms"
            f"  (range {1000 * min(values):.1f}-{1000 * max(values):.1f})")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="folder with curated/")
    parser.add_argument("--corpus", type=Path, required=True, help="folder with articles/")
    parser.add_argument("--drafts", type=int, default=20)
    args = parser.parse_args(argv)
    if not (args.data_dir / "curated" / "issues.csv").is_file():
        print(f"error: no curated/issues.csv in {args.data_dir}", file=sys.stderr)
        return 2
    articles = sorted((args.corpus / "articles").glob("*.txt"))[: args.drafts]
    if not articles:
        print(f"error: no articles in {args.corpus / 'articles'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(args.data_dir / "curated", root / "curated")
        (root / "sources").mkdir()
        started = time.perf_counter()
        store = open_store(root)  # imports the snapshot into the empty store
        issues = store.count("issues")
        print(f"store: {issues:,} issues imported in {time.perf_counter() - started:.1f} s")
        docs = [read_document(a) for a in articles]
        add_drafts([(d, extract(d.text, d.meta)) for d in docs], store, root / "sources")
        steps: dict[str, list[float]] = {"queue": [], "load": [], "read": [], "total": []}
        for entry in review_queue(store):
            if not entry["visit_id"] or entry["kind"] != "visit":
                continue
            t0 = time.perf_counter()
            review_queue(store)
            t1 = time.perf_counter()
            b = curation.load(store, root / "sources", entry["visit_id"])
            t2 = time.perf_counter()
            for text in b.texts.values():
                found = [{"start": i.start, "end": i.end, "category": i.category,
                          "reasons": i.reasons, "evidence": i.evidence}
                         for i in extract(text).issues]  # fmt: skip
                review.picks(text, found)
            t3 = time.perf_counter()
            for name, value in (("queue", t1 - t0), ("load", t2 - t1), ("read", t3 - t2),
                                ("total", t3 - t0)):  # fmt: skip
                steps[name].append(value)
        if not steps["total"]:
            print("error: no draft visit to open", file=sys.stderr)
            return 2
        print(f"{len(steps['total'])} drafts opened beside {issues:,} issues:")
        for name, values in steps.items():
            print(f"  {name:<6} {_ms(values)}")
        print("target: total under 500 ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
