"""The query chokepoint: every query file runs, parameters are declared and typed."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from vuongmac.filters import Filters
from vuongmac.warehouse.build import build
from vuongmac.warehouse.runner import QueryError, Warehouse, list_queries, load_query

ALL = Filters(include_before=True).query_params()  # the whole dataset, 2022 included
DEFAULT = Filters().query_params()  # the default view: two-tier era (and undated)


def default_params(name: str) -> dict[str, object]:
    spec = load_query(name)
    out: dict[str, object] = {}
    for key, sql_type in spec.params.items():
        out[key] = [] if sql_type.endswith("[]") else None
    return out


@pytest.fixture(scope="module")
def wh(seed_paths):
    w = Warehouse(seed_paths.warehouse)
    yield w
    w.close()


@pytest.mark.parametrize("name", list_queries())
def test_every_query_runs_and_returns_declared_columns(wh, name: str) -> None:
    frame = wh.run(name, **default_params(name))
    assert list(frame.columns) == list(load_query(name).returns)


def test_kpis_follow_filters(wh) -> None:
    def kpis(**kw):
        return wh.run("kpis", **{**ALL, **kw}).iloc[0].to_dict()

    assert kpis() == {
        "visit_count": 5,
        "commune_count": 10,  # coverage is two-tier only: the 2022 visit's 3 communes are not
        "issue_count": 33,
        "proposal_count": 12,
        "source_count": 5,
        "undated_visit_count": 0,
        "national_issue_count": 0,
        "before_visit_count": 0,
        "report_count": 0,
    }
    # the default view leaves the 2022 report out, and says so
    default = wh.run("kpis", **DEFAULT).iloc[0]
    assert (default["visit_count"], default["issue_count"], default["before_visit_count"]) == (
        4,
        30,
        1,
    )
    nghe_an = kpis(province_codes=["40"])
    assert (nghe_an["visit_count"], nghe_an["issue_count"], nghe_an["proposal_count"]) == (1, 7, 7)
    # Vĩnh Trạch: 5 issues raised for all communes of the visit + 4 attributed to it.
    assert kpis(commune_codes=["31834"])["issue_count"] == 9
    assert kpis(commune_codes=["31834"])["commune_count"] == 1
    assert kpis(categories=["legal_guidance"])["issue_count"] == 1
    assert kpis(date_from=dt.date(2025, 7, 1))["visit_count"] == 4  # drops the 2022 visit
    assert kpis(date_from=dt.date(2025, 8, 1), date_to=dt.date(2025, 8, 31))["issue_count"] == 9


def test_search_ignores_accents_and_d(wh) -> None:
    rows = wh.run("issue_table", **ALL, search="chu ky so", row_limit=None)
    assert len(rows) == 2 and all("chữ ký số" in e for e in rows["evidence"])
    assert len(wh.run("issue_table", **ALL, search="ĐƯỜNG TRUYỀN", row_limit=None)) == 1
    assert len(wh.run("issue_table", **ALL, search="duong truyen", row_limit=None)) == 1
    assert (
        len(wh.run("issue_table", **ALL, search="'; DROP TABLE fct_issue; --", row_limit=None)) == 0
    )
    assert len(wh.run("issue_table", **ALL, search=None, row_limit=None)) == 33


def test_parameters_are_checked(wh) -> None:
    with pytest.raises(QueryError, match="missing parameters"):
        wh.run("kpis", province_codes=[])
    with pytest.raises(QueryError, match="unknown"):
        wh.run("date_bounds", province_codes=[])
    with pytest.raises(QueryError, match="list of strings"):
        wh.run("kpis", **{**ALL, "province_codes": "40"})
    with pytest.raises(QueryError, match="a date"):
        wh.run("kpis", **{**ALL, "date_from": "2025-01-01"})
    with pytest.raises(QueryError, match="invalid query name"):
        wh.run("../secrets")


def test_reader_sees_rebuild_after_swap(work_paths) -> None:
    w = Warehouse(work_paths.warehouse)
    old_id = w.build_id
    assert w.run("kpis", **ALL).iloc[0]["issue_count"] == 33
    issues = work_paths.curated / "issues.csv"
    lines = issues.read_text(encoding="utf-8").splitlines(keepends=True)
    issues.write_text("".join(lines[:-1]), encoding="utf-8")  # drop the last issue
    build(work_paths.curated, work_paths.warehouse, sources_dir=work_paths.sources)
    assert w.build_id != old_id
    assert w.run("kpis", **ALL).iloc[0]["issue_count"] == 32
    w.close()


def test_missing_warehouse_file_is_an_error(tmp_path, seed_paths) -> None:
    shutil.copy(seed_paths.warehouse, tmp_path / "w.duckdb")
    w = Warehouse(tmp_path / "w.duckdb")
    assert w.build_id
    w.close()
    with pytest.raises(FileNotFoundError):
        Warehouse(tmp_path / "missing.duckdb").run("date_bounds")


def test_row_limit_keeps_the_total(wh) -> None:
    rows = wh.run("issue_table", **ALL, search=None, row_limit=5)
    assert len(rows) == 5 and set(rows["total_rows"]) == {33}
    docs = wh.run("source_table", row_limit=2)
    assert len(docs) == 2 and docs["total_rows"].iloc[0] == 5
    assert wh.run("source_table", row_limit=None)["issue_count"].sum() == 33


def _tiny_warehouse(path, build_id: str) -> None:  # noqa: ANN001
    import duckdb

    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE meta AS SELECT ? AS build_id, 'now' AS built_at", [build_id])
    con.close()


def test_a_rebuild_never_closes_a_connection_under_a_running_query(tmp_path) -> None:
    """A query that is running when the file is swapped finishes on the old build; the
    next query opens the new one; the old connection is closed once nobody uses it."""
    import os
    import threading

    queries = tmp_path / "queries"
    queries.mkdir()
    (queries / "slow.sql").write_text(
        "-- returns: n, build_id\n"
        "SELECT (SELECT count(*) FROM range(60000000) t(x) WHERE x % 7 = 3) AS n, "
        "(SELECT build_id FROM meta) AS build_id\n",
        encoding="utf-8",
    )
    (queries / "which.sql").write_text(
        "-- returns: build_id\nSELECT build_id FROM meta\n", encoding="utf-8"
    )
    db = tmp_path / "w.duckdb"
    _tiny_warehouse(db, "first")
    wh = Warehouse(db, queries_dir=queries)
    assert wh.run("which")["build_id"][0] == "first"
    old = wh._current
    results: dict[str, object] = {}

    def slow() -> None:
        try:
            results["slow"] = wh.run("slow")["build_id"][0]
        except Exception as exc:  # noqa: BLE001 - the test reports it
            results["slow"] = exc

    worker = threading.Thread(target=slow)
    worker.start()
    while old.users == 0 and worker.is_alive():  # wait until the slow query holds the build
        pass
    _tiny_warehouse(tmp_path / "next.duckdb", "second")
    os.replace(tmp_path / "next.duckdb", db)  # the rebuild's atomic swap
    assert wh.run("which")["build_id"][0] == "second"  # a new query sees the new build
    assert old.retired and old.users == 1  # ... while the old one still serves the slow query
    worker.join(60)
    assert results["slow"] == "first", results
    assert old.users == 0
    with pytest.raises(Exception, match="closed"):
        old.con.execute("SELECT 1")  # closed once its last query was done
