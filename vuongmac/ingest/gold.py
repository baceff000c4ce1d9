"""A hand-coded ("gold") corpus as published records: the starter dataset.

A gold file (``corpus/gold/<id>.json``) codes one document by hand: its relevance, its visits
(date, 2025 province, communes as written, lead official, body), its issues (category,
commune as written, verbatim evidence) and its proposals (verbatim text, agency as written).
This module turns one gold file plus the document's text into the same ``Draft`` the
extractor gives, so the import files it through the upload path (``add_drafts``) and the
reviewer's publish (``curation.save``), and the records obey every rule a curator's do.

What the hand coding does not state is taken from:

- the document itself: headline, address, publisher, publication date (the readers), the
  visit's evidence sentence (the sentence naming its lead official, commune or body);
- a small supplement of codings read from the gold notes (``data/starter/*.csv``, each row
  with its reason): the place, date and scope of a report (a document with issues but no
  visit), the era of an undated pre-reform visit, a commune the gazetteer cannot settle;
- the extractor, only for each proposal's categories (``link_proposals``), which the
  provenance note says are machine-proposed.

Quotes are verified verbatim against the text here, once; the stored source keeps no text
(``file`` empty), only its content hash, so quotes longer than ``QUOTE_MAX_CHARS`` are cut to
a verbatim prefix. Everything that could not be mapped is returned as a problem line.
Pure: no files, no store.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from vuongmac.domain import QUOTE_MAX_CHARS, SETTABLE_ERAS, Scope, precision_of
from vuongmac.extract.issues import link_proposals
from vuongmac.extract.model import Draft, DraftCommune, DraftIssue, DraftProposal, DraftVisit
from vuongmac.geo.gazetteer import Gazetteer, Status
from vuongmac.text import fold

PROVENANCE_VI = "mã hoá thủ công, bộ dữ liệu khởi đầu"
PROVENANCE = f"{PROVENANCE_VI} (hand-coded, starter dataset; proposal categories machine-proposed)"


@dataclass(frozen=True, slots=True)
class DocumentCoding:
    """What the supplement adds to one document's gold coding (blank: nothing)."""

    document: str
    scope: str = ""  # a report's scope: national, or blank (from its places)
    province: str = ""  # a report's 2025 province, as named
    date: str = ""  # a report's date (YYYY, YYYY-MM or YYYY-MM-DD)
    published: str = ""  # the source's publication date, when the text does not say it
    era: str = ""  # before / two_tier, for visits whose date does not decide it
    why: str = ""


@dataclass(slots=True)
class Supplement:
    documents: dict[str, DocumentCoding] = field(default_factory=dict)
    places: dict[tuple[str, str], str] = field(default_factory=dict)  # (doc, as written) -> code


@dataclass(slots=True)
class GoldRecord:
    """One document's records: the draft to file, the source's extra fields, and what
    could not be mapped (each line names the document)."""

    draft: Draft
    published: dt.date | None
    era: str
    problems: list[str] = field(default_factory=list)


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")


def sentences(text: str) -> list[tuple[int, str]]:
    """The text's sentences with their offsets (lines, then sentence punctuation)."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if piece := text[start : m.start()].strip():
            out.append((start + text[start : m.start()].find(piece), piece))
        start = m.end()
    if piece := text[start:].strip():
        out.append((start + text[start:].find(piece), piece))
    return out


def shorten(quote: str, limit: int = QUOTE_MAX_CHARS) -> str:
    """A verbatim prefix of ``quote`` of at most ``limit`` characters, cut after a clause
    (",", ";", ":") when one ends in its second half, else at a space."""
    quote = quote.strip()
    if len(quote) <= limit:
        return quote
    head = quote[:limit]
    clause = max(head.rfind(c) for c in ",;:")
    if clause >= limit // 2:
        return head[:clause].rstrip()
    space = head.rfind(" ")
    return head[: space if space > 0 else limit].rstrip()


def _find(quote: str, text: str) -> tuple[int, str] | None:
    """Where the quote stands in the text and how the text writes it (whitespace may
    differ), or None when it is not verbatim."""
    at = text.find(quote)
    if at >= 0:
        return at, quote
    pattern = r"\s+".join(re.escape(part) for part in quote.split())
    m = re.search(pattern, text) if pattern else None
    return (m.start(), m.group(0)) if m else None


def locate(quote: str, text: str) -> int:
    """Where the quote starts in the text (-1: not verbatim). Whitespace may differ."""
    found = _find(quote, text)
    return found[0] if found else -1


def _verbatim(quote: str, text: str) -> str | None:
    """The quote as it stands in the text (whitespace as the text has it), or None."""
    found = _find(quote, text)
    return found[1] if found else None


TITLE_MAX_CHARS = 120
_DATELINE = re.compile(
    r"^\W*(monday|tuesday|wednesday|thursday|friday|saturday|sunday|thứ|chủ nhật|\d)", re.I
)


def display_title(title: str | None, text: str, publisher: str | None = None) -> str:
    """A source's title for lists and the drill-down: the document's own headline unless it
    is generic (a site name, a section name, a dateline, a photo caption a few words long),
    else its first sentence; at most TITLE_MAX_CHARS, cut at a word with "…"."""
    title = " ".join((title or "").split())
    generic = (
        len(title) < 25
        or (publisher and fold(publisher) in fold(title) and len(title) < 60)
        or " - Nền tảng" in title
        or _DATELINE.match(title) is not None
        or _is_header(title)
    )
    if generic:
        body = [s for _, s in sentences(text) if len(s) >= 40 and not _is_header(s)]
        title = body[0] if body else title
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[: TITLE_MAX_CHARS - 1]
    return cut[: cut.rfind(" ")].rstrip(" ,;:-–") + "…" if " " in cut else cut + "…"


def _is_header(sentence: str) -> bool:
    """Not a sentence of the article: the corpus files' header lines ("URL: …", " date
    2025-09-19 …"), or page furniture that is mostly digits (an advertising contact line)."""
    if sentence.startswith(("URL:", "date ")) or "://" in sentence[:80]:
        return True
    letters = sum(ch.isalpha() for ch in sentence)
    return letters < 0.6 * sum(not ch.isspace() for ch in sentence)


def _name_key(name: str) -> str:
    """A place or person name without its unit word, folded: 'phường Bạc Liêu' -> 'bac lieu'."""
    name = re.sub(r"\(.*?\)", " ", name)
    words = fold(name).split()
    while words and words[0] in {"xa", "phuong", "dac", "khu", "thi", "tran", "commune", "ward"}:
        words = words[1:]
    return " ".join(words)


def visit_evidence(text: str, visit: dict, skip: int = 0) -> str | None:
    """The sentence that reports the visit: the first naming its lead official, else one of
    its communes, else its body; None when no sentence names any."""
    found = [(at, s) for at, s in sentences(text)[skip:] if not _is_header(s)]
    keys = [visit.get("lead_official") or ""]
    keys += [c for c in visit.get("communes") or []]
    keys += [visit.get("body") or ""]
    for raw in keys:
        key = _name_key(raw)
        if len(key) < 4:
            continue
        for _, sentence in found:
            if key in fold(sentence):
                return shorten(sentence)
    return None


def report_evidence(text: str, province_name: str | None, skip: int = 0) -> str | None:
    """A report's evidence: the first sentence naming its province, else its first sentence."""
    found = [s for _, s in sentences(text)[skip:] if len(s) >= 40 and not _is_header(s)]
    if province_name:
        key = _name_key(province_name)
        for sentence in found:
            if key in fold(sentence):
                return shorten(sentence)
    return shorten(found[0]) if found else None


def _resolve(
    gazetteer: Gazetteer, supplement: Supplement, doc_id: str, as_written: str, province: str | None
) -> tuple[str | None, str | None]:
    """(commune code, problem) for a commune as written in a province."""
    if code := supplement.places.get((doc_id, as_written)):
        return code, None
    found = gazetteer.resolve(as_written, province)
    codes = found.commune_codes
    if found.status is Status.RESOLVED and len(codes) == 1:
        return codes[0], None
    if found.status is Status.RESOLVED and len(codes) > 1:  # an old commune split in two
        return None, f"{doc_id}: '{as_written}' was divided among {len(codes)} communes"
    return None, f"{doc_id}: commune '{as_written}' {found.status} in province {province}"


def gold_record(
    gold: dict,
    text: str,
    machine: Draft,
    gazetteer: Gazetteer,
    supplement: Supplement,
    header_lines: int = 0,
) -> GoldRecord:
    """One gold-coded document as a draft ready to file (see the module docstring).

    ``machine`` is the extractor's draft of the same text (its language); ``header_lines``
    is how many leading sentences are the reader's header (address, date line), skipped
    when choosing an evidence sentence."""
    doc_id = gold["id"]
    coding = supplement.documents.get(doc_id, DocumentCoding(doc_id))
    problems: list[str] = []
    published = None
    if coding.published:
        published = dt.date.fromisoformat(coding.published)
    era = coding.era if coding.era in SETTABLE_ERAS else ""
    if coding.era and not era:
        problems.append(f"{doc_id}: unknown era {coding.era!r} in the supplement")
    draft = Draft(
        relevant=bool(gold["relevant"]),
        language=machine.language,
        visits=[],
        issues=[],
        proposals=[],
        url=gold.get("url"),
        published=coding.published or machine.published,
    )
    if not gold["relevant"]:
        return GoldRecord(draft, published, era, problems)

    # -- quotes: verbatim, at most QUOTE_MAX_CHARS ------------------------------------
    def quote(raw: str, what: str) -> tuple[str, int] | None:
        found = _verbatim(raw.strip(), text)
        if found is None:
            problems.append(f"{doc_id}: {what} is not verbatim in the text: {raw[:60]!r}")
            return None
        short = shorten(found)
        if short != found:
            problems.append(
                f"{doc_id}: {what} shortened to {len(short)} of {len(found)} characters"
                " (verbatim prefix)"
            )
        return short, locate(short, text)

    # -- occasions: the gold visits, else the report's setting from the supplement -----
    occasions: list[DraftVisit] = []
    commune_codes: dict[str, str] = {}  # as written (any visit) -> code
    for v in gold["visits"]:
        province = gazetteer.resolve_province(v["province_2025"]) if v["province_2025"] else None
        if v["province_2025"] and province is None:
            problems.append(f"{doc_id}: unknown province {v['province_2025']!r}")
        communes = []
        for as_written in v["communes"]:
            code, problem = _resolve(gazetteer, supplement, doc_id, as_written, province)
            if problem:
                problems.append(problem)
            if code:
                commune_codes[as_written] = code
                communes.append(DraftCommune(as_written, code, None))
        date = v.get("date")
        evidence = visit_evidence(text, v, header_lines)
        if evidence is None:
            problems.append(f"{doc_id}: no sentence names the visit; its first sentence is used")
            evidence = report_evidence(text, v["province_2025"], header_lines)
        scope = (
            Scope.NATIONAL if province is None else Scope.COMMUNE if communes else Scope.PROVINCE
        )
        occasions.append(
            DraftVisit(
                date=date,
                date_precision=precision_of(date).value,
                province_code=province,
                province_name=v["province_2025"],
                communes=communes,
                lead_official=v.get("lead_official"),
                lead_title=v.get("lead_title"),
                body=v.get("body"),
                evidence=evidence,
                scope=scope.value,
            )
        )
    setting = None
    if not gold["visits"]:
        national = coding.scope == Scope.NATIONAL
        province = gazetteer.resolve_province(coding.province) if coding.province else None
        if not national and province is None:
            problems.append(
                f"{doc_id}: report without a province or national scope: its"
                f" {len(gold['issues'])} issues and {len(gold['proposals'])} proposals are"
                " not imported" + (f" ({coding.why})" if coding.why else "")
            )
            return GoldRecord(draft, published, era, problems)
        communes = []
        for as_written in sorted({i["commune"] for i in gold["issues"] if i.get("commune")}):
            code, problem = (None, None) if national else _resolve(
                gazetteer, supplement, doc_id, as_written, province
            )  # fmt: skip
            if problem:
                problems.append(problem)
            if code and code not in {c.code for c in communes}:
                commune_codes[as_written] = code
                communes.append(DraftCommune(as_written, code, None))
        scope = Scope.NATIONAL if national else Scope.COMMUNE if communes else Scope.PROVINCE
        setting = DraftVisit(
            date=coding.date or None,
            date_precision=precision_of(coding.date or None).value,
            province_code=None if national else province,
            province_name=None if national else coding.province,
            communes=communes,
            evidence=report_evidence(text, None if national else coding.province, header_lines),
            scope=scope.value,
        )
    draft.visits, draft.setting = occasions, setting

    # -- issues and proposals ----------------------------------------------------------
    visited = {c.code for v in (occasions or [setting]) for c in v.communes}
    for n, issue in enumerate(gold["issues"], 1):
        got = quote(issue["evidence"], f"issue {n}")
        if got is None:
            continue
        evidence, start = got
        code = commune_codes.get(issue["commune"]) if issue.get("commune") else None
        if issue.get("commune") and code is None:
            code, problem = _resolve(
                gazetteer, supplement, doc_id, issue["commune"],
                (occasions[0].province_code if occasions else setting.province_code),
            )  # fmt: skip
            if code not in visited:
                problems.append(
                    f"{doc_id}: issue {n}'s commune '{issue['commune']}' is not one of the"
                    " visit's communes: counted at province level"
                )
                code = None
        draft.issues.append(
            DraftIssue(
                category=issue["category"],
                commune=issue.get("commune") if code else None,
                commune_code=code,
                evidence=evidence,
                confidence=1.0,
                start=start,
                end=start + len(evidence),
                reasons=("gold",),
            )
        )
    for n, proposal in enumerate(gold["proposals"], 1):
        got = quote(proposal["text"], f"proposal {n}")
        if got is None:
            continue
        body, start = got
        draft.proposals.append(
            DraftProposal(body, proposal.get("assigned_agency"), start, start + len(body))
        )
    link_proposals(text, draft.proposals, draft.issues)
    return GoldRecord(draft, published, era, problems)


# -- the supplement's files (IO at the edge) -------------------------------------------

DOCUMENTS_FILE = "documents.csv"
PLACES_FILE = "places.csv"


def read_supplement(folder: Path) -> Supplement:
    """``documents.csv`` (document, scope, province, date, published, era, why) and
    ``places.csv`` (document, as_written, commune_code, why) from ``folder``; missing files
    are empty. Raises ValueError naming the file and row on a bad date or era."""
    out = Supplement()
    path = folder / DOCUMENTS_FILE
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), 2):
                coding = DocumentCoding(**{k: (v or "").strip() for k, v in row.items()})
                try:
                    precision_of(coding.date or None)
                    if coding.published:
                        dt.date.fromisoformat(coding.published)
                except ValueError as exc:
                    raise ValueError(f"{path}, line {n}: {exc}") from exc
                if coding.era and coding.era not in SETTABLE_ERAS:
                    raise ValueError(f"{path}, line {n}: unknown era {coding.era!r}")
                out.documents[coding.document] = coding
    path = folder / PLACES_FILE
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                out.places[(row["document"].strip(), row["as_written"].strip())] = row[
                    "commune_code"
                ].strip()
    return out
