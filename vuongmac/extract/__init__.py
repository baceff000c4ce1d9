"""Documents -> draft coding: visits, places, dates, officials, issues, proposals.

Pure and deterministic: ``extract(text, meta)`` reads nothing from disk or network (the
gazetteer is passed in, or the packaged default is used). Every evidence string is a slice
of the input text, so it is verbatim by construction. Rules are general linguistic patterns
(clause splitting, difficulty cues, category lexicons, assignment phrases), documented in
``docs/extraction.md``; each concern has its module: ``places``, ``dates``, ``officials``,
``issues``, ``proposals`` (``lexicon`` holds the word lists, ``text`` the segmentation).
"""

from __future__ import annotations

import re

from vuongmac.extract import lexicon as lx
from vuongmac.extract.catmodel import CategoryModel, load_model
from vuongmac.extract.dates import (
    DateFinding,
    day_candidates,
    find_visit_date,
    publication_date,
    visit_anchors,
)
from vuongmac.extract.issues import (
    Candidate,
    candidates,
    find_issues,
    link_proposals,
    model_issues,
)
from vuongmac.extract.metadata import Metadata, merge_metadata
from vuongmac.extract.model import (
    DocMeta,
    Draft,
    DraftCommune,
    DraftIssue,
    DraftProposal,
    DraftVisit,
)
from vuongmac.extract.officials import lead_official, names_actor, organising_body
from vuongmac.extract.places import NATIONAL_SESSION, find_places, place_mentions, visit_scope
from vuongmac.extract.proposals import find_proposals
from vuongmac.extract.text import any_phrase, fold_span
from vuongmac.geo.gazetteer import Gazetteer
from vuongmac.text import nfc

__all__ = [
    "DocMeta",
    "Draft",
    "DraftCommune",
    "DraftIssue",
    "DraftProposal",
    "DraftVisit",
    "Extractor",
    "clean_input",
    "default_extractor",
    "detect_language",
    "extract",
    "reports_visit",
]

MAX_CHARS = 400_000  # longer inputs are cut: a working-visit report is never this long


_VI_CHARS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


_VI_CHAR_RE = re.compile("[" + "".join(sorted(_VI_CHARS)) + "]")
_NON_LETTERS = re.compile(r"[\W\d_]+")


def detect_language(text: str) -> str:
    sample = text[:20000].lower()
    # letters = all characters but the runs of non-letters (a few hundred runs, not
    # thousands of one-letter matches)
    letters = len(sample) - sum(map(len, _NON_LETTERS.findall(sample)))
    if not letters:
        return "vi"
    return "vi" if len(_VI_CHAR_RE.findall(sample)) / letters > 0.04 else "en"


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def clean_input(text: str) -> str:
    """NFC, no control or invisible format characters (newlines and tabs kept), capped length."""
    return _CONTROL.sub("", nfc(text[:MAX_CHARS]).replace("\r\n", "\n").replace("\r", "\n"))


def _header_meta(text: str, meta: DocMeta) -> DocMeta:
    """The caller's metadata, completed from the text's header and source lines, the date
    encoded in the URL and the publisher table (``metadata.merge_metadata``)."""
    given = Metadata(url=meta.url, published=meta.published, publisher=meta.publisher)
    merged = merge_metadata(given, text)
    url = merged.url
    if url is None and (urls := _ANY_URL.findall(text)):
        url = urls[-1]  # a bare link closing the article is most often its source
    return DocMeta(url=url, published=merged.published, publisher=merged.publisher)


_ANY_URL = re.compile(r"https?://[^\s)\]\"'<>]+")


def reports_visit(text: str) -> bool:
    """Does the document name an occasion (a visit, a meeting, an inspection, a debate)? A
    relevant document that names none is a report, a feature or a written reply."""
    head = fold_span(text, 0, 20000)
    return any_phrase(head, lx.VISIT_MARKERS) or bool(NATIONAL_SESSION.search(head[:1500]))


class Extractor:
    """``model``: the learned category model (None: the rules decide alone)."""

    def __init__(self, gazetteer: Gazetteer, model: CategoryModel | None = None) -> None:
        self.gaz = gazetteer
        self.model = model

    def candidates(self, raw: str, meta: DocMeta | None = None) -> tuple[str, list[Candidate]]:
        """The cleaned text and its candidate clauses (what the model is trained on)."""
        text = clean_input(raw or "")
        meta = _header_meta(text, meta or DocMeta())
        mentions = place_mentions(text)
        _, communes = find_places(self.gaz, text, meta.url, mentions)
        return text, candidates(text, communes, mentions)

    def __call__(self, raw: str, meta: DocMeta | None = None) -> Draft:
        text = clean_input(raw or "")
        meta = _header_meta(text, meta or DocMeta())
        language = detect_language(text)
        if not text.strip():
            return Draft(False, language, [], [], [], meta.url, None)
        published = meta.published or publication_date(text, meta.url)

        mentions = place_mentions(text)
        province_code, communes = find_places(self.gaz, text, meta.url, mentions)
        if self.model is None:
            issues = find_issues(text, communes, mentions)
        else:
            cands = candidates(text, communes, mentions)
            issues = model_issues(text, cands, self.model, language)
        proposals = find_proposals(text)
        link_proposals(text, proposals, issues)
        scope = visit_scope(self.gaz, text, province_code, communes)
        if scope == "national":
            province_code = None  # a national occasion is in no province
        province_name = self.gaz.province_name(province_code) if province_code else None

        def occasion(start: int, end: int, date: DateFinding | None) -> DraftVisit:
            name, title = lead_official(text[start:end], language)
            return DraftVisit(
                date=date.iso if date else None,
                date_precision=date.precision if date else "unknown",
                province_code=province_code,
                province_name=province_name,
                communes=[DraftCommune(w, c, n) for p, w, c, n in communes if start <= p < end],
                lead_official=name,
                lead_title=title,
                body=organising_body(text[start:end]),
                evidence=date.evidence if date else None,
                scope=scope,
            )

        dates = day_candidates(text, published, language)
        anchors = visit_anchors(text, published, dates)
        # A later dated event opens a visit of its own only when it names who or where
        # ("on June 11, Mr. Nguyen Long Hai … inspected Ben Quan commune"), not "ngày 15/8,
        # xã đã tổ chức kiểm tra".
        anchors = anchors[:1] + [a for a in anchors[1:] if names_actor(text, a)]
        if len(anchors) >= 2:
            # Several visits on different days: each account runs from the paragraph of its
            # date to the next one's (places before the first belong to the first).
            starts = [0] + [text.rfind("\n", 0, a.pos) + 1 for a in anchors[1:]]
            ends = starts[1:] + [len(text)]
            visits = [occasion(a, b, d) for a, b, d in zip(starts, ends, anchors, strict=True)]
        else:
            visits = [occasion(0, len(text), find_visit_date(text, language, published, dates))]
        folded_head = fold_span(text, 0, 20000)
        visit_named = reports_visit(text)
        relevant = bool(issues or proposals) and (
            len(issues) >= 2 or any_phrase(folded_head, lx.RELEVANCE_CONTEXT)
        )
        # A working visit to named communes about the new local government is relevant even
        # when the excerpt stops before the difficulties (the reviewer adds them).
        relevant = relevant or (
            visit_named and bool(communes) and any_phrase(folded_head, TWO_TIER_CONTEXT)
        )
        return Draft(
            relevant=relevant,
            language=language,
            visits=visits if relevant and visit_named else [],
            issues=issues if relevant else [],
            proposals=proposals if relevant else [],
            url=meta.url,
            published=published.isoformat() if published else None,
            setting=visits[0] if relevant and not visit_named else None,
        )


# The reform itself, not any mention of a commune.
TWO_TIER_CONTEXT = (
    "chinh quyen dia phuong 2 cap", "chinh quyen dia phuong hai cap", "chinh quyen 2 cap",
    "chinh quyen hai cap", "sau sap xep", "sau sap nhap", "sau hop nhat", "two-tier",
    "two-level", "after the merger", "after merging", "after the reorganisation",
    "after the reorganization", "newly merged", "sap xep don vi hanh chinh",
)  # fmt: skip

_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        from vuongmac.geo.admin import default_gazetteer

        _DEFAULT = Extractor(default_gazetteer(), load_model())
    return _DEFAULT


def extract(text: str, meta: DocMeta | None = None) -> Draft:
    """Extract a draft coding from one document's text."""
    return default_extractor()(text, meta)
