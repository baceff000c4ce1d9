"""Add extracted drafts to the curated dataset (review status "draft").

- A document already stored (same content hash) is skipped.
- The same visit reported by several outlets (same province, same communes, same known
  date) becomes one visit with several sources: the new document is attached to it.
- One transaction in the curated store: a crash leaves it as it was or fully updated, and
  two processes never interleave. Each new visit gets a "create" row in the change log.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from vuongmac.curation import log_change
from vuongmac.domain import id_text, precision_of
from vuongmac.extract import Draft
from vuongmac.fsutil import atomic_write
from vuongmac.ingest.readers import Document
from vuongmac.store import Store
from vuongmac.text import fold


@dataclass
class IngestResult:
    added_sources: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # names of documents already stored
    attached: list[str] = field(default_factory=list)  # source ids attached to a known visit
    visits: list[str] = field(default_factory=list)  # visit ids created
    issues: int = 0
    proposals: int = 0


def read_rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _http_url(url: str | None) -> str:
    """Only absolute http(s) addresses are stored as a source's link."""
    if url and re.fullmatch(r"https?://[^\s<>\"]+", url.strip()):
        return url.strip()
    return ""


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.splitlines() if line.strip()), text[:200])


def _visit_key(province: str | None, communes: list[str], date: str | None) -> tuple | None:
    if not province or not date or not communes:
        return None
    return (province, tuple(sorted(set(communes))), date)


def _title_key(title: str | None) -> str:
    return " ".join(fold(title or "").split())


def _document_keys(doc: Document) -> list[tuple[str, str]]:
    """What identifies one article across formats: its address, and a headline long
    enough not to be generic ("Thông báo" is not a key)."""
    keys = []
    if url := _http_url(doc.meta.url):
        keys.append(("url", url))
    title = _title_key(doc.title)
    if len(title) >= 30:
        keys.append(("title", title))
    return keys


def _title_matches(store: Store, conn, doc: Document) -> list[dict[str, str]]:  # noqa: ANN001
    """Stored sources with the same headline (compared folded; the title column is
    searched by its exact text first, which is how a copy usually repeats it)."""
    title = " ".join((doc.title or "").split())
    return [r for r in store.rows("sources", conn, title=title) if _title_key(r["title"])
            == _title_key(doc.title)]  # fmt: skip


def _store_source_text(sources_dir: Path, source_id: str, text: str) -> str:
    name = f"{source_id}.txt"
    atomic_write(sources_dir / name, text)
    return name


def add_drafts(
    items: list[tuple[Document, Draft]],
    store: Store,
    sources_dir: Path,
    who: str = "ingest",
    keep_text: bool = True,
) -> IngestResult:
    """File each document's draft coding in the store, in one transaction, with a
    "create" row per new visit in the change log. Only the rows it adds are touched.
    ``keep_text=False`` files quote-only sources: the content hash, no stored text (a
    publisher's article; its quotes were verified against the text by the caller)."""
    result = IngestResult()
    if not items:
        return result
    with store.write() as conn:
        if not store.is_sqlite:  # one ingest at a time (SQLite's BEGIN IMMEDIATE does this)
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(4243)")
        hashes = {
            r["content_hash"]
            for r in store.rows(
                "sources", conn, content_hash=[doc.content_hash for doc, _ in items]
            )
        }
        known_visits: dict[tuple, str] = {}

        def known(key: tuple | None) -> str | None:
            """A visit already stored with the same province, date and communes."""
            if key is None:
                return None
            if key in known_visits:
                return known_visits[key]
            province, codes, date = key
            for v in store.rows("visits", conn, province_code=province, visit_date=date):
                mine = store.rows("visit_communes", conn, visit_id=v["visit_id"])
                if tuple(sorted({r["commune_code"] for r in mine})) == codes:
                    known_visits[key] = v["visit_id"]
                    return v["visit_id"]
            return None

        stored_docs: dict[str, str] = {}  # document key -> a source id stored with it

        def same_document(doc: Document) -> list[str]:
            """Visits of a stored copy of this article in another format (same address,
            or same headline): the new copy joins them instead of making new visits."""
            for kind, value in _document_keys(doc):
                sid = stored_docs.get((kind, value))
                if sid is None:
                    found = (
                        store.rows("sources", conn, url=value)
                        if kind == "url"
                        else _title_matches(store, conn, doc)
                    )
                    if kind == "title" and _http_url(doc.meta.url):
                        # Two addresses are two articles, whatever their headline says (a
                        # site's generic <title>): a headline joins only a copy without one.
                        found = [r for r in found if not r["url"]]
                    if not found:
                        continue
                    sid = found[0]["source_id"]
                links = store.rows("visit_sources", conn, source_id=sid)
                if links:
                    return [r["visit_id"] for r in links]
            return []

        for doc, draft in items:
            if doc.content_hash in hashes:
                result.duplicates.append(doc.name)
                continue
            hashes.add(doc.content_hash)
            source_id = f"src-{doc.content_hash[:12]}"
            file_name = _store_source_text(sources_dir, source_id, doc.text) if keep_text else ""
            Store.insert_rows(
                conn,
                "sources",
                [
                    {
                        "source_id": source_id,
                        "title": doc.title or doc.name,
                        "url": _http_url(doc.meta.url),
                        "publisher": doc.meta.publisher or "",
                        "published_date": (
                            doc.meta.published.isoformat()
                            if doc.meta.published
                            else draft.published or ""
                        ),
                        "language": draft.language,
                        "content_hash": doc.content_hash,
                        "file": file_name,
                        "review_status": "draft",
                    }
                ],
            )
            result.added_sources.append(source_id)
            visit_ids: list[tuple[str, set[str]]] = []  # (visit id, its commune codes)
            copies = same_document(doc)
            for key in _document_keys(doc):
                if key[0] == "url" or not _http_url(doc.meta.url):
                    stored_docs.setdefault(key, source_id)
            if copies:  # another format of a stored article: its issues go to those visits
                result.attached.append(source_id)
                Store.insert_rows(
                    conn, "visit_sources",
                    [{"visit_id": vid, "source_id": source_id} for vid in copies],
                )  # fmt: skip
                visit_ids = [(vid, set()) for vid in copies]
            # A report with no visit is filed under its setting (place and date) so its issues
            # are kept; the reviewer sees an occasion with no lead official.
            occasions = draft.visits or ([draft.setting] if draft.setting else [])
            for n, visit in enumerate([] if copies else occasions, 1):
                codes = [c.code for c in visit.communes if c.code]
                key = _visit_key(visit.province_code, codes, visit.date)
                if (visit_id := known(key)) is not None:  # reported before by another outlet
                    result.attached.append(source_id)
                else:
                    visit_id = f"v-{doc.content_hash[:12]}-{n}"
                    result.visits.append(visit_id)
                    row = {
                        "visit_id": visit_id,
                        "visit_date": visit.date or "",
                        "date_precision": precision_of(visit.date).value,
                        "province_code": visit.province_code or "",
                        "lead_official": visit.lead_official or "",
                        "lead_title": visit.lead_title or "",
                        "body": visit.body or "",
                        "evidence": visit.evidence or _first_line(doc.text),
                        "review_status": "draft",
                        "scope": visit.scope,
                        "kind": "visit" if draft.visits else "report",
                        "era": "",
                    }
                    Store.insert_rows(conn, "visits", [row])
                    log_change(conn, who, "create", "visit", visit_id, None, row)
                    seen: set[tuple[str, str]] = set()
                    places = []
                    for commune in visit.communes:
                        if commune.code and (commune.code, commune.as_written) not in seen:
                            seen.add((commune.code, commune.as_written))
                            places.append(
                                {
                                    "visit_id": visit_id,
                                    "commune_code": commune.code,
                                    "as_written": commune.as_written,
                                    "conversion": "current",
                                }
                            )
                    Store.insert_rows(conn, "visit_communes", places)
                    if key:
                        known_visits[key] = visit_id
                Store.insert_rows(
                    conn, "visit_sources", [{"visit_id": visit_id, "source_id": source_id}]
                )
                visit_ids.append((visit_id, set(codes)))
            if not visit_ids:
                continue  # not relevant: the source is kept for the record, nothing else
            visit_id = visit_ids[0][0]
            issue_rows = []
            for i, issue in enumerate(draft.issues, 1):
                # An issue goes to the visit of its commune when the document reports several.
                own = [v for v, codes in visit_ids if issue.commune_code in codes]
                issue_rows.append(
                    {
                        "issue_id": f"i-{doc.content_hash[:12]}-{i:03d}",
                        "visit_id": own[0] if own else visit_id,
                        "category_id": issue.category,
                        "commune_code": issue.commune_code or "",
                        "evidence": issue.evidence,
                        "source_id": source_id,
                        "review_status": "draft",
                    }
                )
            Store.insert_rows(conn, "issues", issue_rows)
            result.issues += len(issue_rows)
            proposal_rows = [
                {
                    "proposal_id": f"p-{doc.content_hash[:12]}-{i:03d}",
                    "visit_id": visit_id,
                    "text": proposal.text,
                    "assigned_agency": proposal.assigned_agency or "",
                    "status": "assigned" if proposal.assigned_agency else "proposed",
                    "status_note": "",
                    "due_date": "",
                    "source_id": source_id,
                    "review_status": "draft",
                    "category_ids": id_text(proposal.category_ids),
                }
                for i, proposal in enumerate(draft.proposals, 1)
            ]
            Store.insert_rows(conn, "proposals", proposal_rows)
            result.proposals += len(proposal_rows)
    return result
