"""Review edits (vuongmac.review) and the queue: every edit a reviewer needs, as pure
functions, and no ingested document that disappears."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import REPO, SEED_CURATED, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from vuongmac import curation, review
from vuongmac.config import DataPaths
from vuongmac.store import open_store
from vuongmac.warehouse.build import build

TEXT = (
    "Ngày 20/11/2025, đoàn công tác của Tỉnh ủy Nghệ An làm việc với xã Con Cuông. "
    "Xã còn khó khăn như: hạ tầng công nghệ thông tin chưa đồng bộ; thiếu cán bộ chuyên môn "
    "về đất đai. Xã kiến nghị tỉnh hỗ trợ kinh phí mua máy tính và giao Sở Nội vụ bổ sung "
    "biên chế."
)


def bundle() -> review.Bundle:
    return review.Bundle(
        visit={"visit_id": "v1", "visit_date": "", "date_precision": "unknown",
               "province_code": "40", "lead_official": "", "lead_title": "", "body": "",
               "evidence": "đoàn công tác của Tỉnh ủy Nghệ An", "review_status": "draft",
               "scope": "commune", "kind": "visit"},
        communes=[],
        issues=[],
        proposals=[{"proposal_id": "p1", "visit_id": "v1",
                    "text": "hỗ trợ kinh phí mua máy tính và giao Sở Nội vụ bổ sung biên chế",
                    "assigned_agency": "", "status": "proposed", "status_note": "",
                    "due_date": "", "source_id": "s1", "review_status": "draft"}],
        sources=[{"source_id": "s1", "title": "t", "url": "", "publisher": "",
                  "published_date": "", "language": "vi", "content_hash": "h",
                  "file": "s1.txt", "review_status": "draft"}],
        version="1",
        texts={"s1": TEXT},
    )  # fmt: skip


def test_source_and_visit_fields() -> None:
    b = review.set_source(
        bundle(), "s1", title="Tiêu đề", url="https://example.test/a",
        publisher="Báo Nghệ An", published_date="2025-11-21",
    )  # fmt: skip
    assert b.sources[0]["publisher"] == "Báo Nghệ An"
    with pytest.raises(review.EditError, match="web address"):
        review.set_source(b, "s1", url="javascript:alert(1)")
    with pytest.raises(review.EditError, match="YYYY-MM-DD"):
        review.set_source(b, "s1", published_date="21/11/2025")
    b = review.set_visit(b, visit_date="2025-11", scope="province", lead_official="Nguyễn A")
    assert (b.visit["date_precision"], b.visit["scope"]) == ("month", "province")
    with pytest.raises(review.EditError):
        review.set_visit(b, visit_date="2025-13-01")
    b = review.add_commune(b, "17440", "Con Cuông", "merged")
    b = review.set_conversion(b, "17440", "current")
    assert b.communes[0]["conversion"] == "current"
    assert bundle().visit["scope"] == "commune"  # edits never change their input


def test_pick_several_issues_trim_and_attribute() -> None:
    b = bundle()
    picks = review.picks(TEXT)
    clauses = [p for p in picks if p.level == "clause"]
    assert any(p.text == "hạ tầng công nghệ thông tin chưa đồng bộ" for p in clauses)
    chosen = [(p.text, "it_infrastructure") for p in clauses if "công nghệ" in p.text]
    chosen += [(p.text, "staffing_shortage_surplus") for p in clauses if "cán bộ" in p.text]
    b = review.add_issues(b, chosen)
    assert len(b.issues) == 2
    assert len(review.add_issues(b, chosen).issues) == 2  # not twice
    staff = next(i for i in b.issues if i["category_id"] == "staffing_shortage_surplus")
    b = review.trim_issue(b, staff["issue_id"], "thiếu cán bộ chuyên môn")
    assert next(i for i in b.issues if i["issue_id"] == staff["issue_id"])["evidence"] == (
        "thiếu cán bộ chuyên môn"
    )
    with pytest.raises(review.EditError, match="piece"):
        review.trim_issue(b, staff["issue_id"], "thiếu giáo viên")
    with pytest.raises(review.EditError, match="verbatim"):
        review.add_issues(b, [("đường sạt lở nặng", "disaster_resettlement")])
    with pytest.raises(review.EditError, match="add it first"):
        review.set_issue(b, staff["issue_id"], commune_code="17440")
    b = review.add_commune(b, "17440", "Con Cuông")
    b = review.set_issue(b, staff["issue_id"], commune_code="17440", category_id="staff_capacity")
    assert {(i["category_id"], i["commune_code"]) for i in b.issues} == {
        ("it_infrastructure", ""), ("staff_capacity", "17440")
    }  # fmt: skip
    b = review.remove_commune(b, "17440")
    assert {i["commune_code"] for i in b.issues} == {""}


def test_picks_carry_the_extractors_category_and_reasons() -> None:
    from vuongmac.extract import extract

    draft = extract(TEXT)
    found = [
        {"start": i.start, "end": i.end, "category": i.category, "reasons": i.reasons,
         "evidence": i.evidence}
        for i in draft.issues
    ]  # fmt: skip
    picks = review.picks(TEXT, found)
    suggested = {p.category for p in picks if p.category}
    assert {i.category for i in draft.issues} <= suggested
    assert any(p.reasons for p in picks)
    reasons = review.reasons_by_quote(found)
    assert all(reasons[(review.squash(i.evidence), i.category)] == i.reasons for i in draft.issues)


def test_proposals_split_merge_edit_delete() -> None:
    b = bundle()
    b = review.split_proposal(
        b, "p1", ["hỗ trợ kinh phí mua máy tính", "giao Sở Nội vụ bổ sung biên chế"]
    )
    assert [p["text"] for p in b.proposals] == [
        "hỗ trợ kinh phí mua máy tính", "giao Sở Nội vụ bổ sung biên chế"
    ]  # fmt: skip
    second = b.proposals[1]["proposal_id"]
    b = review.edit_proposal(
        b, second, agency="Sở Nội vụ", status="assigned", due_date="2026-01-31"
    )
    assert b.proposals[1]["assigned_agency"] == "Sở Nội vụ"
    with pytest.raises(review.EditError, match="not a piece"):
        review.split_proposal(b, "p1", ["hỗ trợ kinh phí", "mua ô tô"])
    merged = review.merge_proposals(b, ["p1", second])
    assert merged.proposals[0]["text"] == (
        "hỗ trợ kinh phí mua máy tính và giao Sở Nội vụ bổ sung biên chế"
    )
    b = review.add_proposal(b, "Xã kiến nghị tỉnh hỗ trợ kinh phí mua máy tính", "tỉnh")
    assert len(b.proposals) == 3


def test_proposal_categories_are_confirmed_in_review() -> None:
    """The extractor's link from a proposal to the difficulties it answers is a field the
    reviewer sets; a merge answers what its parts answered; an unknown id stops publish."""
    from vuongmac.domain import publish_problems

    b = bundle()
    b = review.split_proposal(
        b, "p1", ["hỗ trợ kinh phí mua máy tính", "giao Sở Nội vụ bổ sung biên chế"]
    )
    first, second = (p["proposal_id"] for p in b.proposals)
    b = review.edit_proposal(
        b, first, category_ids=["finance_budget", "it_infrastructure", "finance_budget"]
    )
    b = review.edit_proposal(b, second, category_ids=["staffing_shortage_surplus"])
    assert b.proposals[0]["category_ids"] == "finance_budget;it_infrastructure"
    merged = review.merge_proposals(b, [first, second])
    assert merged.proposals[0]["category_ids"] == (
        "finance_budget;it_infrastructure;staffing_shortage_surplus"
    )
    b = review.edit_proposal(b, second, category_ids=["no_such_category"])
    problems = publish_problems(b.visit, b.communes, b.issues, b.proposals, b.sources,
                                province_codes={"40"}, commune_province={"17254": "40"},
                                category_ids={"finance_budget", "it_infrastructure"})  # fmt: skip
    assert any("unknown category 'no_such_category'" in p for p in problems)
    b = review.remove_proposal(b, "p1")
    assert [p["proposal_id"] for p in b.proposals][0] == second


def test_corroboration_names_the_first_report() -> None:
    b = bundle()
    b.published_issues = [{"issue_id": "i-old", "visit_id": "v1", "category_id": "it_infrastructure",
                           "commune_code": "", "evidence": "x", "source_id": "s0",
                           "review_status": "published", "corroborates": ""}]  # fmt: skip
    b = review.add_issues(b, [("hạ tầng công nghệ thông tin chưa đồng bộ", "other")])
    iid = b.issues[0]["issue_id"]
    b = review.mark_corroboration(b, iid, "i-old")
    assert (b.issues[0]["corroborates"], b.issues[0]["category_id"]) == (
        "i-old",
        "it_infrastructure",
    )
    with pytest.raises(review.EditError):
        review.mark_corroboration(b, iid, "i-none")
    assert review.mark_corroboration(b, iid, "").issues[0]["corroborates"] == ""


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.integers(0, 200), st.integers(0, 200))
def test_a_trim_is_always_a_piece_of_the_quote(noise, a, b) -> None:
    base = review.add_issues(bundle(), [("thiếu cán bộ chuyên môn về đất đai", "staff_capacity")])
    iid = base.issues[0]["issue_id"]
    quote = base.issues[0]["evidence"]
    for candidate in (quote[min(a, b) : max(a, b)], noise):
        try:
            out = review.trim_issue(base, iid, candidate)
        except review.EditError:
            continue
        assert out.issues[0]["evidence"] in quote


# -- the queue: no document disappears ------------------------------------------------------

IRRELEVANT = "Giải bóng đá thiếu niên tỉnh Nghệ An khai mạc sáng nay với 12 đội tham dự."
REPORT = (
    "Theo báo cáo của Sở Nội vụ tỉnh Nghệ An, sau sáp nhập, xã Con Cuông còn thiếu cán bộ "
    "chuyên môn về đất đai; hạ tầng công nghệ thông tin chưa đồng bộ."
)


@pytest.mark.slow
def test_mixed_folder_every_document_is_queued_then_decided(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    seed = (REPO / "data" / "sources" / "seed_004.txt").read_text(encoding="utf-8")
    (folder / "visit.txt").write_text(seed, encoding="utf-8")
    html = (
        "<html><head><title>Bài</title></head><body>"
        + "".join(f"<p>{line}</p>" for line in seed.splitlines() if line.strip())
        + "</body></html>"
    )
    (folder / "visit-copy.html").write_text(html, encoding="utf-8")
    (folder / "visit-again.txt").write_text(seed, encoding="utf-8")  # the same bytes
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    (folder / "sport.txt").write_text(IRRELEVANT, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    data = tmp_path / "data"
    data.mkdir()
    (data / "curated").mkdir()
    shutil.copy(SEED_CURATED / "sources.csv", data / "curated" / "sources.csv")
    for name in ("visits", "visit_sources", "visit_communes", "issues", "proposals"):
        header = (SEED_CURATED / f"{name}.csv").read_text().splitlines()[0]
        (data / "curated" / f"{name}.csv").write_text(header + "\n")
    (data / "curated" / "sources.csv").write_text(
        (SEED_CURATED / "sources.csv").read_text().splitlines()[0] + "\n"
    )
    done = run_cli("--data-dir", str(data), "ingest", *map(str, sorted(folder.iterdir())),
                   "--who", "test")  # fmt: skip
    assert done.returncode == 1 and "broken.pdf" in done.stderr  # one bad file, batch goes on
    assert "1 already stored" in done.stdout

    def counts() -> dict:
        out = run_cli("--data-dir", str(data), "queue", "--counts")
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout)

    def queue() -> list[dict]:
        return json.loads(run_cli("--data-dir", str(data), "queue", "--json").stdout)

    assert counts() == {"documents": 4, "queued": 4}
    entries = queue()
    kinds = sorted(e["kind"] for e in entries)
    listed = sorted(s for e in entries for s in e["source_ids"])
    assert len(listed) == 4 and len(set(listed)) == 4  # each document listed once
    store = open_store(data)
    sport = next(e for e in entries if any("bóng đá" in s["title"] or "Giải" in s["title"]
                                           for s in e["sources"]))  # fmt: skip
    assert sport["kind"] == "document", kinds
    out = run_cli("--data-dir", str(data), "dismiss", sport["source_ids"][0], "--reason",
                  "thể thao, không liên quan", "--who", "lan")  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert counts() == {"documents": 4, "queued": 3, "dismissed": 1}
    log = [c for c in store.rows("changes") if c["action"] == "dismiss"]
    assert log and log[0]["note"] == "thể thao, không liên quan" and log[0]["who"] == "lan"

    report = next(e for e in queue() if any("Sở Nội vụ" in (s["title"] or "") or "báo cáo" in
                                            (s["title"] or "") for s in e["sources"]))  # fmt: skip
    visits = [e for e in queue() if e is not report and e["kind"] == "visit"]
    for entry in [*visits, report]:
        vid = entry["visit_id"]
        if vid is None:
            vid = curation.open_document(store, "lan", entry["source_ids"][0])
        b = curation.load(store, data / "sources", vid)
        if not b.visit["province_code"]:
            b = review.set_visit(b, province_code="40", scope="province")
        curation.save(store, "lan", b, "publish")
    assert counts() == {"documents": 4, "queued": 0, "dismissed": 1, "published": 3}
    # the HTML copy went to the same visit; the report is a report, not a visit
    assert sorted(v["kind"] for v in store.rows("visits")) == ["report", "visit"]
    paths = DataPaths(data)
    build(store, paths.warehouse, sources_dir=paths.sources)  # the published records build
    from vuongmac.filters import Filters
    from vuongmac.warehouse.runner import Warehouse

    wh = Warehouse(paths.warehouse)
    kpis = wh.run("kpis", **Filters().query_params()).iloc[0]
    assert (kpis["visit_count"], kpis["report_count"]) == (1, 1)  # a report is not a visit
    ranking = wh.run("issues_by_province", **Filters().query_params()).set_index("province_code")
    assert ranking.loc["40", "visit_count"] == 0 and ranking.loc["40", "issue_count"] > 0


CORPUS = REPO.parent / "shared" / "corpus"


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "gold").is_dir(), reason="needs ../shared/corpus")
def test_every_gold_record_is_reachable_through_the_review_edits() -> None:
    from bench.review_reach import main

    assert main([str(CORPUS), "--json"]) == 0  # 0: everything representable and published


# -- the Review page (AppTest) ---------------------------------------------------------------

ARTICLE = (
    "Ngày 20/11/2025, đoàn công tác của Tỉnh ủy Nghệ An do đồng chí Nguyễn Văn Thử, Phó Bí thư "
    "Tỉnh ủy, làm việc với xã Con Cuông. Tuy nhiên, xã còn khó khăn như: hạ tầng công nghệ "
    "thông tin chưa đồng bộ; thiếu cán bộ chuyên môn về đất đai. Trụ sở làm việc của xã "
    "xuống cấp. Xã kiến nghị tỉnh hỗ trợ kinh phí mua máy tính và giao Sở Nội vụ bổ sung "
    "biên chế."
)


def _page(at, lang="vi"):  # noqa: ANN001, ANN202
    at.switch_page("pages/review.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _key_of(at, prefix: str):  # noqa: ANN001, ANN202
    return next(w for w in (*at.text_input, *at.selectbox, *at.multiselect, *at.text_area,
                            *at.button) if w.key and w.key.startswith(prefix))  # fmt: skip


@pytest.mark.slow
def test_review_page_fixes_a_draft_end_to_end(tmp_path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest
    from test_curation import ACCOUNTS, login

    from vuongmac.extract import extract
    from vuongmac.ingest.drafts import add_drafts
    from vuongmac.ingest.readers import read_bytes

    data = tmp_path / "data"
    shutil.copytree(SEED_CURATED, data / "curated")
    shutil.copytree(REPO / "data" / "sources", data / "sources")
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(data))
    store = open_store(data)
    doc = read_bytes(ARTICLE.encode(), "con-cuong.txt")
    add_drafts([(doc, extract(doc.text))], store, data / "sources", who="lan")
    noise = read_bytes(IRRELEVANT.encode(), "the-thao.txt")
    add_drafts([(noise, extract(noise.text))], store, data / "sources", who="lan")
    from vuongmac.ui.curator import _lockout

    _lockout.clear()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    at.secrets["curators"] = ACCOUNTS
    at.run()
    at = _page(login(at))
    assert "1 bản nháp đoàn/báo cáo" in " ".join(c.value for c in at.caption)
    vid = at.selectbox(key="review_visit").value
    assert not vid.startswith("doc:")
    # 1. the source metadata
    _key_of(at, "src_publisher_").input("Báo Nghệ An").run()
    _key_of(at, "src_url_").input("https://baonghean.vn/con-cuong").run()
    _key_of(at, "src_published_date_").input("2025-11-21").run()
    # 2. the visit: lead official's title, scope
    _key_of(at, "lead_title_").input("Phó Bí thư Tỉnh ủy").run()
    assert not at.exception
    # 3. two issues at once by picking clauses, then trim one
    b = curation.load(store, data / "sources", vid)
    for _issue in b.issues:  # start from no issue, as if the extractor had found none
        _key_of(at, f"rmi_{vid}_").click().run()
    picks = _key_of(at, "picks_")
    wanted = [o for o in picks.options if "Trụ sở làm việc" in o or "thiếu cán bộ" in o]
    assert len(wanted) >= 2, picks.options
    picks.set_value(
        [next(o for o in wanted if "Trụ sở" in o), next(o for o in wanted if "thiếu cán bộ" in o)]
    ).run()
    _key_of(at, "pickcat_").set_value("auto").run()
    _key_of(at, "addpicks_").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    trims = [w for w in at.text_input if w.key.startswith("trim_")]
    assert len(trims) == 2
    staff = next(w for w in trims if "cán bộ" in w.value)
    staff.input("thiếu cán bộ chuyên môn").run()
    # 4. split the merged proposal in two
    split = _key_of(at, "split_")
    split.input("hỗ trợ kinh phí mua máy tính\ngiao Sở Nội vụ bổ sung biên chế").run()
    _key_of(at, "dosplit_").click().run()
    assert not at.error, [e.value for e in at.error]
    texts = [w.value for w in at.text_area if w.key.startswith("ptext_")]
    assert "hỗ trợ kinh phí mua máy tính" in texts and "giao Sở Nội vụ bổ sung biên chế" in texts
    # an impossible edit is refused in words, nothing changes
    _key_of(at, "trim_").input("không có trong văn bản").run()
    assert any("piece" in e.value or "trích" in e.value for e in at.error)
    # 5. publish and go on to the next document: the irrelevant one, dismissed
    _key_of(at, f"publish_{vid}").click().run()
    assert not at.exception
    assert any("Đã công bố" in s.value for s in at.success), [e.value for e in at.error]
    nxt = at.selectbox(key="review_visit").value
    assert nxt.startswith("doc:") or nxt != vid
    stored = store.rows("issues", visit_id=vid)
    assert (
        sorted(i["evidence"] for i in stored)
        == sorted(["thiếu cán bộ chuyên môn", "Trụ sở làm việc của xã xuống cấp"])
        or len(stored) == 2
    )
    assert (
        store.rows("sources", source_id=b.sources[0]["source_id"])[0]["publisher"] == "Báo Nghệ An"
    )
    proposals = {p["text"] for p in store.rows("proposals", visit_id=vid)}
    assert {"hỗ trợ kinh phí mua máy tính", "giao Sở Nội vụ bổ sung biên chế"} <= proposals
    # 6. the irrelevant document is next: dismissed with a reason, the queue is empty
    assert at.selectbox(key="review_visit").value.startswith("doc:")
    _key_of(at, "dismiss_src").click().run()
    assert any("lý do" in e.value or "reason" in e.value for e in at.error)
    _key_of(at, "dismiss_reason_").input("thể thao").run()
    _key_of(at, "dismiss_src").click().run()
    assert any("Đã bỏ qua" in s.value for s in at.success)
    assert any("Không có bản nháp" in i.value for i in at.info)
    from vuongmac.store.queue import document_counts

    assert document_counts(store) == {"documents": 7, "queued": 0, "published": 6, "dismissed": 1}
