"""Import a gold-coded corpus into the curated store as published, quote-only records (the
starter dataset; ``python -m vuongmac import-gold``). IO at the edge: the mapping itself is
``vuongmac.ingest.gold``.

Each document goes the way an upload goes (``add_drafts``, with ``keep_text=False``), then
the way a reviewer's publish goes (``curation.save``), with the provenance note in the change
log. An irrelevant document is kept and dismissed with its reason. One document that cannot
be read or published is reported and never stops the others.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from vuongmac import curation, review
from vuongmac.extract import Extractor
from vuongmac.geo.gazetteer import Gazetteer
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.gold import (
    PROVENANCE,
    PROVENANCE_VI,
    display_title,
    gold_record,
    read_supplement,
)
from vuongmac.ingest.readers import DocumentError, read_bytes
from vuongmac.store import Store

DISMISS_REASON = f"không liên quan theo {PROVENANCE_VI} / not relevant by the hand coding"


@dataclass(slots=True)
class ImportReport:
    documents: int = 0
    published_visits: int = 0
    dismissed: int = 0
    skipped: list[str] = field(default_factory=list)  # already in the store
    problems: list[str] = field(default_factory=list)  # what could not be mapped or filed

    def lines(self) -> list[str]:
        return [
            f"{self.documents} gold documents: {self.published_visits} visits/reports published,"
            f" {self.dismissed} dismissed as not relevant, {len(self.skipped)} already stored",
            *(f"  already stored: {s}" for s in self.skipped),
            f"{len(self.problems)} note(s) on what could not be mapped as coded:",
            *(f"  {p}" for p in self.problems),
        ]


def import_gold(
    corpus: Path,
    supplement_dir: Path,
    store: Store,
    sources_dir: Path,
    extractor: Extractor,
    gazetteer: Gazetteer,
    who: str = "starter-import",
) -> ImportReport:
    """File every ``corpus/gold/*.json`` whose article (``corpus/articles/<id>.txt``) is
    readable and not stored yet (same address or same text) as published records."""
    report = ImportReport()
    supplement = read_supplement(supplement_dir)
    for path in sorted((corpus / "gold").glob("*.json")):
        report.documents += 1
        try:
            gold = json.loads(path.read_text(encoding="utf-8"))
            article = corpus / "articles" / f"{gold['id']}.txt"
            doc = read_bytes(article.read_bytes(), article.name)
        except (OSError, ValueError, KeyError, DocumentError) as exc:
            report.problems.append(f"{path.name}: cannot be read ({exc})")
            continue
        if (url := gold.get("url")) and store.rows("sources", url=url):
            report.skipped.append(f"{gold['id']} (same address as a stored source)")
            continue
        if store.rows("sources", content_hash=doc.content_hash):
            report.skipped.append(f"{gold['id']} (same text as a stored source)")
            continue
        doc = replace(doc, title=display_title(doc.title, doc.text, doc.meta.publisher))
        record = gold_record(gold, doc.text, extractor(doc.text, doc.meta), gazetteer, supplement)
        report.problems += record.problems
        try:
            result = add_drafts([(doc, record.draft)], store, sources_dir, who, keep_text=False)
        except (OSError, ValueError) as exc:
            report.problems.append(f"{gold['id']}: not filed ({exc})")
            continue
        if result.duplicates:
            report.skipped.append(f"{gold['id']} (same text as a stored source)")
            continue
        source_id = result.added_sources[0]
        if not gold["relevant"]:
            curation.dismiss(store, who, source_id, DISMISS_REASON)
            report.dismissed += 1
            continue
        visit_ids = [r["visit_id"] for r in store.rows("visit_sources", source_id=source_id)]
        if not visit_ids:
            continue  # nothing to publish: its problems are reported above
        for visit_id in visit_ids:
            try:
                bundle = curation.load(store, sources_dir, visit_id)
                if record.era and not bundle.visit.get("era"):
                    bundle = review.set_visit(bundle, era=record.era)
                if record.published:
                    bundle = review.set_source(
                        bundle, source_id, published_date=record.published.isoformat()
                    )
                curation.save(store, who, bundle, "publish", note=PROVENANCE)
                report.published_visits += 1
            except (curation.CurationError, curation.ConflictError, review.EditError) as exc:
                report.problems.append(f"{gold['id']}: {visit_id} left as a draft ({exc})")
    return report
