"""The watch list: feeds, sitemaps and listing pages whose new articles arrive by
themselves (``python -m vuongmac watch``; the curator page "Theo dõi nguồn").

A run takes each enabled source, fetches it politely (``fetch.Fetcher``; conditional GET,
so an unchanged feed costs one 304), lists its articles (``discover``), and for each address
not seen before fetches the article and sends it down the upload path: reader → extractor
→ relevance triage → ``add_drafts``. A relevant article becomes a draft in the review
queue; an irrelevant one is filed and dismissed at once with the reason AUTO_DISMISS (the
curator scans and restores them). An address is new once: the canonical address and the
content hash are both checked, against the watch list's own memory and the stored sources.
One bad source or article is recorded with its error and never stops the run.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select, update

from vuongmac import curation
from vuongmac.extract.model import Draft
from vuongmac.ingest.discover import BrokenPage, Found, PageKind, canonical_url, discover
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.fetch import Fetcher, FetchError
from vuongmac.ingest.readers import Document, DocumentError
from vuongmac.ingest.sandbox import IsolatedReader
from vuongmac.store import Store, schema

WHO = "watch"
AUTO_DISMISS = "tự động: không liên quan (phân loại của máy) / auto: not relevant (triage)"
MAX_SITEMAPS = 5  # nested sitemaps followed per source and run
MAX_NEW_PER_SOURCE = 200  # articles fetched per source and run (the rest wait for the next)
WATCHLIST_FILE = "watchlist.csv"


class WatchError(ValueError):
    """A watch-list command that cannot be done, in plain words."""


@dataclass(slots=True)
class SourceRun:
    url: str
    name: str
    status: str = "ok"  # ok / not_modified / error
    error: str = ""  # "<kind>: <detail>" for a source that failed
    found: int = 0
    new: int = 0
    relevant: int = 0
    failed: int = 0
    item_errors: list[str] = field(default_factory=list)


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def _check_url(url: str) -> str:
    url = url.strip()
    if not url.startswith(("http://", "https://")) or len(url) > 500 or " " in url:
        raise WatchError(
            f"không phải địa chỉ http(s) hợp lệ / not a valid http(s) address: {url[:80]!r}"
        )
    return url


# -- the list --------------------------------------------------------------------------


def add_source(store: Store, url: str, name: str = "", enabled: bool = True) -> None:
    url = _check_url(url)
    t = schema.watch_sources
    with store.write(bump=False) as conn:
        if conn.execute(select(t.c.url).where(t.c.url == url)).first():
            raise WatchError(f"đã có trong danh sách / already watched: {url}")
        conn.execute(
            t.insert().values(
                url=url, name=name.strip() or url, enabled=int(enabled), added_at=_now()
            )
        )


def set_enabled(store: Store, url_or_name: str, enabled: bool) -> int:
    t = schema.watch_sources
    with store.write(bump=False) as conn:
        done = conn.execute(
            update(t)
            .where((t.c.url == url_or_name) | (t.c.name == url_or_name))
            .values(enabled=int(enabled))
        )
        if not done.rowcount:
            raise WatchError(f"không có nguồn này / no such watched source: {url_or_name}")
        return done.rowcount


def sources(store: Store) -> list[dict]:
    t = schema.watch_sources
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(select(t).order_by(t.c.name, t.c.url))]


def load_starter_list(store: Store, path: Path) -> int:
    """Add a starter list (``data/watchlist.csv``: name, url, enabled) to an empty watch
    list, disabled unless a row says enabled=1: the offline default never touches the
    network."""
    if not path.is_file() or sources(store):
        return 0
    added = 0
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            try:
                add_source(store, row["url"], row.get("name", ""), row.get("enabled") == "1")
                added += 1
            except (WatchError, KeyError):
                continue
    return added


def items(store: Store, status: str | None = None, limit: int = 500) -> list[dict]:
    t = schema.watch_items
    query = select(t).order_by(t.c.seen_at.desc(), t.c.url).limit(limit)
    if status:
        query = query.where(t.c.status == status)
    with store.read() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def restore(store: Store, who: str, url: str) -> str:
    """Put an auto-dismissed article back in the review queue (its dismissal reverted);
    returns its source id."""
    t = schema.watch_items
    with store.read() as conn:
        row = conn.execute(select(t).where(t.c.url == url)).first()
    if row is None or row.status != "dismissed" or not row.source_id:
        raise WatchError(f"không phải bài đã tự động loại / not an auto-dismissed article: {url}")
    dismissals = [c for c in curation.history(store, {row.source_id}) if c["action"] == "dismiss"]
    if not dismissals:
        raise WatchError(f"không tìm thấy lần loại / no dismissal to revert: {url}")
    curation.revert(store, who, dismissals[-1]["change_id"])
    with store.write(bump=False) as conn:
        conn.execute(
            update(t).where(t.c.url == url).values(status="restored", note=f"restored by {who}")
        )
    return row.source_id


# -- a run -----------------------------------------------------------------------------


def run(
    store: Store,
    sources_dir: Path,
    extract: Callable[[str, object], Draft],
    fetcher: Fetcher | None = None,
    only: str | None = None,
    read: Callable[[bytes, str], Document] | None = None,
    max_new: int = MAX_NEW_PER_SOURCE,
) -> list[SourceRun]:
    """One pass over the enabled sources (or the one named ``only``, enabled or not).
    Pages are read by ``read``: by default out of process, within limits, like uploads
    (a fetched page is untrusted input), by one reused worker process."""
    fetcher = fetcher or Fetcher()
    chosen = [
        s for s in sources(store)
        if (only is None and s["enabled"]) or only in (s["url"], s["name"])
    ]  # fmt: skip
    if only is not None and not chosen:
        raise WatchError(f"không có nguồn này / no such watched source: {only}")
    if read is not None:
        return [_run_source(store, sources_dir, extract, fetcher, read, max_new, s) for s in chosen]
    with IsolatedReader() as isolated:
        return [
            _run_source(store, sources_dir, extract, fetcher, isolated, max_new, s) for s in chosen
        ]


def _seen(store: Store, urls: list[str]) -> set[str]:
    if not urls:
        return set()
    t, s = schema.watch_items, schema.sources
    with store.read() as conn:
        known = {r.url for r in conn.execute(select(t.c.url).where(t.c.url.in_(urls)))}
        known |= {r.url for r in conn.execute(select(s.c.url).where(s.c.url.in_(urls)))}
    return known


def _list_articles(fetcher: Fetcher, source: dict, result: SourceRun) -> tuple[list[str], dict]:
    """The source's article addresses, and its new HTTP validators."""
    page = fetcher.get(source["url"], source["etag"], source["last_modified"])
    validators = {"etag": page.etag, "last_modified": page.last_modified}
    if page.not_modified:
        result.status = "not_modified"
        return [], validators
    found: Found = discover(
        page.body.decode("utf-8", errors="replace"), page.url, page.content_type
    )
    articles = list(found.articles)
    if found.kind is PageKind.SITEMAP:
        for nested in found.more[:MAX_SITEMAPS]:
            sub = fetcher.get(nested)
            articles += discover(sub.body.decode("utf-8", errors="replace"), sub.url).articles
    elif found.kind is PageKind.LISTING and found.more and not articles:
        feed = fetcher.get(found.more[0])
        articles = discover(feed.body.decode("utf-8", errors="replace"), feed.url).articles
    return list(dict.fromkeys(articles)), validators


def _run_source(
    store: Store,
    sources_dir: Path,
    extract: Callable[[str, object], Draft],
    fetcher: Fetcher,
    read: Callable[[bytes, str], Document],
    max_new: int,
    source: dict,
) -> SourceRun:
    result = SourceRun(source["url"], source["name"])
    validators = {"etag": source["etag"], "last_modified": source["last_modified"]}
    item_rows: list[dict] = []
    try:
        articles, validators = _list_articles(fetcher, source, result)
    except FetchError as exc:
        result.status, result.error = "error", f"{exc.kind}: {exc.detail}"
        articles = []
    except (BrokenPage, UnicodeError, ValueError) as exc:
        result.status, result.error = "error", f"xml: {exc}"
        articles = []
    result.found = len(articles)
    seen = _seen(store, articles)
    new = [u for u in articles if u not in seen][:max_new]
    docs: list[tuple[str, Document, Draft]] = []
    canon_seen: set[str] = set()
    for url in new:
        try:
            page = fetcher.get(url)
            doc = read(page.body, "article.html")
            doc = _with_url(doc, page.url)
        except (FetchError, DocumentError) as exc:
            kind = exc.kind if isinstance(exc, FetchError) else "document"
            detail = exc.detail if isinstance(exc, FetchError) else str(exc)
            result.failed += 1
            result.item_errors.append(f"{url}: {kind}: {detail}")
            item_rows.append(_item(url, source, "failed", note=f"{kind}: {detail}"[:500]))
            continue
        canon = canonical_url(doc.meta.url or page.url)
        if canon != url and (canon in canon_seen or _seen(store, [canon])):
            item_rows.append(
                _item(url, source, "duplicate", title=doc.title, note=f"same as {canon}")
            )
            continue
        canon_seen.add(canon)
        docs.append((url, doc, extract(doc.text, doc.meta)))
    result.new = len(docs)
    if docs:
        filed = add_drafts([(d, dr) for _, d, dr in docs], store, sources_dir, WHO)
        added = set(filed.added_sources)
        for url, doc, draft in docs:
            source_id = f"src-{doc.content_hash[:12]}"
            if source_id not in added:  # the same text is stored already (or came twice)
                item_rows.append(_item(url, source, "duplicate", source_id, doc.title, "same text"))
                result.new -= 1
                continue
            added.discard(source_id)
            if draft.relevant:
                result.relevant += 1
                item_rows.append(_item(url, source, "queued", source_id, doc.title))
            else:
                curation.dismiss(store, WHO, source_id, AUTO_DISMISS)
                item_rows.append(_item(url, source, "dismissed", source_id, doc.title))
    with store.write(bump=False) as conn:
        if item_rows:
            t = schema.watch_items
            known = {
                r.url
                for r in conn.execute(
                    select(t.c.url).where(t.c.url.in_([r["url"] for r in item_rows]))
                )
            }
            fresh = [r for r in item_rows if r["url"] not in known]
            if fresh:
                conn.execute(t.insert(), fresh)
        w = schema.watch_sources
        conn.execute(
            update(w).where(w.c.url == source["url"]).values(
                last_run_at=_now(), last_status=result.status, last_error=result.error[:1000],
                found=result.found, new=result.new, relevant=result.relevant,
                failed=result.failed, **validators,
            )
        )  # fmt: skip
    return result


def _with_url(doc: Document, url: str) -> Document:
    """The article's address: its canonical link, else where the fetch ended."""
    if doc.meta.url:
        return doc
    from dataclasses import replace

    return replace(doc, meta=replace(doc.meta, url=url))


def _item(
    url: str, source: dict, status: str, source_id: str = "", title: str | None = "", note: str = ""
) -> dict:
    return {
        "url": url, "watch_url": source["url"], "seen_at": _now(), "status": status,
        "source_id": source_id, "title": (title or "")[:300], "note": note,
    }  # fmt: skip
