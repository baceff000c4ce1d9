"""The committed seed dataset matches the gold coding of the five seed articles."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import duckdb
import pytest
from conftest import REPO, SEED_CURATED

from vuongmac.text import fold

SEEDS = [f"seed_{i:03d}" for i in range(5)]


def gold(sid: str) -> dict:
    return json.loads(
        (REPO / "tests" / "fixtures" / "gold" / f"{sid}.json").read_text(encoding="utf-8")
    )


@pytest.fixture(scope="module")
def con(seed_paths):
    with duckdb.connect(str(seed_paths.warehouse), read_only=True) as c:
        yield c


@pytest.mark.parametrize("sid", SEEDS)
def test_issues_match_gold(con, sid: str) -> None:
    rows = con.execute(
        "SELECT category_id, evidence FROM fct_issue WHERE source_id = $s", {"s": sid}
    ).fetchall()
    expected = Counter((i["category"], i["evidence"]) for i in gold(sid)["issues"])
    assert Counter(rows) == expected


@pytest.mark.parametrize("sid", SEEDS)
def test_proposals_match_gold(con, sid: str) -> None:
    rows = con.execute(
        "SELECT text, agency_as_written FROM fct_proposal WHERE source_id = $s", {"s": sid}
    ).fetchall()
    expected = Counter((p["text"], p["assigned_agency"]) for p in gold(sid)["proposals"])
    assert Counter(rows) == expected


@pytest.mark.parametrize("sid", SEEDS)
def test_visit_place_and_date_match_gold(con, sid: str) -> None:
    (visit,) = gold(sid)["visits"]
    row = con.execute(
        "SELECT v.visit_date::VARCHAR, p.province_short_name, v.lead_official"
        " FROM fct_visit v JOIN dim_province p USING (province_code)"
        " WHERE list_contains(v.source_ids, $s)",
        {"s": sid},
    ).fetchone()
    assert row == (visit["date"], visit["province_2025"], visit["lead_official"])
    written = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT as_written FROM read_csv($p, all_varchar=true) WHERE visit_id = $v",
            {"p": str(SEED_CURATED / "visit_communes.csv"), "v": f"v-{sid}-1"},
        ).fetchall()
    }
    assert written == set(visit["communes"])


def test_commune_names_resolve_to_codes_with_the_same_name(con) -> None:
    """Current-unit communes are coded to the 2025 unit of that very name."""
    rows = con.execute(
        "SELECT vc.as_written, c.commune_short_name FROM read_csv($p, all_varchar=true) vc"
        " JOIN dim_commune c USING (commune_code) WHERE vc.conversion = 'current'",
        {"p": str(SEED_CURATED / "visit_communes.csv")},
    ).fetchall()
    assert len(rows) == 10  # 2 + 2 + 3 + 3; seed_003 names pre-2025 units
    for as_written, short in rows:
        assert fold(as_written).removeprefix("phuong ").strip() == fold(short)


def test_seed_sources_are_stored_verbatim() -> None:
    for sid in SEEDS:
        stored = (REPO / "data" / "sources" / f"{sid}.txt").read_text(encoding="utf-8")
        assert len(stored) > 1000
    shared = REPO.parent / "shared" / "corpus" / "articles"
    if shared.is_dir():
        for sid in SEEDS:
            assert (shared / f"{sid}.txt").read_bytes() == (
                REPO / "data" / "sources" / f"{sid}.txt"
            ).read_bytes()


def test_paths_are_relative(con) -> None:
    files = [r[0] for r in con.execute("SELECT file FROM dim_source").fetchall()]
    assert all(not Path(f).is_absolute() for f in files)
