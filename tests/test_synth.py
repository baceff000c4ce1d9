"""The synthetic dataset generator: deterministic, referentially sound, same format."""

from __future__ import annotations

import csv
import subprocess
import sys

import duckdb
import pytest
from conftest import REPO, SEED_CURATED

from vuongmac.curated import CURATED_FILES
from vuongmac.synth import generate
from vuongmac.warehouse.build import build


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    report = generate(20_000, out, seed=7)
    return out, report


@pytest.mark.slow
def test_deterministic_for_a_seed(small, tmp_path) -> None:
    out, _ = small
    again = tmp_path / "again"
    generate(20_000, again, seed=7)
    for spec in CURATED_FILES:
        assert (out / "curated" / spec.filename).read_bytes() == (
            again / "curated" / spec.filename
        ).read_bytes()
    other = tmp_path / "other"
    generate(20_000, other, seed=8)
    assert (other / "curated" / "issues.csv").read_bytes() != (
        out / "curated" / "issues.csv"
    ).read_bytes()


def test_same_format_as_curated(small) -> None:
    out, report = small
    for spec in CURATED_FILES:
        with (out / "curated" / spec.filename).open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        with (SEED_CURATED / spec.filename).open(encoding="utf-8", newline="") as f:
            assert header == next(csv.reader(f)) == list(spec.columns)
    assert (out / "SYNTHETIC").is_file()
    assert report.issues == 20_000 and report.visits == 5_000


def test_builds_with_referential_integrity(small, tmp_path) -> None:
    out, report = small
    result = build(out / "curated", tmp_path / "w.duckdb")  # runs every data test
    assert result.row_counts["fct_issue"] == 20_000
    assert result.row_counts["fct_visit"] == report.visits
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        provinces = con.execute("SELECT count(DISTINCT province_code) FROM fct_visit").fetchone()[0]
        first, last = con.execute(
            "SELECT min(visit_date), max(visit_date) FROM fct_visit"
        ).fetchone()
        weekend = con.execute(
            "SELECT avg((dayofweek(visit_date) IN (0, 6))::INT) FROM fct_visit"
        ).fetchone()[0]
        multi = con.execute("SELECT avg((len(commune_codes) > 1)::INT) FROM fct_visit").fetchone()[
            0
        ]
        statuses = {
            r[0] for r in con.execute("SELECT DISTINCT status FROM fct_proposal").fetchall()
        }
        marked = con.execute(
            "SELECT bool_and(starts_with(evidence, '[Mô phỏng]')) FROM fct_issue"
        ).fetchone()[0]
    assert provinces == 34
    assert str(first) >= "2025-07-01" and str(last) <= "2026-12-31"
    assert weekend < 0.12  # weekly seasonality: few visits at weekends
    assert 0.25 < multi < 0.55
    assert statuses == {"proposed", "assigned", "in_progress", "resolved", "declined"}
    assert marked


@pytest.mark.slow
def test_cli_refuses_to_overwrite_real_data_and_bad_sizes(tmp_path) -> None:
    (tmp_path / "curated").mkdir()
    (tmp_path / "curated" / "issues.csv").write_text("x")

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "vuongmac", *a], cwd=REPO, capture_output=True, text=True
        )  # noqa: E731

    refused = run("synth", "--issues", "100", "--out", str(tmp_path))
    assert refused.returncode == 2 and "refusing to overwrite" in refused.stderr
    bad = run("synth", "--issues", "0", "--out", str(tmp_path / "new"))
    assert bad.returncode == 2 and "at least 1" in bad.stderr


@pytest.mark.slow
def test_app_shows_the_synthetic_banner(small, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    out, _ = small
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(out))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception
    assert any("Dữ liệu mô phỏng" in w.value for w in at.warning)
