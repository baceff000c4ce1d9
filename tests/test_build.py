"""The warehouse build: counts, determinism, data tests that fail loudly, atomic swap."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

from vuongmac.curated import CURATED_BY_NAME, write_csv_atomic
from vuongmac.warehouse.build import BuildError, build, input_fingerprint, mart_digest

SEED_COUNTS = {
    "dim_province": 34,
    "dim_commune": 3321,
    "dim_category": 14,
    "dim_source": 5,
    "fct_visit": 5,
    "fct_issue": 33,
    "fct_proposal": 12,
}


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def edit(curated: Path, name: str, row_index: int, **changes: str) -> None:
    rows = read_rows(curated / f"{name}.csv")
    rows[row_index].update(changes)
    write_csv_atomic(curated / f"{name}.csv", CURATED_BY_NAME[name].columns, rows)


def test_seed_counts(seed_paths) -> None:
    with duckdb.connect(str(seed_paths.warehouse), read_only=True) as con:
        for table, expected in SEED_COUNTS.items():
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == expected, table
        assert con.execute("SELECT count(DISTINCT province_code) FROM fct_visit").fetchone()[0] == 5


def test_rebuild_gives_identical_marts(seed_paths, tmp_path) -> None:
    again = build(seed_paths.curated, tmp_path / "again.duckdb", sources_dir=seed_paths.sources)
    assert mart_digest(again.path) == mart_digest(seed_paths.warehouse)
    assert again.build_id == input_fingerprint(seed_paths.curated)


@pytest.mark.parametrize(
    ("name", "row", "changes", "message"),
    [
        ("issues", 3, {"category_id": "no_such_category"}, "unknown category 'no_such_category'"),
        ("visit_communes", 0, {"commune_code": "99999"}, "unknown commune_code '99999'"),
        ("issues", 5, {"evidence": ""}, "missing evidence"),
        ("issues", 6, {"evidence": "a sentence the source never said"}, "not a verbatim quote"),
        ("issues", 7, {"issue_id": "i-seed_000-01"}, "duplicate issue_id"),
        ("visits", 1, {"visit_date": "2025-02-30"}, "unreadable visit_date"),
        ("visits", 1, {"visit_date": "1890-01-01"}, "implausible visit_date"),
        ("visits", 2, {"province_code": "77"}, "unknown province_code '77'"),
        ("issues", 12, {"commune_code": "02809"}, "not among the communes of visit"),
        ("proposals", 0, {"status": "done-ish"}, "unknown status 'done-ish'"),
        ("proposals", 4, {"category_ids": "legal_guidance; bogus"}, "unknown category 'bogus'"),
    ],
)
def test_broken_row_fails_and_keeps_old_warehouse(work_paths, name, row, changes, message) -> None:
    before = work_paths.warehouse.read_bytes()
    edit(work_paths.curated, name, row, **changes)
    with pytest.raises(BuildError) as err:
        build(work_paths.curated, work_paths.warehouse, sources_dir=work_paths.sources)
    text = str(err.value)
    assert message in text
    assert f"{name}.csv, row {row + 1} (line {row + 2})" in text
    assert work_paths.warehouse.read_bytes() == before
    assert not list(work_paths.root.glob(".warehouse.duckdb.*.tmp"))


def test_header_mismatch_is_reported(work_paths) -> None:
    path = work_paths.curated / "issues.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("category_id", "kategorie", 1), encoding="utf-8"
    )
    with pytest.raises(
        BuildError, match=r"issues.csv: header mismatch \(missing: \['category_id'\]"
    ):
        build(work_paths.curated, work_paths.warehouse)


def test_malformed_csv_is_reported(work_paths) -> None:
    with (work_paths.curated / "issues.csv").open("a", encoding="utf-8") as f:
        f.write('i-x,v-seed_000-1,other,,"unterminated quote\n')
    with pytest.raises(BuildError, match="issues.csv"):
        build(work_paths.curated, work_paths.warehouse)


def test_drafts_are_not_published(work_paths) -> None:
    edit(work_paths.curated, "issues", 0, review_status="draft")
    edit(work_paths.curated, "visits", 4, review_status="draft")  # seed_004: 5 issues, 3 proposals
    result = build(work_paths.curated, work_paths.warehouse, sources_dir=work_paths.sources)
    assert result.row_counts["fct_issue"] == 33 - 1 - 5
    assert result.row_counts["fct_visit"] == 4
    assert result.row_counts["fct_proposal"] == 12 - 3


@pytest.mark.slow
def test_cli_build_prints_counts_and_fails_loudly(work_paths) -> None:
    ok = run_cli("--data-dir", str(work_paths.root), "build")
    assert ok.returncode == 0, ok.stderr
    assert "fct_issue" in ok.stdout and "33" in ok.stdout
    before = work_paths.warehouse.read_bytes()
    edit(work_paths.curated, "issues", 0, category_id="bogus")
    # a hand-edited snapshot is checked by building it (the store is untouched)
    bad = run_cli("--data-dir", str(work_paths.root), "build", "--curated", str(work_paths.curated))
    assert bad.returncode == 1
    assert "issues.csv, row 1" in bad.stderr and "unknown category 'bogus'" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert work_paths.warehouse.read_bytes() == before
    # and refused by `curated import`, which validates before it replaces the store
    refused = run_cli(
        "--data-dir", str(work_paths.root), "curated", "import", str(work_paths.curated)
    )
    assert refused.returncode == 1 and "unknown category 'bogus'" in refused.stderr
    again = run_cli("--data-dir", str(work_paths.root), "build")
    assert again.returncode == 0 and "33" in again.stdout
    missing = run_cli("build", "--curated", str(work_paths.root / "nope"))
    assert missing.returncode == 2 and "not found" in missing.stderr


def test_geometry_is_in_the_warehouse(seed_paths) -> None:
    with duckdb.connect(str(seed_paths.warehouse), read_only=True) as con:
        missing = con.execute(
            "SELECT count(*) FROM dim_commune WHERE geometry_wkb IS NULL"
        ).fetchone()[0]
        sources = con.execute("SELECT DISTINCT geometry_source FROM dim_province").fetchall()
    assert missing == 0
    assert sources == [("approximate",)]


def test_change_log_is_optional_for_older_datasets(work_paths) -> None:
    (work_paths.curated / "changes.csv").unlink()
    result = build(work_paths.curated, work_paths.warehouse, sources_dir=work_paths.sources)
    assert result.row_counts["fct_issue"] == 33 and result.row_counts["mart_withdrawn"] == 0


def test_a_drafts_problem_warns_and_never_blocks_the_build(tmp_path) -> None:
    """One draft dated 2030 made every build fail; a published one still must."""
    import csv

    from conftest import copy_dataset

    from vuongmac.warehouse.build import BuildError, build

    paths = copy_dataset(tmp_path)
    visits = paths.curated / "visits.csv"
    rows = list(csv.DictReader(visits.open(encoding="utf-8", newline="")))
    draft = {**rows[0], "visit_id": "v-draft-2030", "visit_date": "2030-05-01",
             "review_status": "draft"}  # fmt: skip
    with visits.open("a", encoding="utf-8", newline="") as f:
        csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n").writerow(draft)
    result = build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    assert any("v-draft-2030" in w for w in result.warnings)
    assert result.row_counts["fct_visit"] == len(rows)
    text = visits.read_text(encoding="utf-8").replace(",draft,", ",published,")
    visits.write_text(text, encoding="utf-8")
    with pytest.raises(BuildError, match="v-draft-2030"):
        build(paths.curated, paths.warehouse, sources_dir=paths.sources)
