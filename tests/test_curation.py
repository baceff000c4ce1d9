"""Curation workflow: sign-in and lockout, drafts, edits, publish, reject, revert, conflicts."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys

import pytest
from conftest import REPO, act_in_process, copy_dataset
from streamlit.testing.v1 import AppTest

from vuongmac import curation
from vuongmac.auth import Lockout, check_login, hash_password, verify_password
from vuongmac.extract import extract
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.readers import read_bytes
from vuongmac.store import open_store
from vuongmac.warehouse.build import build

PASSWORD = "mật-khẩu-đủ-dài-42"
ACCOUNTS = {"lan": hash_password(PASSWORD, iterations=2_000)}


def test_password_hashing_and_lockout() -> None:
    encoded = ACCOUNTS["lan"]
    assert encoded.startswith("pbkdf2_sha256$2000$") and PASSWORD not in encoded
    assert verify_password(PASSWORD, encoded) and not verify_password("sai", encoded)
    assert hash_password(PASSWORD) != hash_password(PASSWORD)  # salted
    assert not verify_password(PASSWORD, "garbage")
    weak = hash_password(PASSWORD, iterations=1)  # verifies only above the minimum count
    assert not verify_password(PASSWORD, weak)
    lockout = Lockout()
    assert check_login(ACCOUNTS, lockout, "lan", "x", now=0) == (False, "wrong")
    assert check_login(ACCOUNTS, lockout, "lan", "y", now=1) == (False, "wrong")
    assert check_login(ACCOUNTS, lockout, "lan", "z", now=2) == (False, "locked")
    assert check_login(ACCOUNTS, lockout, "lan", PASSWORD, now=3) == (False, "locked")
    assert check_login(ACCOUNTS, lockout, "lan", PASSWORD, now=2 + 15 * 60 + 1) == (True, "ok")
    assert check_login(ACCOUNTS, lockout, "ghost", PASSWORD, now=0) == (False, "wrong")


def seed_drafts(paths, store, names=("seed_004",)):
    """Start from an empty store and ingest seed articles as drafts."""
    empty = paths.root / "empty"
    empty.mkdir()
    for f in paths.curated.glob("*.csv"):
        (empty / f.name).write_text(
            f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
        )
    store.import_csv(empty)
    docs = [
        read_bytes((REPO / "data" / "sources" / f"{n}.txt").read_bytes(), f"{n}.txt") for n in names
    ]
    result = add_drafts([(d, extract(d.text)) for d in docs], store, paths.sources, who="lan")
    return result.visits


def test_edit_publish_reject_revert(tmp_path, store) -> None:
    paths = copy_dataset(tmp_path)
    (vid,) = seed_drafts(paths, store)
    assert [d["visit_id"] for d in curation.drafts(store)] == [vid]
    bundle = curation.load(store, paths.sources, vid)
    first = bundle.issues[0]
    bundle.issues[0] = {**first, "category_id": "other"}
    curation.save(store, "lan", bundle, "publish")
    assert curation.drafts(store) == []
    result = build(store, paths.warehouse, sources_dir=paths.sources)
    assert (
        result.row_counts["fct_issue"] == len(bundle.issues) and result.row_counts["fct_visit"] == 1
    )
    changes = curation.history(store, {first["issue_id"]})
    assert [c["action"] for c in changes] == ["publish"] and '"other"' in changes[0]["after"]
    # Revert the edit of that issue: back to its draft state and category.
    curation.revert(store, "lan", changes[0]["change_id"])
    again = curation.load(store, paths.sources, vid)
    restored = next(i for i in again.issues if i["issue_id"] == first["issue_id"])
    assert restored["category_id"] == first["category_id"] and restored["review_status"] == "draft"
    with pytest.raises(curation.CurationError, match="needs a reason"):
        curation.save(store, "lan", again, "reject")
    curation.save(store, "lan", again, "reject", note="bài trùng lặp")
    # the visit is published: a reject decides its drafts (the reverted issue), and the
    # visit stays (taking it down is a withdrawal)
    assert {c["action"] for c in curation.history(store, {vid})} >= {"create", "publish"}
    assert store.rows("visits", visit_id=vid)[0]["review_status"] == "published"
    rejected = store.rows("issues", issue_id=first["issue_id"])[0]
    assert rejected["review_status"] == "rejected"
    assert [c["action"] for c in curation.history(store, {first["issue_id"]})][-1] == "reject"
    build(store, paths.warehouse, sources_dir=paths.sources)  # still builds


def test_quote_must_be_verbatim(tmp_path, store) -> None:
    paths = copy_dataset(tmp_path)
    (vid,) = seed_drafts(paths, store)
    bundle = curation.load(store, paths.sources, vid)
    bundle.issues.append(
        {**bundle.issues[0], "issue_id": "i-new", "evidence": "câu không có trong bài"}
    )
    with pytest.raises(curation.CurationError, match="not in source"):
        curation.save(store, "lan", bundle, "edit")


@pytest.mark.slow
def test_two_processes_save_at_once(tmp_path, store) -> None:
    paths = copy_dataset(tmp_path)
    v1, v2 = seed_drafts(paths, store, ("seed_002", "seed_004"))
    ctx = multiprocessing.get_context("spawn")
    url = store.url
    with ctx.Pool(2) as pool:  # different visits: both persist
        results = pool.map(act_in_process, [(url, paths.sources, v1, None, "other", "edit"),
                                             (url, paths.sources, v2, None, "other", "edit")])  # fmt: skip
    assert results == ["ok", "ok"]
    assert curation.load(store, paths.sources, v1).issues[0]["category_id"] == "other"
    assert curation.load(store, paths.sources, v2).issues[0]["category_id"] == "other"
    version = curation.load(store, paths.sources, v1).version
    with ctx.Pool(2) as pool:  # the same visit from the same version: one wins, one conflicts
        results = pool.map(act_in_process, [(url, paths.sources, v1, version, "finance_budget", "edit"),
                                             (url, paths.sources, v1, version, "legal_guidance", "edit")])  # fmt: skip
    assert sorted(results) == ["conflict", "ok"]
    saved = curation.load(store, paths.sources, v1).issues[0]["category_id"]
    assert saved in {"finance_budget", "legal_guidance"}  # the winner's edit, whole


# -- the app ---------------------------------------------------------------------------------


@pytest.fixture
def curator_app(tmp_path, monkeypatch):
    paths = copy_dataset(tmp_path)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(paths.root))
    from vuongmac.ui.curator import _lockout

    _lockout.clear()  # the lockout store is per process: start each test with none

    def make() -> AppTest:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
        at.secrets["curators"] = ACCOUNTS
        at.run()
        return at

    return make, paths


def login(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_user").input("lan")
    at.text_input(key="login_password").input(password)
    next(b for b in at.button if b.label == "Đăng nhập").click().run()
    return at


def metric(at: AppTest, label: str) -> str:
    return {m.label: m.value for m in at.metric}[label]


def test_reader_cannot_reach_curation_pages(curator_app) -> None:
    make, _ = curator_app
    at = make()
    assert not at.exception
    for page in ("pages/review.py", "pages/add_document.py", "pages/watch.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(page)  # not registered for readers: no link, no URL reaches it


@pytest.mark.slow
def test_wrong_password_three_times_locks_out(curator_app) -> None:
    make, _ = curator_app
    at = make()
    for _ in range(3):
        login(at, "sai-mat-khau")
    assert any("tạm khoá" in e.value for e in at.sidebar.error)
    login(at)  # the right password is refused while locked
    assert any("tạm khoá" in e.value for e in at.sidebar.error)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/review.py")


@pytest.mark.slow
def test_curator_adds_edits_publishes_and_counts_change(curator_app) -> None:
    make, paths = curator_app
    at = make()
    assert metric(at, "Vướng mắc") == "30"  # two-tier era (the 2022 seed report is opt-in)
    login(at)
    assert not at.exception and any("Đã đăng nhập: lan" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/add_document.py").run()
    article = "Ngày 20/11/2025, đoàn công tác của Tỉnh ủy Nghệ An làm việc với xã Con Cuông. Tuy nhiên, xã còn khó khăn như: hạ tầng công nghệ thông tin chưa đồng bộ; thiếu cán bộ chuyên môn về đất đai."
    at.text_area(key="paste_text").input(article)
    next(
        b for b in at.button if b.label == "Trích xuất và lưu bản nháp" and b.key == "save_paste"
    ).click().run()
    assert not at.exception
    assert any("Đã thêm 1 tài liệu" in s.value for s in at.success)
    at.switch_page("pages/review.py").run()
    assert not at.exception
    visit_id = at.selectbox(key="review_visit").value
    cat_box = next(s for s in at.selectbox if s.key.startswith(f"cat_{visit_id}_"))
    cat_box.set_value("staff_welfare_policy").run()
    next(b for b in at.button if b.key.startswith(f"publish_{visit_id}")).click().run()
    assert not at.exception
    assert any("Đã công bố" in s.value for s in at.success)
    at.switch_page("pages/overview.py").run()
    issues = int(metric(at, "Vướng mắc"))
    assert issues > 30 and metric(at, "Đoàn công tác") == "5"
    # The edit is in the change log, attributed and revertible.
    log = open_store(paths.root).rows("changes")
    assert any(c["who"] == "lan" and "staff_welfare_policy" in c["after"] for c in log)


@pytest.mark.slow
def test_curator_rejects_a_draft(curator_app) -> None:
    make, paths = curator_app
    vids = seed_drafts_keep(paths)
    at = login(make())
    at.switch_page("pages/review.py").run()
    at.selectbox(key="review_visit").set_value(vids[0]).run()
    next(b for b in at.button if b.key.startswith(f"reject_{vids[0]}")).click().run()
    assert any("cần lý do" in e.value or "needs a reason" in e.value for e in at.error)
    next(t for t in at.text_input if t.key.startswith(f"reason_{vids[0]}")).input(
        "Không phải báo cáo về xã"
    ).run()
    next(b for b in at.button if b.key.startswith(f"reject_{vids[0]}")).click().run()
    store = open_store(paths.root)
    assert any("Đã loại" in s.value for s in at.success) or not curation.drafts(store)
    assert all(d["visit_id"] != vids[0] for d in curation.drafts(store))


def seed_drafts_keep(paths):
    """Add a draft next to the published seed data."""
    text = "Ngày 20/11/2025, đoàn công tác làm việc với xã Lượng Minh, Nghệ An. Khó khăn: trụ sở làm việc còn chật hẹp."
    doc = read_bytes(text.encode(), "moi.txt")
    result = add_drafts(
        [(doc, extract(doc.text))], open_store(paths.root), paths.sources, who="lan"
    )
    return result.visits


def test_hash_password_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "vuongmac", "hash-password"], input="mk-thu-nghiem\n",
                            cwd=REPO, capture_output=True, text=True)  # fmt: skip
    assert result.returncode == 0
    encoded = result.stdout.strip().splitlines()[-1]
    assert verify_password("mk-thu-nghiem", encoded)


def test_curation_pages_refuse_without_a_curator(tmp_path, monkeypatch) -> None:
    """Defence in depth: run a curation page script directly, with nobody signed in."""
    paths = copy_dataset(tmp_path)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(paths.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.secrets["curators"] = ACCOUNTS
    at.session_state["_curator"] = "lan"  # registers the pages for this run...
    at.run()
    at.switch_page("pages/review.py")
    at.run()
    assert at.title[0].value == "Duyệt"
    at.session_state["_curator"] = None  # ...then the session loses its sign-in
    at.run()
    assert at.title[0].value == "Tổng quan"  # the page is gone: back to the overview
    assert not [s for s in at.selectbox if s.key == "review_visit"]


@pytest.mark.slow
def test_withdrawal_keeps_a_deletions_list(tmp_path, monkeypatch) -> None:
    paths = copy_dataset(tmp_path)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    run = lambda *a: subprocess.run([sys.executable, "-m", "vuongmac", "--data-dir", str(paths.root), *a],  # noqa: E731
                                    cwd=REPO, capture_output=True, text=True, timeout=120)  # fmt: skip
    bad = run("withdraw", "v-nope", "--reason", "x", "--who", "lan")
    assert bad.returncode == 2 and "no published visit" in bad.stderr
    ok = run("withdraw", "v-seed_003-1", "--reason", "thí điểm 2022, ngoài phạm vi", "--who", "lan")
    assert ok.returncode == 0, ok.stderr
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(paths.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert {m.label: m.value for m in at.metric}["Vướng mắc"] == "30"  # 33 - the 3 of Sơn Tây
    at.switch_page("pages/sources.py").run()
    listed = at.dataframe[-1].value
    assert set(listed["record_id"]) >= {
        "v-seed_003-1",
        "i-seed_003-01",
        "i-seed_003-02",
        "i-seed_003-03",
    }
    assert set(listed["reason"]) == {"thí điểm 2022, ngoài phạm vi"}
    # the curator is named by an id on this public page, never by name
    (curator_id,) = set(listed["curator_id"])
    assert curator_id.startswith("curator-") and "lan" not in listed.to_csv()
