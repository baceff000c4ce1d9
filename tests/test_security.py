"""Hostile input and floods: one test per finding of the adversarial review (#17).

Where each finding's test lives (those needing a server or a browser sit beside their kind):

 1. anonymous uploads: tests/test_web.py (the guard; the real endpoint in
    test_the_served_app_guards_compresses_and_warms_up)
 2. DOCX zip bomb, 3. a 5,000-page PDF: here (refused out of process), and
    test_browser.py::test_hostile_uploads_are_refused_while_readers_are_served
 4. parallel sign-ins, 5. lockout per account, in memory: here
 6. Markdown in URL notices: here
 7. a failed rebuild says nothing: test_store.py::test_background_rebuild_reports_a_failure,
    test_build.py (a draft dated 2030 warns, a published one fails)
 8. connections closed under queries: test_runner.py, and
    ``python -m bench.load --sessions 30 --duration 60 --rebuilds 11``
 9. one bad file stops the batch: test_reliability.py
10. out-of-range dates in a link: here
11. curator identities public: test_curation.py (withdrawn records list a curator id)
12. legacy routing of curator scripts: here
13. metrics public and no security headers: test_web.py; source files' mode, PBKDF2
    minimum, OIDC e-mails, a malformed secrets.toml: here and test_curation.py;
    CLI ingest's "create" rows: test_curation.py
"""

from __future__ import annotations

import csv
import re

import pytest
from conftest import REPO, SEED_CURATED, copy_dataset

from vuongmac.curated import CURATED_BY_NAME, write_csv_atomic
from vuongmac.ui.safe import md, safe_url
from vuongmac.warehouse.build import BuildError, build

XSS = "<img src=x onerror=alert(1)>"
MD_LINK = "[bấm vào đây](javascript:alert(2))"
SQLI = "'; DROP TABLE fct_issue; --"


def test_markdown_escape_and_url_filter() -> None:
    assert md(XSS) == r"\<img src=x onerror=alert\(1\)\>"
    assert "](javascript" not in md(MD_LINK)
    assert md(None) == "" and md(float("nan")) == ""
    assert safe_url("https://baolaocai.vn/a?b=1") == "https://baolaocai.vn/a?b=1"
    for bad in ("javascript:alert(1)", "JAVASCRIPT:alert(1)", "data:text/html,x", "//evil.example", "http://",
                "https://x.vn/\nSet-Cookie", None, 42):  # fmt: skip
        assert safe_url(bad) is None


def rows(path):
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def hostile_dataset(root):
    """The seed data with hostile strings in places, officials and an evidence quote."""
    paths = copy_dataset(root)
    source = paths.sources / "seed_000.txt"
    source.write_text(
        source.read_text(encoding="utf-8") + f"\n{XSS} {MD_LINK} {SQLI}\n", encoding="utf-8"
    )
    c = paths.curated
    vc = rows(c / "visit_communes.csv")
    vc[0]["as_written"] = f"{XSS} {MD_LINK}"
    write_csv_atomic(c / "visit_communes.csv", CURATED_BY_NAME["visit_communes"].columns, vc)
    visits = rows(c / "visits.csv")
    visits[0]["lead_official"] = MD_LINK
    visits[0]["body"] = XSS
    write_csv_atomic(c / "visits.csv", CURATED_BY_NAME["visits"].columns, visits)
    issues = rows(c / "issues.csv")
    issues.append(
        {
            **issues[0],
            "issue_id": "i-hostile",
            "evidence": f"{XSS} {MD_LINK} {SQLI}",
            "category_id": "other",
        }
    )
    write_csv_atomic(c / "issues.csv", CURATED_BY_NAME["issues"].columns, issues)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    return paths


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return hostile_dataset(tmp_path_factory.mktemp("hostile"))


def test_javascript_url_in_curated_data_fails_the_build(tmp_path) -> None:
    paths = copy_dataset(tmp_path)
    src = rows(paths.curated / "sources.csv")
    src[0]["url"] = "javascript:alert(1)"
    write_csv_atomic(paths.curated / "sources.csv", CURATED_BY_NAME["sources"].columns, src)
    with pytest.raises(BuildError, match="url must be an http"):
        build(paths.curated, paths.warehouse, sources_dir=paths.sources)


@pytest.mark.slow
def test_hostile_text_is_shown_escaped_in_every_page(hostile, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(hostile.root))
    for page in ("pages/overview.py", "pages/issues.py", "pages/map.py", "pages/categories.py"):
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        at.query_params["province"] = "15"
        at.query_params["commune"] = "02809"
        at.run()
        at.switch_page(page).run()
        assert not at.exception, page
        rendered = [m.value for m in at.markdown] + [c.value for c in at.caption]
        for text in rendered:  # present only in escaped form (\<img, \]\(javascript)
            assert not re.search(r"(?<!\\)<img", text) and not re.search(
                r"(?<!\\)\]\(javascript", text
            ), (page, text)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/issues.py").run()
    at.text_input(key="issue_search").input(SQLI).run()
    assert not at.exception
    assert at.caption[0].value == "1 vướng mắc"  # the quote containing it, found as text


def _app_from_link(seed_paths, monkeypatch, params: dict[str, str]):  # noqa: ANN001, ANN202
    """The app opened from a shared link with these query parameters."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(seed_paths.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def test_url_notices_render_no_markdown(seed_paths, monkeypatch) -> None:
    """An unknown URL parameter's name is shown as text: no link, no image beacon."""
    at = _app_from_link(
        seed_paths,
        monkeypatch,
        {"[bấm vào đây](https://evil.example/x)": "1", "![](https://evil.example/beacon.png)": "1"},
    )
    warnings = [w.value for w in at.sidebar.warning]
    assert warnings, "the unknown parameters are reported"
    for text in warnings:
        assert "[bấm vào đây](https" not in text and "![](https" not in text


def test_out_of_range_dates_in_a_shared_link_do_not_crash(seed_paths, monkeypatch) -> None:
    at = _app_from_link(seed_paths, monkeypatch, {"from": "1999-12-31", "to": "2099-01-01"})
    assert any("out of range" in w.value for w in at.sidebar.warning)


def _accounts():
    from vuongmac.auth import hash_password

    return {"lan": hash_password("đúng-mật-khẩu-dài", iterations=2_000)}


def test_parallel_wrong_sign_ins_leave_the_account_protected(store) -> None:
    """10 wrong passwords sent at once, then the right one: refused (the count is atomic)."""
    from concurrent.futures import ThreadPoolExecutor

    from vuongmac.auth import StoreLockout, check_login

    accounts, lockout = _accounts(), StoreLockout(store)
    with ThreadPoolExecutor(10) as pool:
        results = list(
            pool.map(
                lambda n: check_login(
                    accounts, lockout, "lan", f"sai-{n}", now=1000, client="10.0.0.9"
                ),
                range(10),
            )
        )
    assert all(not ok for ok, _ in results)
    assert sum(reason == "locked" for _, reason in results) >= 7  # the 3rd on is refused
    assert check_login(
        accounts, lockout, "lan", "đúng-mật-khẩu-dài", now=1001, client="10.0.0.9"
    ) == (
        False,
        "locked",
    )


def test_lockout_survives_a_restart_and_backs_off(store) -> None:
    from vuongmac.auth import StoreLockout, backoff_seconds, check_login

    accounts = _accounts()
    for n in range(3):
        check_login(accounts, StoreLockout(store), "lan", "sai", now=2000 + n, client="c1")
    restarted = StoreLockout(store)  # a new server process: same store, same state
    assert check_login(accounts, restarted, "lan", "đúng-mật-khẩu-dài", now=2010, client="c1") == (
        False,
        "locked",
    )
    wait = backoff_seconds(3, 3)
    assert check_login(
        accounts, restarted, "lan", "đúng-mật-khẩu-dài", now=2002 + wait + 1, client="c1"
    ) == (True, "ok")
    assert backoff_seconds(4, 3) == 2 * wait and backoff_seconds(40, 3) == 15 * 60


def test_a_stranger_cannot_lock_a_curator_out(store) -> None:
    """Wrong guesses from one address slow that address; the curator signs in from hers."""
    from vuongmac.auth import StoreLockout, check_login

    accounts, lockout = _accounts(), StoreLockout(store)
    for n in range(5):
        check_login(accounts, lockout, "lan", f"doan-{n}", now=3000 + n, client="203.0.113.7")
    assert check_login(accounts, lockout, "lan", "x", now=3006, client="203.0.113.7")[1] == "locked"
    assert check_login(
        accounts, lockout, "lan", "đúng-mật-khẩu-dài", now=3007, client="192.0.2.1"
    ) == (True, "ok")


def test_sign_in_attempts_do_not_trigger_rebuilds(store) -> None:
    from vuongmac.auth import StoreLockout, check_login

    store.import_csv(SEED_CURATED)
    before = store.revision()
    check_login(_accounts(), StoreLockout(store), "lan", "sai", now=1, client="c")
    assert store.revision() == before


# -- hostile documents: parsed out of process, within limits --------------------------------


def _zip_bomb(unpacked_mb: int) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as member:
            chunk = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(chunk)
    return buf.getvalue()


@pytest.mark.slow
def test_a_docx_zip_bomb_is_refused_before_it_unpacks() -> None:
    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import read_isolated

    bomb = _zip_bomb(210)
    assert len(bomb) < 2 * 1024 * 1024  # small on the wire, 210 MB unpacked
    with pytest.raises(DocumentError, match="zip bomb"):
        read_isolated(bomb, "bom.docx")


@pytest.mark.slow
def test_a_malformed_docx_is_a_clear_error() -> None:
    import io
    import zipfile

    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import read_isolated

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types><oops")
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(DocumentError, match="hong.docx"):
        read_isolated(buf.getvalue(), "hong.docx")


def _pdf(pages: int) -> bytes:
    from fpdf import FPDF

    from vuongmac.brief import FONT_REGULAR

    pdf = FPDF()
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.set_font("DejaVu", "", 11)
    for n in range(pages):
        pdf.add_page()
        pdf.cell(0, 10, f"Trang {n + 1}: xã còn khó khăn về trụ sở làm việc.")
    return bytes(pdf.output())


@pytest.mark.slow
def test_a_huge_pdf_is_refused_by_its_page_count() -> None:
    from vuongmac.ingest.readers import MAX_PDF_PAGES, DocumentError
    from vuongmac.ingest.sandbox import read_isolated

    with pytest.raises(DocumentError, match="pages"):
        read_isolated(_pdf(MAX_PDF_PAGES + 1), "dai.pdf")
    assert "trụ sở" in read_isolated(_pdf(3), "ngan.pdf").text


@pytest.mark.slow
def test_parsing_past_its_time_limit_is_refused() -> None:
    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import Limits, read_isolated

    data = _pdf(40)
    with pytest.raises(DocumentError, match="longer than"):
        read_isolated(data, "cham.pdf", limits=Limits(seconds=0.01))
    assert read_isolated(data, "tot.pdf").text  # the same file within the default limits


@pytest.mark.slow
def test_parsing_past_its_memory_limit_is_refused_and_the_server_lives() -> None:
    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import read_isolated

    def page(n: int) -> bytes:
        return (
            "<html><body>" + "<div><p>xã còn khó khăn</p></div>" * n + "</body></html>"
        ).encode()

    assert "khó khăn" in read_isolated(page(200), "nho.html").text  # the same page, small
    # 14 MB of it: a parse tree that needs more than the 1 GB the child may use. The child
    # runs out (trafilatura sometimes swallows the MemoryError and finds no text): refused.
    with pytest.raises(DocumentError, match="more than 1024 MB|no text"):
        read_isolated(page(400_000), "nang.html")
    assert read_isolated(_pdf(2), "sau.pdf").text  # the next document is read as usual


@pytest.mark.parametrize("script", ["pages/review.py", "pages/add_document.py", "pages/watch.py"])
def test_a_curator_script_run_directly_checks_access_first(script, work_paths, monkeypatch) -> None:
    """Whatever routes to it (legacy pages/ routing, a direct run), the script refuses a
    reader before it reads anything."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(work_paths.root))
    at = AppTest.from_file(str(REPO / script), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("biên tập viên" in e.value.lower() for e in at.error)
    assert not at.title  # nothing of the page was drawn


def test_no_warehouse_still_registers_navigation(tmp_path, monkeypatch) -> None:
    """When no warehouse can be built the app stops early; it has called st.navigation, so
    Streamlit never falls back to routing pages/ by file name (curator scripts included)."""
    from conftest import copy_dataset
    from streamlit.testing.v1 import AppTest

    paths = copy_dataset(tmp_path)
    (paths.curated / "visits.csv").write_text("not,a,header\n", encoding="utf-8")
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(paths.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert any(e for e in at.error), (
        [e.message for e in at.exception],
        [w.value for w in at.warning],
    )
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/review.py")


def test_oidc_needs_a_verified_email_compared_case_insensitively() -> None:
    from vuongmac.auth import oidc_curator

    allowed = ["lan@so.gov.vn", " Minh@So.gov.vn "]
    assert oidc_curator({"email": "Lan@SO.gov.vn", "email_verified": True}, allowed) == (
        "lan@so.gov.vn"
    )
    assert oidc_curator({"email": "minh@so.gov.vn", "email_verified": "true"}, allowed)
    assert oidc_curator({"email": "lan@so.gov.vn", "email_verified": False}, allowed) is None
    assert oidc_curator({"email": "lan@so.gov.vn"}, allowed) is None  # not verified
    assert oidc_curator({"email": "x@so.gov.vn", "email_verified": True}, allowed) is None
    assert oidc_curator({"email_verified": True}, allowed) is None


def test_a_malformed_secrets_file_is_said_not_silent() -> None:
    from streamlit.errors import StreamlitSecretNotFoundError

    from vuongmac.ui.curator import read_section

    class Broken:
        def __init__(self, message: str) -> None:
            self.message = message

        def get(self, *_):  # noqa: ANN002, ANN202
            raise StreamlitSecretNotFoundError(self.message)

    class Fine:
        def get(self, name, default=None):  # noqa: ANN001, ANN202
            return {"lan": "pbkdf2_sha256$…"} if name == "curators" else default

    assert read_section(Broken("Error parsing secrets file at x: bad"), "curators") == ({}, True)
    assert read_section(Broken("No secrets found. Valid paths: …"), "curators") == ({}, False)
    assert read_section(Fine(), "curators") == ({"lan": "pbkdf2_sha256$…"}, False)


def test_ingested_texts_are_readable_by_the_server_user(tmp_path) -> None:
    """Source texts are written 0644 (they were 0600: a server running as another user of
    the group could not show them)."""
    import stat

    from vuongmac.fsutil import atomic_write

    atomic_write(tmp_path / "nguon.txt", "văn bản")
    assert stat.S_IMODE((tmp_path / "nguon.txt").stat().st_mode) == 0o644
