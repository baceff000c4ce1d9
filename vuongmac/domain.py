"""The domain model: typed, immutable records of the curated dataset.

The curated CSV files in ``data/curated/`` are the source of truth; these classes are
their typed view, used by the loaders, the extractor and the tests. Every record that
makes a claim carries its evidence quote and the id of the source it comes from.
"""

from __future__ import annotations

import datetime as dt
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
    province_code: str
    lead_official: str | None
    lead_title: str | None
    body: str | None
    evidence: str
    communes: tuple[VisitCommune, ...] = field(default_factory=tuple)
    review_status: ReviewStatus = ReviewStatus.PUBLISHED


@dataclass(frozen=True, slots=True)
class Issue:
    issue_id: str
    visit_id: str
    category_id: str
    commune_code: str | None  # None: the issue concerns all communes of the visit
    evidence: str
    source_id: str
    review_status: ReviewStatus = ReviewStatus.PUBLISHED


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


@dataclass(frozen=True, slots=True)
class Category:
    category_id: str
    label_vi: str
    label_en: str
    definition_vi: str
    definition_en: str
    examples: tuple[str, ...]
    sort_order: int
