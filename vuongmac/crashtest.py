"""Crash-safety harness: kill -9 the build and the ingest at random moments, then check.

After every kill: the warehouse opens, its marts equal the known-good ones and its data tests
return no row; the curated files (after recovery) are, as a set, exactly the old version or
exactly the new one. Used by the tests (a few trials) and by
``python bench/crash_harness.py --trials 50`` (the full run).
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vuongmac.config import REPO_ROOT
from vuongmac.curated import CURATED_FILES, curated_lock, recover
from vuongmac.warehouse.build import MODELS_DIR, build, mart_digest

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
            f" {len(self.failures)} failures, records lost: {len(self.failures)}"
        )


def _cli(data_dir: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "vuongmac", "--data-dir", str(data_dir), *args],
        cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


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


def _snapshot(curated: Path) -> dict[str, bytes]:
    return {spec.filename: (curated / spec.filename).read_bytes() for spec in CURATED_FILES}


def build_trials(dataset: Path, work: Path, trials: int, seed: int = 1) -> TrialReport:
    """``dataset``: a folder with curated/ and sources/ (copied, never modified)."""
    rng = random.Random(seed)
    report = TrialReport("build")
    base = work / "build-base"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(dataset, base, ignore=shutil.ignore_patterns("warehouse.duckdb*", ".*"))
    build(base / "curated", base / "warehouse.duckdb", sources_dir=base / "sources")
    good = mart_digest(base / "warehouse.duckdb")
    started = time.perf_counter()
    proc = _cli(base, "build")
    proc.wait()
    duration = time.perf_counter() - started
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


def ingest_trials(dataset: Path, work: Path, trials: int, seed: int = 2) -> TrialReport:
    rng = random.Random(seed)
    report = TrialReport("ingest")
    doc = work / "new-visit.txt"
    doc.write_text(NEW_DOCUMENT, encoding="utf-8")
    base = work / "ingest-base"
    shutil.rmtree(base, ignore_errors=True)
    shutil.copytree(dataset, base, ignore=shutil.ignore_patterns("warehouse.duckdb*", ".*"))
    old = _snapshot(base / "curated")
    done = work / "ingest-done"
    shutil.rmtree(done, ignore_errors=True)
    shutil.copytree(base, done)
    started = time.perf_counter()
    _cli(done, "ingest", str(doc)).wait()
    duration = time.perf_counter() - started
    new = _snapshot(done / "curated")
    if new == old:
        raise RuntimeError("the reference ingest changed nothing")
    for n in range(trials):
        report.trials += 1
        trial = work / f"ingest-trial-{n}"
        shutil.rmtree(trial, ignore_errors=True)
        shutil.copytree(base, trial)
        report.killed_midway += _kill_at(
            _cli(trial, "ingest", str(doc)), rng.uniform(0, duration * 1.1)
        )
        with curated_lock(trial / "curated"):
            recover(trial / "curated")
        state = _snapshot(trial / "curated")
        if state == old:
            report.old_state += 1
        elif state == new:
            report.new_state += 1
        else:
            mixed = [f for f in state if state[f] not in (old[f], new[f])]
            report.failures.append(f"trial {n}: files neither old nor new: {mixed or 'mixed set'}")
        shutil.rmtree(trial, ignore_errors=True)
    return report
