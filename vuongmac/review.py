"""Review edits: every change a reviewer makes to a draft, as a pure function on a Bundle.

The Review page calls these, and so does the reachability bench (``bench/review_reach.py``),
which applies the hand coding of the corpus through them: what the bench can reach, a
reviewer can. Each function returns a new Bundle and never touches the store; storing is
``curation.save``. Every quote stays verbatim: an issue's evidence and a proposal's text
must be found in their source's stored text (whitespace aside), and a trim or a split can
only keep a piece of what was there.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from vuongmac.domain import (
    SETTABLE_ERAS,
    Conversion,
    RecordKind,
    Scope,
    id_list,
    id_text,
    new_id,
    precision_of,
)


@dataclass
class Bundle:
    """One visit (or report) with everything a reviewer edits, as stored rows."""

    visit: dict[str, str]
    communes: list[dict[str, str]]
    issues: list[dict[str, str]]
    proposals: list[dict[str, str]]
    sources: list[dict[str, str]]
    version: str
    texts: dict[str, str] = field(default_factory=dict)  # source_id -> stored text
    # issues of the same visit already published from other sources (read-only here): what
    # a new issue may corroborate
    published_issues: list[dict[str, str]] = field(default_factory=list)
    published_proposals: list[dict[str, str]] = field(default_factory=list)


class EditError(ValueError):
    """An edit that cannot be applied, in plain words."""


SOURCE_FIELDS = ("title", "url", "publisher", "published_date", "language")
VISIT_FIELDS = ("visit_date", "scope", "province_code", "lead_official", "lead_title",
                "body", "evidence", "kind", "era")  # fmt: skip


def row_digest(row: Mapping[str, str]) -> str:
    """A short digest of a row's content (the page keys its widgets by it)."""
    import hashlib
    import json

    return hashlib.sha1(json.dumps(dict(row), sort_keys=True).encode()).hexdigest()[:8]


def squash(text: str) -> str:
    return " ".join((text or "").split())


def _copy(b: Bundle) -> Bundle:
    return copy.deepcopy(b)


def _verbatim(b: Bundle, source_id: str, quote: str, what: str) -> str:
    quote = squash(quote)
    if not quote:
        raise EditError(f"{what}: empty text")
    text = b.texts.get(source_id)
    if text is not None and quote not in squash(text):
        raise EditError(f"{what}: the text is not a verbatim quote of source {source_id}")
    return quote


def _source_id(b: Bundle, source_id: str | None) -> str:
    ids = [s["source_id"] for s in b.sources]
    if source_id is None:
        if not ids:
            raise EditError("the draft has no source")
        return ids[0]
    if source_id not in ids:
        raise EditError(f"unknown source {source_id!r}")
    return source_id


# -- source metadata ---------------------------------------------------------------------


def set_source(b: Bundle, source_id: str, **fields: str) -> Bundle:
    """Title, URL, publisher, publication date (YYYY-MM-DD) or language of one source."""
    unknown = set(fields) - set(SOURCE_FIELDS)
    if unknown:
        raise EditError(f"unknown source field(s) {sorted(unknown)}")
    out = _copy(b)
    row = next((s for s in out.sources if s["source_id"] == source_id), None)
    if row is None:
        raise EditError(f"unknown source {source_id!r}")
    for key, value in fields.items():
        value = squash(value)
        if key == "url" and value and not re.match(r"https?://\S+$", value):
            raise EditError(f"not a web address: {value[:80]!r}")
        if key == "published_date" and value and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise EditError(f"publication date {value!r} is not YYYY-MM-DD")
        if key == "language" and value not in {"vi", "en"}:
            raise EditError(f"unknown language {value!r}")
        row[key] = value
    return out


# -- the visit -----------------------------------------------------------------------------


def set_visit(b: Bundle, **fields: str) -> Bundle:
    """Date (precision follows from it), scope, province, lead official and title,
    organising body, evidence, kind (visit or report)."""
    unknown = set(fields) - set(VISIT_FIELDS)
    if unknown:
        raise EditError(f"unknown visit field(s) {sorted(unknown)}")
    out = _copy(b)
    v = out.visit
    for key, value in fields.items():
        value = squash(value or "")
        if key == "visit_date":
            try:
                v["date_precision"] = precision_of(value).value
            except ValueError as exc:
                raise EditError(str(exc)) from exc
        elif key == "scope" and value not in set(Scope):
            raise EditError(f"unknown scope {value!r}")
        elif key == "kind" and value not in set(RecordKind):
            raise EditError(f"unknown kind {value!r}")
        elif key == "era" and value and value not in SETTABLE_ERAS:
            raise EditError(f"unknown era {value!r}")
        v[key] = value
    return out


def add_commune(
    b: Bundle, commune_code: str, as_written: str, conversion: str = Conversion.CURRENT
) -> Bundle:
    if conversion not in set(Conversion):
        raise EditError(f"unknown conversion {conversion!r}")
    out = _copy(b)
    if any(c["commune_code"] == commune_code for c in out.communes):
        return out
    out.communes.append({"visit_id": out.visit["visit_id"], "commune_code": commune_code,
                         "as_written": squash(as_written) or commune_code,
                         "conversion": str(conversion)})  # fmt: skip
    return out


def set_conversion(b: Bundle, commune_code: str, conversion: str) -> Bundle:
    if conversion not in set(Conversion):
        raise EditError(f"unknown conversion {conversion!r}")
    out = _copy(b)
    for c in out.communes:
        if c["commune_code"] == commune_code:
            c["conversion"] = str(conversion)
            return out
    raise EditError(f"commune {commune_code} is not in the visit")


def remove_commune(b: Bundle, commune_code: str) -> Bundle:
    """A commune leaves the visit; its issues become visit-wide."""
    out = _copy(b)
    out.communes = [c for c in out.communes if c["commune_code"] != commune_code]
    for i in out.issues:
        if i["commune_code"] == commune_code:
            i["commune_code"] = ""
    return out


# -- issues --------------------------------------------------------------------------------


def _find(rows: list[dict[str, str]], key: str, value: str) -> dict[str, str]:
    """The row whose ``key`` is ``value`` (an issue or a proposal of the bundle)."""
    found = next((r for r in rows if r[key] == value), None)
    if found is None:
        raise EditError(f"unknown {key.removesuffix('_id')} {value!r}")
    return found


def _issue(b: Bundle, issue_id: str) -> dict[str, str]:
    return _find(b.issues, "issue_id", issue_id)


def add_issues(
    b: Bundle,
    picks: Iterable[tuple[str, str]],
    source_id: str | None = None,
    commune_code: str = "",
) -> Bundle:
    """Several issues at once: (evidence, category) pairs, each a piece of the source text
    (picked sentences or clauses). Picks already recorded are not added twice."""
    out = _copy(b)
    sid = _source_id(out, source_id)
    for evidence, category in picks:
        quote = _verbatim(out, sid, evidence, "new issue")
        if any(squash(i["evidence"]) == quote and i["category_id"] == category
               for i in out.issues):  # fmt: skip
            continue
        out.issues.append({
            "issue_id": new_id("issue"), "visit_id": out.visit["visit_id"], "category_id": category,
            "commune_code": commune_code, "evidence": quote, "source_id": sid,
            "review_status": "draft", "corroborates": "",
        })  # fmt: skip
    return out


def trim_issue(b: Bundle, issue_id: str, evidence: str) -> Bundle:
    """Keep a sub-span of an issue's evidence."""
    out = _copy(b)
    issue = _issue(out, issue_id)
    piece = squash(evidence)
    if not piece or piece not in squash(issue["evidence"]):
        raise EditError("a trimmed quote must be a piece of the issue's quote")
    issue["evidence"] = piece
    return out


def set_issue(
    b: Bundle, issue_id: str, *, category_id: str | None = None, commune_code: str | None = None
) -> Bundle:
    """Change the category, or attribute the issue to a commune of the visit ("" : the
    whole visit)."""
    out = _copy(b)
    issue = _issue(out, issue_id)
    if category_id is not None:
        issue["category_id"] = category_id
    if commune_code is not None:
        if commune_code and commune_code not in {c["commune_code"] for c in out.communes}:
            raise EditError(f"commune {commune_code} is not in the visit: add it first")
        issue["commune_code"] = commune_code
    return out


def remove_issue(b: Bundle, issue_id: str) -> Bundle:
    out = _copy(b)
    _issue(out, issue_id)
    out.issues = [i for i in out.issues if i["issue_id"] != issue_id]
    for i in out.issues:
        if i.get("corroborates") == issue_id:
            i["corroborates"] = ""
    return out


def mark_corroboration(b: Bundle, issue_id: str, of_issue_id: str) -> Bundle:
    """The issue repeats one already recorded for the visit (from another source): it
    becomes a corroboration of it, counted once ("" undoes it)."""
    out = _copy(b)
    issue = _issue(out, issue_id)
    if of_issue_id:
        targets = {i["issue_id"]: i for i in (*out.published_issues, *out.issues)}
        target = targets.get(of_issue_id)
        if target is None or of_issue_id == issue_id:
            raise EditError(f"unknown issue {of_issue_id!r} to corroborate")
        if target.get("corroborates"):
            of_issue_id = target["corroborates"]  # always name the first report of it
        issue["category_id"] = targets[of_issue_id]["category_id"]
    issue["corroborates"] = of_issue_id
    return out


# -- proposals -----------------------------------------------------------------------------


def _proposal(b: Bundle, proposal_id: str) -> dict[str, str]:
    return _find(b.proposals, "proposal_id", proposal_id)


def _status(agency: str, status: str | None) -> str:
    if status:
        return status
    return "assigned" if agency else "proposed"


def add_proposal(
    b: Bundle,
    text: str,
    agency: str = "",
    status: str | None = None,
    due_date: str = "",
    source_id: str | None = None,
    category_ids: Iterable[str] = (),
) -> Bundle:
    out = _copy(b)
    sid = _source_id(out, source_id)
    quote = _verbatim(out, sid, text, "new proposal")
    out.proposals.append({
        "proposal_id": new_id("proposal"), "visit_id": out.visit["visit_id"], "text": quote,
        "assigned_agency": squash(agency), "status": _status(agency, status), "status_note": "",
        "due_date": due_date, "source_id": sid, "review_status": "draft",
        "category_ids": id_text(category_ids),
    })  # fmt: skip
    return out


def edit_proposal(
    b: Bundle,
    proposal_id: str,
    *,
    text: str | None = None,
    agency: str | None = None,
    status: str | None = None,
    due_date: str | None = None,
    status_note: str | None = None,
    category_ids: Iterable[str] | None = None,
) -> Bundle:
    """``category_ids``: the difficulties the proposal answers (the extractor's guess is
    what the reviewer confirms or changes; an unknown id is refused at publish)."""
    out = _copy(b)
    p = _proposal(out, proposal_id)
    if category_ids is not None:
        p["category_ids"] = id_text(category_ids)
    if text is not None:
        p["text"] = _verbatim(out, p["source_id"], text, f"proposal {proposal_id}")
    if agency is not None:
        p["assigned_agency"] = squash(agency)
    if status is not None:
        p["status"] = status
    if due_date is not None:
        if due_date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", due_date):
            raise EditError(f"due date {due_date!r} is not YYYY-MM-DD")
        p["due_date"] = due_date
    if status_note is not None:
        p["status_note"] = squash(status_note)
    return out


def split_proposal(b: Bundle, proposal_id: str, parts: Iterable[str]) -> Bundle:
    """One proposal that merges several becomes one per part; each part is a piece of
    its text (the page: put each part on its own line). The agency and status stay."""
    out = _copy(b)
    p = _proposal(out, proposal_id)
    pieces = [squash(x) for x in parts if squash(x)]
    if len(pieces) < 2:
        raise EditError("a split needs at least two parts")
    whole = squash(p["text"])
    for piece in pieces:
        if piece not in whole:
            raise EditError(f"part {piece[:60]!r} is not a piece of the proposal")
    at = out.proposals.index(p)
    new = [{**p, "proposal_id": p["proposal_id"] if n == 0 else new_id("proposal"), "text": piece}
           for n, piece in enumerate(pieces)]  # fmt: skip
    out.proposals[at : at + 1] = new
    return out


def merge_proposals(b: Bundle, proposal_ids: list[str]) -> Bundle:
    """Several proposals become one: the passage of the source from the first to the end of
    the last (so the text stays verbatim); agency and status of the first, the categories
    of all."""
    out = _copy(b)
    props = [_proposal(out, pid) for pid in proposal_ids]
    if len(props) < 2:
        raise EditError("a merge needs at least two proposals")
    sid = props[0]["source_id"]
    if any(p["source_id"] != sid for p in props):
        raise EditError("proposals from different sources cannot be merged")
    text = b.texts.get(sid)
    if text is None:
        merged = " ".join(squash(p["text"]) for p in props)
    else:
        flat = squash(text)
        spans = []
        for p in props:
            at = flat.find(squash(p["text"]))
            if at < 0:
                raise EditError(f"proposal {p['proposal_id']} is not in its source")
            spans.append((at, at + len(squash(p["text"]))))
        merged = flat[min(s for s, _ in spans) : max(e for _, e in spans)]
    first = props[0]
    keep = {**first, "text": merged,
            "category_ids": id_text(c for p in props for c in id_list(p.get("category_ids")))}  # fmt: skip
    ids = set(proposal_ids)
    at = out.proposals.index(first)
    out.proposals = [p for p in out.proposals if p["proposal_id"] not in ids]
    out.proposals.insert(min(at, len(out.proposals)), keep)
    return out


def remove_proposal(b: Bundle, proposal_id: str) -> Bundle:
    out = _copy(b)
    _proposal(out, proposal_id)
    out.proposals = [p for p in out.proposals if p["proposal_id"] != proposal_id]
    return out


# -- the sentence and clause picker -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pick:
    """A sentence or clause of the text a reviewer can pick as an issue or a proposal."""

    start: int
    end: int
    text: str
    level: str  # "sentence" or "clause"
    category: str | None  # the extractor's category for it, if it found one
    reasons: tuple[str, ...] = ()


def picks(text: str, found: Iterable[Mapping[str, object]] = ()) -> list[Pick]:
    """Every sentence of the text and, where a sentence has several, its clauses, in
    order. ``found``: the extractor's issues (start, end, category, reasons), whose
    category and reasons the overlapping picks carry."""
    from vuongmac.extract.text import clauses, paragraphs, sentences

    hits = [f for f in found if f.get("start") is not None]

    def best(start: int, end: int) -> tuple[str | None, tuple[str, ...]]:
        overlap = [
            (min(end, int(h["end"])) - max(start, int(h["start"])), h)
            for h in hits
            if min(end, int(h["end"])) > max(start, int(h["start"]))
        ]
        if not overlap:
            return None, ()
        h = max(overlap, key=lambda x: x[0])[1]
        return str(h["category"]), tuple(h.get("reasons") or ())

    out: list[Pick] = []
    for para in paragraphs(text):
        for sent in sentences(text, para):
            cat, why = best(sent.start, sent.end)
            out.append(Pick(sent.start, sent.end, sent.text, "sentence", cat, why))
            parts = list(clauses(text, sent))
            if len(parts) > 1:
                for c in parts:
                    cat, why = best(c.start, c.end)
                    out.append(Pick(c.start, c.end, c.text, "clause", cat, why))
    return out


def reasons_by_quote(found: Iterable[Mapping[str, object]]) -> dict[tuple[str, str], tuple]:
    """(squashed evidence, category) -> the extractor's reasons, to show beside a draft."""
    return {
        (squash(str(f["evidence"])), str(f["category"])): tuple(f.get("reasons") or ())
        for f in found
    }
