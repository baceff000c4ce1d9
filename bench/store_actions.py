"""Curator actions at national scale, on SQLite and on PostgreSQL.

    python -m bench.store_actions --data-dir /tmp/syn1m [--backend sqlite|postgresql|both]

The data folder holds a synthetic dataset (``python -m vuongmac synth --issues 1000000
--out /tmp/syn1m``); each backend gets a fresh store loaded from its CSV snapshot (the load
is timed but is a one-off). Then, each repeated ``--runs`` times (median and range):
``queue --json`` (the function, and the CLI as a new process), load one draft, publish one
visit, ingest one 3,000-character article, and the rebuild that makes the dashboard show
the publish. PostgreSQL is a throw-away server started here (``devsupport.pg``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from vuongmac import curation  # noqa: E402
from vuongmac.config import DataPaths  # noqa: E402
from vuongmac.extract import extract  # noqa: E402
from vuongmac.ingest.drafts import add_drafts  # noqa: E402
from vuongmac.ingest.readers import read_bytes  # noqa: E402
from vuongmac.store import Store  # noqa: E402
from vuongmac.store.queue import review_queue  # noqa: E402
from vuongmac.warehouse.build import build  # noqa: E402

ARTICLE = (
    "Ngày {day}/11/2025, đoàn công tác của Tỉnh ủy Nghệ An do đồng chí Nguyễn Văn A, Phó Bí thư "
    "Tỉnh ủy làm trưởng đoàn làm việc với xã Con Cuông và xã Môn Sơn. Tuy nhiên, xã còn gặp "
    "khó khăn như: hạ tầng công nghệ thông tin chưa đồng bộ, đường truyền chập chờn; thiếu cán "
    "bộ chuyên môn về đất đai, xây dựng; trụ sở làm việc xuống cấp, chật hẹp. Xã kiến nghị tỉnh "
    "quan tâm hỗ trợ kinh phí đầu tư trụ sở làm việc và bổ sung biên chế công chức địa chính. "
)


def _article(n: int) -> str:
    text = ARTICLE.format(day=(n % 27) + 1) + f"Mã tài liệu thử nghiệm {n}. "
    while len(text) < 3000:
        text += "Đoàn ghi nhận những kết quả bước đầu trong vận hành chính quyền hai cấp. "
    return text[:3000]


def _timed(fn):  # noqa: ANN001, ANN202
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def _summary(name: str, values: list[float], target: float | None = None) -> str:
    med = statistics.median(values)
    ok = "" if target is None else ("  ok" if med <= target else "  OVER")
    limit = "" if target is None else f" (target <= {target:g} s)"
    return f"  {name:<36} median {med:7.3f} s  range {min(values):.3f}-{max(values):.3f}{limit}{ok}"


def run_backend(label: str, url: str, snapshot: Path, work: Path, runs: int) -> list[str]:
    lines = [f"{label}: {url.split('@')[-1]}"]
    root = work / label
    shutil.rmtree(root, ignore_errors=True)
    (root / "sources").mkdir(parents=True)
    paths = DataPaths(root)
    store = Store(url)
    store.migrate()
    seconds, counts = _timed(lambda: store.import_csv(snapshot))
    lines.append(
        f"  load the snapshot (one-off)            {seconds:7.1f} s  {counts['issues']:,} issues"
    )
    ingest, queue_fn, queue_cli, load, publish, rebuild = [], [], [], [], [], []
    env = {**os.environ, "VUONGMAC_STORE_URL": url}
    for n in range(runs):
        doc = read_bytes(_article(n).encode(), f"bench-{n}.txt")
        seconds, result = _timed(
            lambda doc=doc: add_drafts(
                [(doc, extract(doc.text))], store, paths.sources, who="bench"
            )
        )
        ingest.append(seconds)
        (visit_id,) = result.visits
        seconds, entries = _timed(lambda: json.dumps(review_queue(store), ensure_ascii=False))
        queue_fn.append(seconds)
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-m", "vuongmac", "--data-dir", str(root), "queue", "--json"],
            cwd=REPO, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        queue_cli.append(time.perf_counter() - started)
        assert visit_id in out.stdout
        seconds, bundle = _timed(lambda vid=visit_id: curation.load(store, paths.sources, vid))
        load.append(seconds)
        seconds, _ = _timed(lambda b=bundle: curation.save(store, "bench", b, "publish"))
        publish.append(seconds)
        if n < 2:  # the rebuild is the slow part: two runs
            seconds, built = _timed(
                lambda: build(store, root / "warehouse.duckdb", sources_dir=paths.sources)
            )
            rebuild.append(seconds)
    lines += [
        _summary("queue --json (function)", queue_fn, 1.0),
        _summary("queue --json (CLI, new process)", queue_cli, 1.0),
        _summary("load one draft", load, 0.5),
        _summary("publish one visit (validated)", publish, 1.0),
        _summary("ingest one 3,000-char article", ingest, 2.0),
        _summary("rebuild after the publish", rebuild, 90.0),
        f"  (queue entries at the end: {len(review_queue(store))}; built fct_issue"
        f" {built.row_counts['fct_issue']:,})",
    ]
    store.dispose()
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.store_actions")
    parser.add_argument("--data-dir", required=True, help="a folder with curated/ (synthetic)")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    snapshot = Path(args.data_dir) / "curated"
    if not (snapshot / "issues.csv").is_file():
        print(f"error: {snapshot} has no curated snapshot (run vuongmac synth)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        work = Path(tmp)
        backends = []
        if args.backend in ("sqlite", "both"):
            backends.append(("sqlite", f"sqlite:///{work / 'store.sqlite'}"))
        if args.backend in ("postgresql", "both"):
            from devsupport.pg import fresh_database, postgres_server

            server = stack.enter_context(postgres_server())
            backends.append(("postgresql", fresh_database(server)))
        for label, url in backends:
            print("\n".join(run_backend(label, url, snapshot, work, args.runs)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
