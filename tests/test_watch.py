"""The watch list against a fixture site on 127.0.0.1 (devsupport/watchsite.py: pages
written for the tests): two runs, polite fetching, broken sources, restore."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st
from test_curation import curator_app  # noqa: F401 (a fixture)

from devsupport.watchsite import Site, serve, standard_site
from vuongmac.extract import extract
from vuongmac.ingest import watch
from vuongmac.ingest.discover import BrokenPage, PageKind, canonical_url, discover, page_kind
from vuongmac.ingest.fetch import Fetcher, FetchError
from vuongmac.store import Store
from vuongmac.store.queue import review_queue


@pytest.fixture
def site():
    with serve(Site(slow_seconds=2.0)) as s:
        s.lists = standard_site(s)
        yield s


@pytest.fixture
def wstore(tmp_path: Path) -> Store:
    (tmp_path / "sources").mkdir()
    s = Store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    s.migrate()
    yield s
    s.dispose()


def _watch_all(store: Store, site: Site) -> None:
    for path, name in [("/rss.xml", "rss"), ("/sitemap.xml", "sitemap"),
                       ("/chuyen-muc/chinh-quyen", "listing"), ("/hong.xml", "broken"),
                       ("/khong-co.xml", "missing")]:  # fmt: skip
        watch.add_source(store, site.base + path, name)
    watch.add_source(store, "http://khong-ton-tai.invalid/rss.xml", "dns")


def _fetcher() -> Fetcher:
    return Fetcher(delay=0, timeout=1.0)


@pytest.mark.slow
def test_two_runs_queue_the_relevant_articles_once(site, wstore, tmp_path) -> None:
    _watch_all(wstore, site)
    first = {r.name: r for r in watch.run(wstore, tmp_path / "sources", extract, _fetcher())}
    # the relevant fixture articles are drafts, with title, address, publisher and date
    drafts = [s for s in wstore.rows("sources") if s["review_status"] == "draft"]
    relevant = {site.base + p for p in site.lists["feed"][:4] + site.lists["sitemap"] + site.lists["listing"]}  # fmt: skip
    assert {s["url"] for s in drafts} == relevant
    for s in drafts:
        assert s["title"].startswith(("Nghệ An", "Lào Cai", "Cà Mau", "Phú Thọ", "Đắk Lắk"))
        assert s["publisher"] == "Báo Thử Nghiệm" and s["published_date"].startswith("2025-")
    queued = {e["sources"][0]["url"] for e in review_queue(wstore) if e["sources"]}
    assert relevant <= queued
    # irrelevant ones are filed and dismissed at once, with the auto reason
    dismissed = [s for s in wstore.rows("sources") if s["review_status"] == "dismissed"]
    assert len(dismissed) == 3
    assert all(i["status"] == "dismissed" for i in watch.items(wstore, "dismissed"))
    # the traps: a redirect to a listed article, a second address with the same canonical
    # link, the same text under another address are duplicates; slow, huge, robots fail
    notes = {
        i["url"].removeprefix(site.base): (i["status"], i["note"]) for i in watch.items(wstore)
    }
    assert notes["/r/bai-0"][0] == "duplicate"
    assert notes["/sao-chep/bai-1.html"][0] == "duplicate"
    assert notes["/cham/bai-cham.html"] == ("failed", notes["/cham/bai-cham.html"][1])
    assert notes["/cham/bai-cham.html"][1].startswith("timeout")
    assert notes["/lon/bai-lon.html"][1].startswith("too_large")
    assert notes["/rieng/bai-an.html"][1].startswith("robots")
    assert site.hits.get("/rieng/bai-an.html") is None  # never requested
    # broken sources are reported, each with its kind; the others were still processed
    assert first["broken"].status == "error" and first["broken"].error.startswith("xml")
    assert first["missing"].error.startswith("http: HTTP 404")
    assert first["dns"].error.startswith("dns")
    assert first["rss"].status == "ok" and first["rss"].relevant == 4 and first["rss"].failed == 3
    assert first["sitemap"].relevant == 1 and first["listing"].relevant == 1
    stored = len(wstore.rows("sources"))

    second = {r.name: r for r in watch.run(wstore, tmp_path / "sources", extract, _fetcher())}
    assert len(wstore.rows("sources")) == stored  # nothing added
    assert second["rss"].status == "not_modified"  # ETag: one 304, no listing read
    assert all(r.new == 0 and r.relevant == 0 for r in second.values())
    assert second["broken"].status == "error"
    rows = {s["name"]: s for s in watch.sources(wstore)}
    assert rows["rss"]["last_status"] == "not_modified" and rows["rss"]["etag"]
    assert rows["broken"]["last_error"].startswith("xml")


@pytest.mark.slow
def test_restore_puts_an_auto_dismissed_article_back_in_the_queue(site, wstore, tmp_path) -> None:
    watch.add_source(wstore, site.base + "/rss.xml", "rss")
    watch.run(wstore, tmp_path / "sources", extract, _fetcher())
    item = watch.items(wstore, "dismissed")[0]
    source_id = watch.restore(wstore, "lan", item["url"])
    assert wstore.rows("sources", source_id=source_id)[0]["review_status"] == "draft"
    assert any(
        e["sources"] and e["sources"][0]["source_id"] == source_id for e in review_queue(wstore)
    )
    assert watch.items(wstore, "restored")[0]["url"] == item["url"]
    with pytest.raises(watch.WatchError):
        watch.restore(wstore, "lan", item["url"])  # not auto-dismissed any more


def test_the_fetcher_is_polite(site) -> None:
    f = Fetcher(delay=0.3, timeout=1.0)
    import time

    start = time.monotonic()
    f.get(site.base + site.lists["feed"][0])
    f.get(site.base + site.lists["feed"][1])
    assert time.monotonic() - start >= 0.3  # the per-host delay
    with pytest.raises(FetchError) as err:
        f.get(site.base + "/rieng/bai-an.html")
    assert err.value.kind == "robots"
    page = f.get(site.base + "/rss.xml")
    again = f.get(site.base + "/rss.xml", etag=page.etag)
    assert again.not_modified and again.body == b""
    redirected = f.get(site.base + "/r/bai-0")
    assert redirected.url == site.base + site.lists["feed"][0]
    with pytest.raises(FetchError) as err:
        Fetcher(delay=0, timeout=1.0, max_bytes=1000).get(site.base + "/lon/bai-lon.html")
    assert err.value.kind == "too_large"
    with pytest.raises(FetchError) as err:
        f.get("ftp://example.org/x")
    assert err.value.kind == "url"


def test_discover_reads_feeds_sitemaps_and_listings() -> None:
    base = "http://bao-thu.localhost:8000"
    rss = (f"<?xml version='1.0'?><rss version='2.0'><channel><item><link>{base}/a-1.html</link>"
           f"</item><item><link>{base}/a-1.html?utm_source=fb</link></item></channel></rss>")  # fmt: skip
    assert discover(rss, base + "/rss").articles == [f"{base}/a-1.html"]
    assert page_kind("<?xml version='1.0'?><urlset/>") is PageKind.SITEMAP
    assert page_kind("<html><body>x</body></html>") is PageKind.LISTING
    with pytest.raises(BrokenPage):
        discover("<?xml version='1.0'?><rss><channel><item><title>x", base + "/rss")
    listing = ("<html><body><a href='/thoi-su'>nav</a><a href='/bai/lanh-dao-lam-viec-voi-xa-"
               "12345.html'>x</a><a href='https://khac.vn/bai-99999.html'>y</a></body></html>")  # fmt: skip
    found = discover(listing, base + "/chuyen-muc")
    assert found.articles == [f"{base}/bai/lanh-dao-lam-viec-voi-xa-12345.html"]
    assert (
        canonical_url("HTTP://Bao-Thu.localhost:8000/x/?utm_medium=a#top")
        == "http://bao-thu.localhost:8000/x"
    )


@given(st.text(max_size=3000))
def test_discover_never_fails_but_with_broken_page(text: str) -> None:
    for prefix in ("", "<?xml version='1.0'?><rss>", "<urlset>", "<html>"):
        try:
            found = discover(prefix + text, "http://bao-thu.localhost:8000/x")
        except BrokenPage:
            continue
        assert all(u.startswith("http") for u in found.articles)


@pytest.mark.slow
def test_cli_watch_commands_and_bad_input(tmp_path) -> None:
    data = str(tmp_path)
    listed = run_cli("--data-dir", data, "watch", "list")
    assert listed.returncode == 0 and "off" in listed.stdout  # the starter list, disabled
    ran = run_cli("--data-dir", data, "watch", "run")
    assert ran.returncode == 0 and "no enabled source" in ran.stdout  # offline by default
    bad = run_cli("--data-dir", data, "watch", "add", "javascript:alert(1)")
    assert bad.returncode == 2 and "not a valid http(s) address" in bad.stderr
    dup = run_cli("--data-dir", data, "watch", "add", "https://baonghean.vn/rss/thoi-su.rss")
    assert dup.returncode == 2 and "already watched" in dup.stderr
    neg = run_cli("--data-dir", data, "watch", "run", "--delay", "-1")
    assert neg.returncode == 2 and "--delay" in neg.stderr
    missing = run_cli("--data-dir", data, "watch", "enable", "Không có")
    assert missing.returncode == 2 and "no such watched source" in missing.stderr


@pytest.mark.slow
def test_the_batch_reader_keeps_the_per_document_limits() -> None:
    from devsupport.watchsite import relevant_html
    from vuongmac.ingest.readers import DocumentError
    from vuongmac.ingest.sandbox import IsolatedReader, Limits

    page = relevant_html(1, "http://bao-thu.localhost:8000/bai/x-1.html").encode()
    with IsolatedReader() as read:
        first = read(page, "a.html")
        pid = read._proc.pid
        assert read(page, "b.html").title == first.title and read._proc.pid == pid  # reused
        read.limits = Limits(seconds=0.000001)
        with pytest.raises(DocumentError, match="took longer"):
            read(page, "slow.html")
        read.limits = Limits()
        assert read(page, "c.html").title == first.title and read._proc.pid != pid  # fresh
        with pytest.raises(DocumentError):
            read(b"PK\x03\x04 not a zip", "broken.docx")
        assert read(page, "d.html").title == first.title  # one bad file never stops a batch


@pytest.mark.slow
def test_watch_page_runs_a_source_and_restores_an_article(site, curator_app, monkeypatch) -> None:  # noqa: F811
    from test_curation import login

    from vuongmac.store import open_store

    monkeypatch.setenv("VUONGMAC_WATCH_DELAY", "0")
    monkeypatch.setenv("VUONGMAC_WATCH_TIMEOUT", "1")
    make, paths = curator_app
    store = open_store(paths.root)
    watch.add_source(store, site.base + "/rss.xml", "Báo Thử RSS")
    watch.add_source(store, site.base + "/hong.xml", "Nguồn hỏng")
    at = login(make())
    at.switch_page("pages/watch.py").run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == "Theo dõi nguồn"
    table = at.data_editor(key="watch_table").value if hasattr(at, "data_editor") else None
    at.button(key="watch_run").click().run(timeout=120)
    assert not at.exception, [e.message for e in at.exception]
    shown = " ".join(m.value for m in (*at.success, *at.error))
    assert "Báo Thử RSS: tìm thấy 12, mới 7, có vướng mắc 4, lỗi 3" in shown
    assert "Nguồn hỏng" in shown and "XML hỏng" in shown
    assert table is None or len(table) == 2
    assert len(watch.items(store, "dismissed")) == 3
    at.button(key="watch_restore").click().run()
    assert not at.exception
    assert len(watch.items(store, "dismissed")) == 2 and watch.items(store, "restored")
