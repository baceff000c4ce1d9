"""Crash safety: kill -9 the build, the ingest and the publish at random moments, then check.

    python -m bench.crash --trials 50        # the full run (CI runs a few trials of each)

After every kill:
- build: the warehouse opens, its marts equal the known-good ones, its data tests pass;
- ingest and publish: the curated store holds exactly the old state or exactly the new one
  (every curated table compared row by row; the change log by its actions), never a mix,
  and the next build passes.
Exit status 1 when any trial fails.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import duckdb  # noqa: E402

from vuongmac.store import Store, default_url  # noqa: E402
from vuongmac.warehouse.build import MODELS_DIR, mart_digest  # noqa: E402

NEW_DOCUMENT = """Ngày 20/11/2025, đoàn công tác của Tỉnh ủy Nghệ An làm việc với xã Con Cuông.
Tuy nhiên, xã còn gặp khó khăn như: hạ tầng công nghệ thông tin chưa đồng bộ; thiếu cán bộ chuyên môn về đất đai.
Xã kiến nghị tỉnh quan tâm hỗ trợ kinh phí đầu tư trụ sở làm việc.
"""


@dataclass
class TrialReport:
    kind: str
    trials: int = 0
    killed_midway: int = 0  # the process was still running when killed
    old_state: int = 0
    new_state: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.kind}: {self.trials} trials, {self.killed_midway} killed mid-run,"
            f" {self.old_state} left the old state, {self.new_state} the new one,"
            f" {len(self.failures)} failures"
        )


def _cli(data_dir: Path, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "VUONGMAC_STORE_URL"}
    return subprocess.Popen(
        [sys.executable, "-m", "vuongmac", "--data-dir", str(data_dir), *args],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )  # fmt: skip


def _run(data_dir: Path, *args: str) -> int:
    return _cli(data_dir, *args).wait()


def _kill_at(proc: subprocess.Popen, delay: float) -> bool:
    time.sleep(delay)
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return running


def _data_test_rows(db: Path) -> int:
    sql = (MODELS_DIR / "tests" / "data_tests.sql").read_text(encoding="utf-8")
    with duckdb.connect(str(db), read_only=True) as con:
        con.execute("SET VARIABLE max_plausible_date = DATE '2100-01-01'")
        return len(con.sql(sql).fetchall())


def store_state(root: Path) -> tuple:
    """Every curated table's rows, and the change log's (action, entity, record) rows (ids
    and times differ between runs)."""
    if os.environ.get("VUONGMAC_STORE_URL"):
        raise RuntimeError("unset VUONGMAC_STORE_URL: the harness works on SQLite copies")
    store = Store(default_url(root))
    try:
        tables = tuple(
            (name, tuple(tuple(sorted(r.items())) for r in store.rows(name)))
            for name in ("sources", "visits", "visit_sources", "visit_communes", "issues",
                         "proposals")
        )  # fmt: skip
        log = tuple(
            sorted((c["action"], c["entity"], c["record_id"]) for c in store.rows("changes"))
        )
    finally:
        store.dispose()
    return tables, log


def _copy(src: Path, dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("warehouse.duckdb*", ".build.lock"))


def build_trials(dataset: Path, work: Path, trials: int, seed: int = 1) -> TrialReport:
    rng = random.Random(seed)
    report = TrialReport("build")
    base = work / "build-base"
    _copy(dataset, base)
    started = time.perf_counter()
    if _run(base, "build") != 0:
        raise RuntimeError("the reference build failed")
    duration = time.perf_counter() - started
    good = mart_digest(base / "warehouse.duckdb")
    for _ in range(trials):
        report.trials += 1
        before = (base / "warehouse.duckdb").stat().st_mtime_ns
        report.killed_midway += _kill_at(_cli(base, "build"), rng.uniform(0, duration * 1.1))
        try:
            if mart_digest(base / "warehouse.duckdb") != good:
                report.failures.append("marts differ from the known-good build")
            elif _data_test_rows(base / "warehouse.duckdb"):
                report.failures.append("data tests fail on the warehouse")
            elif (base / "warehouse.duckdb").stat().st_mtime_ns == before:
                report.old_state += 1
            else:
                report.new_state += 1
        except duckdb.Error as exc:
            report.failures.append(f"warehouse does not open: {exc}")
    return report


def _store_trials(
    kind: str, base: Path, work: Path, trials: int, args: tuple[str, ...], seed: int
) -> TrialReport:
    rng = random.Random(seed)
    report = TrialReport(kind)
    old = store_state(base)
    done = work / f"{kind}-done"
    _copy(base, done)
    started = time.perf_counter()
    if _run(done, *args) != 0:
        raise RuntimeError(f"the reference {kind} failed")
    duration = time.perf_counter() - started
    new = store_state(done)
    if new == old:
        raise RuntimeError(f"the reference {kind} changed nothing")
    for n in range(trials):
        report.trials += 1
        trial = work / f"{kind}-trial-{n}"
        _copy(base, trial)
        report.killed_midway += _kill_at(_cli(trial, *args), rng.uniform(0, duration * 1.1))
        state = store_state(trial)
        if state == old:
            report.old_state += 1
        elif state == new:
            report.new_state += 1
        else:
            report.failures.append(f"trial {n}: the store is neither the old nor the new state")
        if _run(trial, "build") != 0:
            report.failures.append(f"trial {n}: the next build failed")
        shutil.rmtree(trial, ignore_errors=True)
    return report


def ingest_trials(dataset: Path, work: Path, trials: int, seed: int = 2) -> TrialReport:
    doc = work / "new-visit.txt"
    doc.write_text(NEW_DOCUMENT, encoding="utf-8")
    base = work / "ingest-base"
    _copy(dataset, base)
    _run(base, "queue")  # opens (creates and seeds) the store
    return _store_trials("ingest", base, work, trials, ("ingest", str(doc)), seed)


def publish_trials(dataset: Path, work: Path, trials: int, seed: int = 3) -> TrialReport:
    doc = work / "to-publish.txt"
    doc.write_text(NEW_DOCUMENT, encoding="utf-8")
    base = work / "publish-base"
    _copy(dataset, base)
    if _run(base, "ingest", str(doc)) != 0:
        raise RuntimeError("could not add the draft to publish")
    store = Store(default_url(base))
    (visit_id,) = [v["visit_id"] for v in store.rows("visits", review_status="draft")]
    store.dispose()
    return _store_trials(
        "publish", base, work, trials, ("publish", visit_id, "--who", "crash"), seed
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.crash")
    parser.add_argument("--trials", type=int, default=50)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dataset = work / "dataset"
        shutil.copytree(REPO / "data" / "curated", dataset / "curated")
        shutil.copytree(REPO / "data" / "sources", dataset / "sources")
        reports = [
            build_trials(dataset, work, args.trials),
            ingest_trials(dataset, work, args.trials),
            publish_trials(dataset, work, args.trials),
        ]
    for report in reports:
        print(report.line())
        for failure in report.failures:
            print("  FAIL", failure)
    return 1 if any(r.failures for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
