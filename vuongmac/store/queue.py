"""What awaits a decision: the review queue as one list, for the Review page and for
scripts (``python -m vuongmac queue --json``).

Three kinds of entry, so no ingested document disappears:
- ``visit``: a draft of a new visit (its sources and issues with it);
- ``attached``: a draft source attached to a visit already published (its issues are to be
  merged or marked as corroborations);
- ``document``: a draft source that produced no visit (a report, a feature, or an
  irrelevant page), to be coded as a report or dismissed with a reason.
"""

from __future__ import annotations

from sqlalchemy import select

from vuongmac.domain import ReviewStatus
from vuongmac.store import Store, schema

_SOURCE_FIELDS = ("source_id", "url", "title", "publisher", "published_date", "language")


def review_queue(store: Store) -> list[dict]:
    from vuongmac.curation import drafts

    entries: list[dict] = []
    draft_visits = drafts(store)
    s, vs, v = schema.sources, schema.visit_sources, schema.visits
    with store.read() as conn:
        visit_ids = [d["visit_id"] for d in draft_visits]
        links = store.rows("visit_sources", conn, visit_id=visit_ids) if visit_ids else []
        by_visit: dict[str, list[str]] = {}
        for link in links:
            by_visit.setdefault(link["visit_id"], []).append(link["source_id"])
        wanted = sorted({sid for ids in by_visit.values() for sid in ids})
        sources = {r["source_id"]: r for r in store.rows("sources", conn, source_id=wanted)}
        for d in draft_visits:
            ids = by_visit.get(d["visit_id"], [])
            entries.append(
                {
                    "kind": "visit",
                    "visit_id": d["visit_id"],
                    "source_ids": ids,
                    "sources": [
                        {k: sources[i][k] for k in _SOURCE_FIELDS} for i in ids if i in sources
                    ],
                    "issue_count": int(d["issue_count"]),
                    "created_at": d["created_at"],
                }
            )
        # Draft sources not behind a draft visit: attached to a published visit, or none.
        query = (
            select(s, vs.c.visit_id, v.c.review_status.label("visit_status"))
            .select_from(s)
            .outerjoin(vs, vs.c.source_id == s.c.source_id)
            .outerjoin(v, v.c.visit_id == vs.c.visit_id)
            .where(s.c.review_status == ReviewStatus.DRAFT.value)
            .order_by(s.c.seq)
        )
        loose: dict[str, dict] = {}
        for row in conn.execute(query):
            m = row._mapping
            if m["visit_status"] == ReviewStatus.DRAFT.value:
                continue  # listed with its draft visit
            entry = loose.setdefault(
                m["source_id"],
                {
                    "kind": "document",
                    "visit_id": None,
                    "source_ids": [m["source_id"]],
                    "sources": [{k: m[k] or "" for k in _SOURCE_FIELDS}],
                    "issue_count": 0,
                    "created_at": "",
                },
            )
            if m["visit_id"]:
                entry["kind"] = "attached"
                entry["visit_id"] = m["visit_id"]
        for sid, entry in loose.items():
            entry["issue_count"] = store.count("issues", source_id=sid, review_status="draft")
        entries.extend(loose.values())
    return entries


def document_counts(store: Store) -> dict[str, int]:
    """Every stored document by where it stands, so nothing can disappear unseen:
    ``queued`` (awaiting a decision, as listed by ``review_queue``), ``published``,
    ``dismissed`` (with a logged reason), ``rejected``, ``withdrawn``; ``documents`` is
    their sum, the number of sources stored."""
    queued = {sid for e in review_queue(store) for sid in e["source_ids"]}
    counts = {"documents": 0, "queued": len(queued)}
    with store.read() as conn:
        for row in conn.execute(select(schema.sources.c.source_id, schema.sources.c.review_status)):
            counts["documents"] += 1
            if row.source_id in queued:
                continue
            counts[row.review_status or "draft"] = counts.get(row.review_status or "draft", 0) + 1
    return counts
