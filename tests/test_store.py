"""The curated store on both backends (SQLite file, throw-away PostgreSQL), and the record
rules the domain owns."""

from __future__ import annotations

import datetime as dt
import filecmp
import json
import re

import pytest
from conftest import SEED_CURATED, act_in_process, copy_dataset, run_cli

from vuongmac import curation
from vuongmac.domain import (
    Conversion,
    DatePrecision,
    ProposalStatus,
    ReviewStatus,
    Scope,
    new_id,
    precision_of,
    visit_date_text,
)
from vuongmac.extract import extract
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.readers import read_bytes
from vuongmac.store import Store
from vuongmac.warehouse.build import MODELS_DIR, build

# -- record rules (the domain is their only owner) -------------------------------------------


def _accepted(sql: str, column: str) -> set[str]:
    """The values a data test accepts for a column: ``column NOT IN ('a', 'b')``."""
    found = re.findall(rf"\b{column} NOT IN \(([^)]*)\)", sql)
    assert found, column
    return {v.strip().strip("'") for group in found for v in group.split(",")}


def test_sql_accepted_values_are_the_domain_enums() -> None:
    sql = (MODELS_DIR / "tests" / "data_tests.sql").read_text(encoding="utf-8")
    assert _accepted(sql, "review_status") == {s.value for s in ReviewStatus}
    assert _accepted(sql, "status") == {s.value for s in ProposalStatus}
    assert _accepted(sql, "date_precision") == {p.value for p in DatePrecision}
    assert _accepted(sql, "conversion") == {c.value for c in Conversion}
    assert _accepted(sql, "scope") == {s.value for s in Scope}


@pytest.mark.parametrize(
    ("text", "precision"),
    [("", "unknown"), ("2025", "year"), ("2025-08", "month"), ("2025-08-27", "day")],
)
def test_date_precision_rule(text: str, precision: str) -> None:
    assert precision_of(text) == precision
    if text:
        date = dt.date(int(text[:4]), int(text[5:7] or 1) if len(text) > 4 else 1, 1)
        assert visit_date_text(date, precision)[: len(text)][:4] == text[:4]


@pytest.mark.parametrize("bad", ["2025-13", "2025-02-30", "27/8/2025", "năm 2025", "20255"])
def test_bad_dates_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        precision_of(bad)


def test_ids_never_repeat() -> None:
    ids = {new_id("issue") for _ in range(5000)}
    assert len(ids) == 5000 and all(i.startswith("i-") for i in ids)


# -- the store ---------------------------------------------------------------------------


def test_snapshot_round_trip_is_exact(store, tmp_path) -> None:
    store.import_csv(SEED_CURATED)
    store.export_csv(tmp_path / "out")
    for f in sorted((SEED_CURATED).glob("*.csv")):
        assert filecmp.cmp(f, tmp_path / "out" / f.name, shallow=False), f.name


def test_duplicate_ids_are_refused_by_the_store(store) -> None:
    store.import_csv(SEED_CURATED)
    row = store.rows("issues")[0]
    with pytest.raises(Exception, match="(?i)unique|duplicate"), store.write() as conn:
        Store.insert_rows(conn, "issues", [row])
    assert store.count("issues") == 33  # the failed transaction left nothing


def test_revision_changes_with_every_write(store) -> None:
    store.import_csv(SEED_CURATED)
    first = store.revision()
    curation.log_created(store, "lan", ["v-seed_000-1"])
    assert store.revision() != first


def _ingest(store, paths, texts: dict[str, str]):
    docs = [read_bytes(t.encode(), name) for name, t in texts.items()]
    return add_drafts([(d, extract(d.text, d.meta)) for d in docs], store, paths.sources, who="lan")


VISIT = "Ngày 20/11/2025, đoàn công tác của Tỉnh ủy Nghệ An làm việc với xã Con Cuông. Tuy nhiên, xã còn khó khăn như: hạ tầng công nghệ thông tin chưa đồng bộ; thiếu cán bộ chuyên môn về đất đai."
REPORT = "Theo báo cáo của Sở Nội vụ tỉnh Lâm Đồng, xã Lạc Dương còn thiếu công chức địa chính; trụ sở làm việc của xã Hồng Sơn xuống cấp, chật hẹp."
IRRELEVANT = "Giá vàng hôm nay tăng mạnh trên thị trường thế giới, nhà đầu tư chốt lời."


def test_no_document_disappears(store, tmp_path) -> None:
    """A mixed folder: every ingested document is in the queue (or a duplicate)."""
    paths = copy_dataset(tmp_path)
    store.import_csv(paths.curated)
    texts = {"visit.txt": VISIT, "report.txt": REPORT, "gold.txt": IRRELEVANT}
    result = _ingest(store, paths, texts)
    again = _ingest(store, paths, {"copy.txt": VISIT})
    assert len(again.duplicates) == 1
    from vuongmac.store.queue import review_queue

    queue = review_queue(store)
    queued_sources = {sid for e in queue for sid in e["source_ids"]}
    assert queued_sources == set(result.added_sources)
    kinds = sorted(e["kind"] for e in queue)
    assert kinds == ["document", "visit", "visit"]  # the report is filed under its setting
    for entry in queue:
        assert all(s["title"] for s in entry["sources"])
        assert {"visit_id", "source_ids", "sources"} <= set(entry)


@pytest.mark.slow
def test_every_review_action_leaves_a_buildable_store(store, tmp_path) -> None:
    """Drive each action the Review page offers, then build: it must pass every time."""
    paths = copy_dataset(tmp_path)
    store.import_csv(paths.curated)
    result = _ingest(store, paths, {"a.txt": VISIT, "b.txt": REPORT})
    va, vb = result.visits

    def rebuild() -> None:
        build(store, tmp_path / "w.duckdb", sources_dir=paths.sources)

    rebuild()
    b = curation.load(store, paths.sources, va)
    b.visit["visit_date"], b.visit["date_precision"] = "2025", "year"  # a year-only date
    b.issues.append({**b.issues[0], "issue_id": new_id("issue"), "category_id": "other"})
    b.issues.pop(0)
    b.issues.append({**b.issues[0], "issue_id": new_id("issue")})  # delete then add: new ids
    curation.save(store, "lan", b, "edit")
    rebuild()
    b = curation.load(store, paths.sources, va)
    curation.save(store, "lan", b, "publish")
    rebuild()
    # a draft with no province (a report) cannot be published until it has one or is national
    b = curation.load(store, paths.sources, vb)
    b.visit["province_code"] = ""
    curation.save(store, "lan", b, "edit")
    rebuild()
    b = curation.load(store, paths.sources, vb)
    with pytest.raises(curation.CurationError, match="province is required"):
        curation.save(store, "lan", b, "publish")
    b.visit["scope"] = "national"
    b.communes = []
    for issue in b.issues:
        issue["commune_code"] = ""
    curation.save(store, "lan", b, "publish")
    rebuild()
    bad = curation.load(store, paths.sources, va)
    bad.visit["date_precision"] = "day"  # does not match "2025"
    with pytest.raises(curation.CurationError):
        curation.save(store, "lan", bad, "publish")
    bad = curation.load(store, paths.sources, va)
    # a published visit: its records are shown beside the drafts; one id twice is refused
    bad.issues = [dict(bad.published_issues[0]), dict(bad.published_issues[0])]
    with pytest.raises(curation.CurationError, match="share an id"):
        curation.save(store, "lan", bad, "edit")
    changes = curation.history(store, {va})
    curation.revert(store, "lan", changes[-1]["change_id"])  # the publish: back to draft
    rebuild()
    assert curation.load(store, paths.sources, va).visit["review_status"] == "draft"
    curation.save(store, "lan", curation.load(store, paths.sources, va), "publish")
    curation.withdraw(store, "lan", va, "bài trùng")
    rebuild()
    b = curation.load(store, paths.sources, vb)
    curation.save(store, "lan", b, "reject", note="ngoài phạm vi")
    rebuild()


@pytest.mark.slow
def test_cli_queue_publish_reject(tmp_path) -> None:
    paths = copy_dataset(tmp_path)
    for name, text in (("a.txt", VISIT), ("b.txt", REPORT)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    dd = ("--data-dir", str(paths.root))
    assert run_cli(*dd, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")).returncode == 0
    queue = json.loads(run_cli(*dd, "queue", "--json").stdout)
    visits = [e["visit_id"] for e in queue if e["kind"] == "visit"]
    assert len(visits) == 2 and all(e["sources"][0]["title"] for e in queue)
    published = run_cli(*dd, "publish", visits[0], "--who", "lan")
    assert published.returncode == 0, published.stderr
    no_reason = run_cli(*dd, "reject", visits[1], "--reason", " ", "--who", "lan")
    assert no_reason.returncode == 2 and "reason" in no_reason.stderr
    rejected = run_cli(*dd, "reject", visits[1], "--reason", "trùng", "--who", "lan")
    assert rejected.returncode == 0, rejected.stderr
    assert json.loads(run_cli(*dd, "queue", "--json").stdout) == []
    unknown = run_cli(*dd, "publish", "v-khong-co", "--who", "lan")
    assert unknown.returncode == 1 and "no visit" in unknown.stderr
    out = tmp_path / "snap"
    assert run_cli(*dd, "curated", "export", str(out)).returncode == 0
    assert "published" in (out / "visits.csv").read_text(encoding="utf-8")


def test_background_rebuild_is_debounced(tmp_path, monkeypatch) -> None:
    import vuongmac.warehouse.build as b
    from vuongmac.warehouse.rebuild import BackgroundRebuild

    builds = []
    monkeypatch.setattr(b, "ensure_built", lambda paths: builds.append(paths) or None)
    rebuild = BackgroundRebuild(copy_dataset(tmp_path), delay=0.3)
    for _ in range(3):  # three publishes in quick succession
        rebuild.request()
    assert rebuild.pending
    outcome = rebuild.wait(timeout=10)
    assert outcome.ok and len(builds) == 1 and not rebuild.pending
    rebuild.request()
    rebuild.wait(timeout=10)
    assert len(builds) == 2


def test_background_rebuild_reports_a_failure(tmp_path, monkeypatch) -> None:
    import vuongmac.warehouse.build as b
    from vuongmac.warehouse.rebuild import BackgroundRebuild

    def failing(paths):  # noqa: ANN001
        raise b.BuildError("issues.csv, row 3: unknown category 'x'")

    monkeypatch.setattr(b, "ensure_built", failing)
    rebuild = BackgroundRebuild(copy_dataset(tmp_path), delay=0)
    rebuild.request()
    outcome = rebuild.wait(timeout=10)
    assert not outcome.ok and "unknown category" in outcome.message


@pytest.mark.slow
def test_ten_curators_publish_different_visits_at_once(store, tmp_path) -> None:
    import multiprocessing

    paths = copy_dataset(tmp_path)
    store.import_csv(paths.curated)
    texts = {f"d{n}.txt": VISIT.replace("20/11/2025", f"{n + 1:02d}/11/2025") for n in range(10)}
    visits = _ingest(store, paths, texts).visits
    assert len(visits) == 10
    with multiprocessing.get_context("spawn").Pool(10) as pool:
        results = pool.map(
            act_in_process, [(store.url, paths.sources, v, None, None, "publish") for v in visits]
        )
    assert results == ["ok"] * 10
    statuses = {r["visit_id"]: r["review_status"] for r in store.rows("visits", visit_id=visits)}
    assert set(statuses.values()) == {"published"}
    assert (
        len(
            [
                c
                for c in store.rows("changes")
                if c["action"] == "publish" and c["entity"] == "visit"
            ]
        )
        == 10
    )
    # the same visit published twice from the same version: one conflict, nothing lost
    again = curation.load(store, paths.sources, visits[0])
    curation.save(store, "lan", again, "edit")
    with pytest.raises(curation.ConflictError):
        curation.save(store, "mai", again, "publish")
    build(store, tmp_path / "w.duckdb", sources_dir=paths.sources)


def test_typed_records_round_trip_every_seed_row() -> None:
    import csv

    from vuongmac.domain import FROM_ROW, normalized_row

    for table in FROM_ROW:
        with (SEED_CURATED / f"{table}.csv").open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                assert normalized_row(table, row) == row


@pytest.mark.parametrize(
    ("table", "change", "message"),
    [
        ("visits", {"date_precision": "day"}, "does not match"),
        ("visits", {"scope": "galaxy"}, "galaxy"),
        ("issues", {"review_status": "maybe"}, "maybe"),
        ("proposals", {"status": "done"}, "done"),
        ("proposals", {"due_date": "31/12/2025"}, "31/12/2025"),
    ],
)
def test_bad_values_are_refused_on_write(store, table, change, message) -> None:
    import csv

    with (SEED_CURATED / f"{table}.csv").open(encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    if table == "visits":
        row.update(visit_date="2025-08", date_precision="month")
    row.update(change)
    with pytest.raises(ValueError, match=message), store.write() as conn:
        Store.insert_rows(conn, table, [row])
