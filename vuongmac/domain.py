"""The domain model: typed, immutable records of the curated dataset.

The curated CSV files in ``data/curated/`` are the source of truth; these classes are
their typed view, used by the loaders, the extractor and the tests. Every record that
makes a claim carries its evidence quote and the id of the source it comes from.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"  # was published, taken off the dashboard (listed under Nguồn)
    DISMISSED = "dismissed"  # a document that needs no record (irrelevant), with a reason


class Scope(StrEnum):
    """Where an occasion happens: in communes, in a province, or nationally (a National
    Assembly debate, a ministry meeting the localities: in no province)."""

    COMMUNE = "commune"
    PROVINCE = "province"
    NATIONAL = "national"
    UNKNOWN = "unknown"


# The two-tier reform: provinces merged and districts abolished on this day. Counts default
# to the records of this era; earlier reports are kept, labelled and opt-in (docs/counting.md).
REFORM_DATE = dt.date(2025, 7, 1)


class Era(StrEnum):
    """When a visit happened relative to REFORM_DATE, from its date (its whole period: a
    year-only "2025" straddles it) or, for an undated visit, from its sources' publication."""

    TWO_TIER = "two_tier"
    BEFORE = "before"  # "trước 1/7/2025": opt-in
    UNKNOWN = "unknown"  # no date and no publication date: shown with the two-tier era


DEFAULT_ERAS = (Era.TWO_TIER, Era.UNKNOWN)
# A source stored without its text (quote-only: the publisher's copyright) may carry quotes
# of at most this length; the build checks it, since it cannot re-read the text.
QUOTE_MAX_CHARS = 300

# What a curator may set on a visit whose date does not decide its era (visits.era; empty:
# from the date, else the sources' publication).
SETTABLE_ERAS = (Era.BEFORE.value, Era.TWO_TIER.value)


class RecordKind(StrEnum):
    """A visit (officials went to places), or a report: a document that describes the
    difficulties of places (a statistics article, a feature) without a visit. A report has
    place, date, scope and issues; it is counted in issues, never in visits or coverage."""

    VISIT = "visit"
    REPORT = "report"


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    DECLINED = "declined"


class Conversion(StrEnum):
    """How a place as written maps onto the 2025 units."""

    CURRENT = "current"  # written as a 2025 unit
    UNCHANGED = "unchanged"  # pre-2025 unit that kept its territory
    MERGED = "merged"  # pre-2025 unit merged into a larger 2025 unit
    SPLIT = "split"  # pre-2025 unit divided among several 2025 units


class Language(StrEnum):
    VI = "vi"
    EN = "en"


# -- the date <-> precision rule (one owner: ingest, the Review page, the build) -----------

_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), DatePrecision.DAY),
    (re.compile(r"\d{4}-\d{2}"), DatePrecision.MONTH),
    (re.compile(r"\d{4}"), DatePrecision.YEAR),
)


def precision_of(visit_date: str | None) -> DatePrecision:
    """The precision a stored visit date has: "" -> unknown, "2025" -> year, "2025-08" ->
    month, "2025-08-27" -> day. Raises ValueError for anything else (or an impossible date)."""
    value = (visit_date or "").strip()
    if not value:
        return DatePrecision.UNKNOWN
    for pattern, precision in _DATE_FORMS:
        if pattern.fullmatch(value):
            y = int(value[:4])
            m = int(value[5:7]) if len(value) >= 7 else 1
            d = int(value[8:10]) if len(value) == 10 else 1
            dt.date(y, m, d)  # raises ValueError for 2025-13 or 2025-02-30
            return precision
    raise ValueError(f"visit date {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")


def visit_date_text(date: dt.date | None, precision: DatePrecision | str) -> str:
    """The stored form of a date at a precision (the inverse of ``precision_of``)."""
    precision = DatePrecision(precision)
    if date is None or precision is DatePrecision.UNKNOWN:
        return ""
    return {
        DatePrecision.DAY: date.isoformat(),
        DatePrecision.MONTH: date.strftime("%Y-%m"),
        DatePrecision.YEAR: f"{date.year:04d}",
    }[precision]


# -- ids ----------------------------------------------------------------------------------

ID_PREFIX = {"source": "s", "visit": "v", "issue": "i", "proposal": "p", "change": "c"}


def new_id(entity: str) -> str:
    """A fresh id for a record: time-ordered and random, so never reused after a delete
    (``i-…-m003`` twice broke builds) and unique across processes without a counter."""
    prefix = ID_PREFIX[entity]
    return f"{prefix}-{time.time_ns() // 1000:x}{secrets.token_hex(3)}"


# -- what a record needs before it is published ------------------------------------------


def publish_problems(
    visit: Mapping[str, str],
    communes: Iterable[Mapping[str, str]],
    issues: Iterable[Mapping[str, str]],
    proposals: Iterable[Mapping[str, str]],
    sources: Iterable[Mapping[str, str]],
    *,
    province_codes: set[str],
    commune_province: Mapping[str, str],
    category_ids: set[str],
    today: dt.date | None = None,
) -> list[str]:
    """Every reason the visit cannot be published, in plain words (empty: it can). The same
    rules as the build's data tests, so a publish never leaves the dashboard unable to
    rebuild."""
    out: list[str] = []
    today = today or dt.date.today()
    vid = visit.get("visit_id", "")
    scope = visit.get("scope") or Scope.UNKNOWN.value
    if scope not in set(Scope):
        out.append(f"visit {vid}: unknown scope {scope!r}")
    if (era := visit.get("era") or "") and era not in SETTABLE_ERAS:
        out.append(f"visit {vid}: unknown era {era!r} (before, two_tier or empty)")
    province = (visit.get("province_code") or "").strip()
    if not province and scope != Scope.NATIONAL:
        out.append(f"visit {vid}: a province is required (or scope 'national')")
    if province and province not in province_codes:
        out.append(f"visit {vid}: unknown province code {province!r}")
    if not (visit.get("evidence") or "").strip():
        out.append(f"visit {vid}: an evidence quote is required")
    try:
        precision = precision_of(visit.get("visit_date"))
        if precision.value != (visit.get("date_precision") or "unknown"):
            out.append(
                f"visit {vid}: date precision {visit.get('date_precision')!r} does not match"
                f" the date {visit.get('visit_date')!r} ({precision.value})"
            )
        date_text = (visit.get("visit_date") or "").strip()
        if date_text and date_text[:4].isdigit() and not 1990 <= int(date_text[:4]) <= today.year:
            out.append(f"visit {vid}: implausible year {date_text[:4]}")
        elif date_text and date_text > today.isoformat()[: len(date_text)]:
            out.append(f"visit {vid}: date {date_text} is in the future")
    except ValueError as exc:
        out.append(f"visit {vid}: {exc}")
    codes = set()
    for c in communes:
        code = c.get("commune_code", "")
        codes.add(code)
        if code not in commune_province:
            out.append(f"visit {vid}: unknown commune code {code!r}")
        elif province and commune_province[code] != province:
            out.append(f"visit {vid}: commune {code} is not in province {province}")
        if (c.get("conversion") or "current") not in set(Conversion):
            out.append(f"visit {vid}: unknown conversion {c.get('conversion')!r}")
    sources, issues, proposals = list(sources), list(issues), list(proposals)
    source_ids = {s.get("source_id", "") for s in sources}
    if not source_ids:
        out.append(f"visit {vid}: no source")
    # A source kept without its text (quote-only) cannot be re-read: its quotes stay short.
    quote_only = {s.get("source_id", "") for s in sources if not (s.get("file") or "").strip()}
    long = [
        f"{kind} {r.get(key, '')}"
        for kind, key, field, rows in (
            ("issue", "issue_id", "evidence", issues),
            ("proposal", "proposal_id", "text", proposals),
        )
        for r in rows
        if r.get("source_id") in quote_only and len(r.get(field) or "") > QUOTE_MAX_CHARS
    ]
    for what in long:
        out.append(f"{what}: a quote of a quote-only source is longer than {QUOTE_MAX_CHARS}")
    for i in issues:
        iid = i.get("issue_id", "")
        if i.get("category_id") not in category_ids:
            out.append(f"issue {iid}: unknown category {i.get('category_id')!r}")
        if not (i.get("evidence") or "").strip():
            out.append(f"issue {iid}: an evidence quote is required")
        if i.get("commune_code") and i["commune_code"] not in codes:
            out.append(f"issue {iid}: its commune is not one of the visit's")
        if i.get("source_id") not in source_ids:
            out.append(f"issue {iid}: its source is not one of the visit's")
    for p in proposals:
        pid = p.get("proposal_id", "")
        if not (p.get("text") or "").strip():
            out.append(f"proposal {pid}: the text is required")
        if (p.get("status") or "proposed") not in set(ProposalStatus):
            out.append(f"proposal {pid}: unknown status {p.get('status')!r}")
        if p.get("source_id") not in source_ids:
            out.append(f"proposal {pid}: its source is not one of the visit's")
        if due := (p.get("due_date") or "").strip():
            try:
                dt.date.fromisoformat(due)
            except ValueError:
                out.append(f"proposal {pid}: due date {due!r} is not YYYY-MM-DD")
        for category in id_list(p.get("category_ids")):
            if category not in category_ids:
                out.append(f"proposal {pid}: unknown category {category!r}")
    return out


# -- lists of ids in one text cell ("it_infrastructure;finance_budget") -------------------

ID_LIST_SEP = ";"


def id_list(text: str | None) -> tuple[str, ...]:
    """The ids of a list cell, in order, without blanks or repeats."""
    out: list[str] = []
    for part in (text or "").split(ID_LIST_SEP):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return tuple(out)


def id_text(ids: Iterable[str]) -> str:
    return ID_LIST_SEP.join(id_list(ID_LIST_SEP.join(ids)))


@dataclass(frozen=True, slots=True)
class Source:
    source_id: str
    title: str
    url: str | None
    publisher: str | None
    published_date: dt.date | None
    language: Language
    content_hash: str  # sha256 of the NFC text, hex
    file: str | None  # path under data/sources/, if the text is stored
    review_status: ReviewStatus = ReviewStatus.PUBLISHED


@dataclass(frozen=True, slots=True)
class VisitCommune:
    """One place a visit went to, as written, and the 2025 commune it is coded to."""

    visit_id: str
    commune_code: str
    as_written: str
    conversion: Conversion = Conversion.CURRENT


@dataclass(frozen=True, slots=True)
class Visit:
    visit_id: str
    source_ids: tuple[str, ...]
    visit_date: dt.date | None
    date_precision: DatePrecision
    province_code: str | None  # None only for scope national
    lead_official: str | None
    lead_title: str | None
    body: str | None
    evidence: str
    communes: tuple[VisitCommune, ...] = field(default_factory=tuple)
    review_status: ReviewStatus = ReviewStatus.PUBLISHED
    scope: Scope = Scope.UNKNOWN
    kind: RecordKind = RecordKind.VISIT
    era: Era | None = None  # set by the curator when the date does not decide


@dataclass(frozen=True, slots=True)
class Issue:
    issue_id: str
    visit_id: str
    category_id: str
    commune_code: str | None  # None: the issue concerns all communes of the visit
    evidence: str
    source_id: str
    review_status: ReviewStatus = ReviewStatus.PUBLISHED
    # the issue (of the same visit, from another source) this quote corroborates: counted
    # once, as that issue, with one more source
    corroborates: str | None = None


@dataclass(frozen=True, slots=True)
class Proposal:
    proposal_id: str
    visit_id: str
    text: str
    assigned_agency: str | None
    status: ProposalStatus
    status_note: str | None
    due_date: dt.date | None
    source_id: str
    review_status: ReviewStatus = ReviewStatus.PUBLISHED
    # the difficulties (category ids) it answers: proposed by the extractor, confirmed in review
    category_ids: tuple[str, ...] = ()


# -- rows: the one conversion between typed records and the store's text rows -------------

_ROW_COLUMNS = {
    "Source": ("source_id", "title", "url", "publisher", "published_date", "language",
               "content_hash", "file", "review_status"),
    "Visit": ("visit_id", "visit_date", "date_precision", "province_code", "lead_official",
              "lead_title", "body", "evidence", "review_status", "scope", "kind", "era"),
    "VisitCommune": ("visit_id", "commune_code", "as_written", "conversion"),
    "Issue": ("issue_id", "visit_id", "category_id", "commune_code", "evidence", "source_id",
              "review_status", "corroborates"),
    "Proposal": ("proposal_id", "visit_id", "text", "assigned_agency", "status", "status_note",
                 "due_date", "source_id", "review_status", "category_ids"),
}  # fmt: skip


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return id_text(value)
    return str(value)


def to_row(record: Source | Visit | VisitCommune | Issue | Proposal) -> dict[str, str]:
    """A record as the store's (and the CSV snapshot's) text row. A visit's date is written
    at its precision ("2025-08" for a month)."""
    name = type(record).__name__
    row = {c: _cell(getattr(record, c, None)) for c in _ROW_COLUMNS[name] if c != "visit_date"}
    if isinstance(record, Visit):
        row["visit_date"] = visit_date_text(record.visit_date, record.date_precision)
        row = {c: row[c] for c in _ROW_COLUMNS[name]}
    return row


def _opt(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _date(value: str | None) -> dt.date | None:
    value = (value or "").strip()
    return dt.date.fromisoformat(value) if value else None


def _visit_date(value: str | None) -> tuple[dt.date | None, DatePrecision]:
    precision = precision_of(value)
    value = (value or "").strip()
    if precision is DatePrecision.UNKNOWN:
        return None, precision
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2]), precision


def source_from_row(row: Mapping[str, str]) -> Source:
    return Source(
        source_id=row["source_id"],
        title=row.get("title", ""),
        url=_opt(row.get("url")),
        publisher=_opt(row.get("publisher")),
        published_date=_date(row.get("published_date")),
        language=Language(row.get("language") or "vi"),
        content_hash=row.get("content_hash", ""),
        file=_opt(row.get("file")),
        review_status=ReviewStatus(row.get("review_status") or "draft"),
    )


def visit_from_row(row: Mapping[str, str]) -> Visit:
    """Raises ValueError on a date that does not match its precision or an unknown enum."""
    date, precision = _visit_date(row.get("visit_date"))
    if (row.get("date_precision") or "unknown") != precision.value:
        raise ValueError(
            f"visit {row.get('visit_id')}: date precision {row.get('date_precision')!r} does"
            f" not match the date {row.get('visit_date')!r}"
        )
    return Visit(
        visit_id=row["visit_id"],
        source_ids=(),
        visit_date=date,
        date_precision=precision,
        province_code=_opt(row.get("province_code")),
        lead_official=_opt(row.get("lead_official")),
        lead_title=_opt(row.get("lead_title")),
        body=_opt(row.get("body")),
        evidence=row.get("evidence", ""),
        review_status=ReviewStatus(row.get("review_status") or "draft"),
        scope=Scope(row.get("scope") or "unknown"),
        kind=RecordKind(row.get("kind") or "visit"),
        era=Era(row["era"]) if row.get("era") in SETTABLE_ERAS else None,
    )


def visit_commune_from_row(row: Mapping[str, str]) -> VisitCommune:
    return VisitCommune(
        visit_id=row["visit_id"],
        commune_code=row["commune_code"],
        as_written=row.get("as_written", ""),
        conversion=Conversion(row.get("conversion") or "current"),
    )


def issue_from_row(row: Mapping[str, str]) -> Issue:
    return Issue(
        issue_id=row["issue_id"],
        visit_id=row["visit_id"],
        category_id=row["category_id"],
        commune_code=_opt(row.get("commune_code")),
        evidence=row.get("evidence", ""),
        source_id=row["source_id"],
        review_status=ReviewStatus(row.get("review_status") or "draft"),
        corroborates=_opt(row.get("corroborates")),
    )


def proposal_from_row(row: Mapping[str, str]) -> Proposal:
    return Proposal(
        proposal_id=row["proposal_id"],
        visit_id=row["visit_id"],
        text=row.get("text", ""),
        assigned_agency=_opt(row.get("assigned_agency")),
        status=ProposalStatus(row.get("status") or "proposed"),
        status_note=_opt(row.get("status_note")),
        due_date=_date(row.get("due_date")),
        source_id=row["source_id"],
        review_status=ReviewStatus(row.get("review_status") or "draft"),
        category_ids=id_list(row.get("category_ids")),
    )


FROM_ROW = {
    "sources": source_from_row,
    "visits": visit_from_row,
    "visit_communes": visit_commune_from_row,
    "issues": issue_from_row,
    "proposals": proposal_from_row,
}


def normalized_row(table: str, row: Mapping[str, str]) -> dict[str, str]:
    """A row through its typed record and back: enums checked, dates normalised. Raises
    ValueError (or KeyError for a missing key column) naming the problem."""
    return to_row(FROM_ROW[table](row))


@dataclass(frozen=True, slots=True)
class Category:
    category_id: str
    label_vi: str
    label_en: str
    definition_vi: str
    definition_en: str
    examples: tuple[str, ...]
    sort_order: int
