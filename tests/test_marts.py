"""The filter macros answer from precomputed columns: the same rows as their definitions.

Each definition is written here as it reads in docs/counting.md, with subqueries over the
facts ("a visit counts when it raised at least one such issue"; "a proposal is in the view
when its visit is"; coverage from the visits in the view), and compared with the macros
the queries use, for filter combinations drawn from the data (hypothesis), on the trap
fixture (every counting rule in small) and on a synthetic set.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REFERENCE = {
    "visits": """
        SELECT visit_id FROM fct_visit
        WHERE visit_in_filters(province_code, commune_codes, visit_date, era, $p, $c, $f, $t, $e)
          AND (len($k::VARCHAR[]) = 0 OR visit_id IN (
                SELECT visit_id FROM filtered_issues($p, $c, $k, $f, $t, $e)))""",
    "proposals": """
        SELECT proposal_id FROM fct_proposal
        WHERE visit_id IN (SELECT visit_id FROM filtered_visits_reference($p, $c, $k, $f, $t, $e))""",
    "communes": """
        SELECT visit_id, commune_code FROM fct_visit_commune
        WHERE visit_id IN (SELECT visit_id FROM filtered_visits_reference($p, $c, $k, $f, $t, $e))""",
    "documents": """
        SELECT DISTINCT s.document_key
        FROM filtered_visits_reference($p, $c, $k, $f, $t, $e) v, unnest(v.source_ids) AS u(source_id)
        JOIN dim_source s ON s.source_id = u.source_id""",
}
MACROS = {
    "visits": "SELECT visit_id FROM filtered_visits($p, $c, $k, $f, $t, $e)",
    "proposals": "SELECT proposal_id FROM filtered_proposals($p, $c, $k, $f, $t, $e)",
    "communes": "SELECT visit_id, commune_code FROM filtered_visit_communes($p, $c, $k, $f, $t, $e)",
    "documents": "SELECT DISTINCT unnest(document_keys) FROM filtered_visits($p, $c, $k, $f, $t, $e)",
}


def _connection(path) -> duckdb.DuckDBPyConnection:  # noqa: ANN001
    con = duckdb.connect(str(path), read_only=True)
    con.execute(
        "CREATE TEMP MACRO filtered_visits_reference(p, c, k, f, t, e) AS TABLE "
        + REFERENCE["visits"]
        .replace("$", "")
        .replace("SELECT visit_id FROM fct_visit", "SELECT * FROM fct_visit")
    )
    return con


def _vocabulary(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    return {
        "provinces": [r[0] for r in con.execute(
            "SELECT DISTINCT province_code FROM fct_visit WHERE province_code IS NOT NULL ORDER BY 1").fetchall()],
        "communes": [r[0] for r in con.execute(
            "SELECT DISTINCT commune_code FROM fct_visit_commune ORDER BY 1 LIMIT 40").fetchall()],
        "categories": [r[0] for r in con.execute(
            "SELECT DISTINCT category_id FROM fct_issue ORDER BY 1").fetchall()],
        "dates": [r[0] for r in con.execute(
            "SELECT DISTINCT visit_date FROM fct_visit WHERE visit_date IS NOT NULL ORDER BY 1 LIMIT 60").fetchall()],
    }  # fmt: skip


def _filters(vocab: dict[str, list]):  # noqa: ANN202
    def pick(values: list, n: int):  # noqa: ANN202
        if not values:
            return st.just([])
        return st.lists(st.sampled_from(values), max_size=n, unique=True)

    dates = st.one_of(st.none(), st.sampled_from(vocab["dates"])) if vocab["dates"] else st.none()
    return st.fixed_dictionaries({
        "p": pick(vocab["provinces"], 2),
        "c": pick(vocab["communes"], 3),
        "k": pick(vocab["categories"], 3),
        "f": dates,
        "t": dates,
        "e": st.sampled_from([["two_tier", "unknown"], [], ["before"], ["two_tier", "unknown", "before"]]),
    })  # fmt: skip


# Query files whose result is compared with its definition written over filtered_issues.
QUERY_REFERENCE = {
    "category_cooccurrence": """
        WITH vc AS (SELECT DISTINCT visit_id, category_id FROM filtered_issues($p, $c, $k, $f, $t, $e))
        SELECT a.category_id, b.category_id, count(*)
        FROM vc a JOIN vc b ON a.visit_id = b.visit_id AND a.category_id < b.category_id
        GROUP BY ALL""",
    # the headline numbers as first written: CTEs of whole rows, subqueries, a join for
    # the documents
    "kpis": """
        WITH v AS (SELECT * FROM filtered_visits_reference($p, $c, $k, $f, $t, $e)),
        i AS (SELECT * FROM filtered_issues($p, $c, $k, $f, $t, $e))
        SELECT
            (SELECT count(*) FROM v WHERE kind = 'visit') AS visit_count,
            (SELECT count(DISTINCT vc.commune_code)
             FROM fct_visit_commune vc
             WHERE vc.era = 'two_tier' AND vc.visit_id IN (SELECT visit_id FROM v)
               AND (len($c::VARCHAR[]) = 0
                    OR list_contains($c::VARCHAR[], vc.commune_code))) AS commune_count,
            (SELECT count(*) FROM i) AS issue_count,
            (SELECT count(*) FROM fct_proposal WHERE visit_id IN (SELECT visit_id FROM v)) AS proposal_count,
            (SELECT count(DISTINCT s.document_key)
             FROM v, unnest(v.source_ids) AS u(source_id)
             JOIN dim_source s ON s.source_id = u.source_id) AS source_count,
            (SELECT count(*) FROM v WHERE visit_date IS NULL AND kind = 'visit') AS undated_visit_count,
            (SELECT count(*) FROM i WHERE scope = 'national') AS national_issue_count,
            (SELECT count(*)
             FROM filtered_visits_reference($p, $c, $k, $f, $t, ['before'])
             WHERE kind = 'visit' AND NOT list_contains($e::VARCHAR[], 'before')) AS before_visit_count,
            (SELECT count(*) FROM v WHERE kind = 'report') AS report_count""",
}
QUERY_PARAMS = {"p": "province_codes", "c": "commune_codes", "k": "categories",
                "f": "date_from", "t": "date_to", "e": "eras"}  # fmt: skip


def _same(con: duckdb.DuckDBPyConnection, params: dict) -> None:
    from vuongmac.warehouse.runner import load_query

    for name, reference in REFERENCE.items():
        want = sorted(con.execute(reference, params).fetchall())
        got = sorted(con.execute(MACROS[name], params).fetchall())
        assert got == want, (name, params)
    named = {QUERY_PARAMS[k]: v for k, v in params.items()}
    for name, reference in QUERY_REFERENCE.items():
        want = sorted(con.execute(reference, params).fetchall())
        got = sorted(con.execute(load_query(name).sql, named).fetchall())
        assert got == want, (name, params)


def _check_many(con: duckdb.DuckDBPyConnection, examples: int) -> dict[str, list]:
    """``_same`` for ``examples`` filter combinations drawn from the data; its vocabulary."""
    vocab = _vocabulary(con)

    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck))
    @given(_filters(vocab))
    def check(params: dict) -> None:
        _same(con, params)

    check()
    return vocab


@pytest.mark.parametrize("dataset", ["trap_paths", "seed_paths"])
def test_macros_equal_their_definitions(dataset, request) -> None:
    paths = request.getfixturevalue(dataset)
    con = _connection(paths.warehouse)
    vocab = _check_many(con, examples=120)
    # and the combinations a reader clicks most: one commune with one category, nothing
    for c in vocab["communes"][:10]:
        for k in vocab["categories"]:
            _same(con, {"p": [], "c": [c], "k": [k], "f": None, "t": None, "e": []})
    _same(con, {"p": [], "c": [], "k": [], "f": None, "t": None, "e": []})


@pytest.mark.slow
def test_macros_equal_their_definitions_on_a_synthetic_set(tmp_path) -> None:
    from vuongmac.synth import generate
    from vuongmac.warehouse.build import build

    data = tmp_path / "syn"
    generate(20_000, data, seed=7)
    build(data / "curated", data / "warehouse.duckdb")
    con = _connection(data / "warehouse.duckdb")
    _check_many(con, examples=40)
    _same(con, {"p": [], "c": [], "k": [], "f": dt.date(2026, 1, 1), "t": None, "e": []})
