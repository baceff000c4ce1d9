"""Add extracted drafts to the curated dataset (review status "draft").

- A document already stored (same content hash) is skipped.
- The same visit reported by several outlets (same province, same communes, same known
  date) becomes one visit with several sources: the new document is attached to it.
- Writes are serialised by a lock file and each CSV is replaced atomically, so a crash
  leaves every file either as it was or fully updated, and two processes never interleave.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from vuongmac.curated import CURATED_BY_NAME, curated_lock, recover, write_tables_atomic
from vuongmac.extract import Draft
from vuongmac.ingest.readers import Document


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


def _store_source_text(sources_dir: Path, source_id: str, text: str) -> str:
    sources_dir.mkdir(parents=True, exist_ok=True)
    name = f"{source_id}.txt"
    fd, tmp = tempfile.mkstemp(dir=sources_dir, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, sources_dir / name)
    return name


def add_drafts(
    items: list[tuple[Document, Draft]], curated_dir: Path, sources_dir: Path
) -> IngestResult:
    result = IngestResult()
    with curated_lock(curated_dir):
        recover(curated_dir)
        tables = {name: read_rows(curated_dir / f"{name}.csv") for name in CURATED_BY_NAME}
        hashes = {r["content_hash"] for r in tables["sources"]}
        known_visits: dict[tuple, str] = {}
        communes_of: dict[str, list[str]] = {}
        for row in tables["visit_communes"]:
            communes_of.setdefault(row["visit_id"], []).append(row["commune_code"])
        for v in tables["visits"]:
            key = _visit_key(
                v["province_code"], communes_of.get(v["visit_id"], []), v["visit_date"]
            )
            if key:
                known_visits.setdefault(key, v["visit_id"])

        for doc, draft in items:
            if doc.content_hash in hashes:
                result.duplicates.append(doc.name)
                continue
            hashes.add(doc.content_hash)
            source_id = f"src-{doc.content_hash[:12]}"
            file_name = _store_source_text(sources_dir, source_id, doc.text)
            tables["sources"].append(
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
            )
            result.added_sources.append(source_id)
            visit_ids: list[tuple[str, set[str]]] = []  # (visit id, its commune codes)
            # A report with no visit is filed under its setting (place and date) so its issues
            # are kept; the reviewer sees an occasion with no lead official.
            occasions = draft.visits or ([draft.setting] if draft.setting else [])
            for n, visit in enumerate(occasions, 1):
                codes = [c.code for c in visit.communes if c.code]
                key = _visit_key(visit.province_code, codes, visit.date)
                if key and key in known_visits:  # reported before by another outlet
                    visit_id = known_visits[key]
                    result.attached.append(source_id)
                else:
                    visit_id = f"v-{doc.content_hash[:12]}-{n}"
                    result.visits.append(visit_id)
                    tables["visits"].append(
                        {
                            "visit_id": visit_id,
                            "visit_date": visit.date or "",
                            "date_precision": visit.date_precision if visit.date else "unknown",
                            "province_code": visit.province_code or "",
                            "lead_official": visit.lead_official or "",
                            "lead_title": visit.lead_title or "",
                            "body": visit.body or "",
                            "evidence": visit.evidence or _first_line(doc.text),
                            "review_status": "draft",
                        }
                    )
                    for commune in visit.communes:
                        if commune.code:
                            tables["visit_communes"].append(
                                {
                                    "visit_id": visit_id,
                                    "commune_code": commune.code,
                                    "as_written": commune.as_written,
                                    "conversion": "current",
                                }
                            )
                    if key:
                        known_visits[key] = visit_id
                tables["visit_sources"].append({"visit_id": visit_id, "source_id": source_id})
                visit_ids.append((visit_id, set(codes)))
            if not visit_ids:
                continue  # not relevant: the source is kept for the record, nothing else
            visit_id = visit_ids[0][0]
            for i, issue in enumerate(draft.issues, 1):
                # An issue goes to the visit of its commune when the document reports several.
                own = [v for v, codes in visit_ids if issue.commune_code in codes]
                tables["issues"].append(
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
                result.issues += 1
            for i, proposal in enumerate(draft.proposals, 1):
                tables["proposals"].append(
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
                    }
                )
                result.proposals += 1
        write_tables_atomic(curated_dir, tables)
    return result
