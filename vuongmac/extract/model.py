"""The draft coding a document yields (the JSON contract of ``python -m vuongmac extract``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class DocMeta:
    url: str | None = None
    published: dt.date | None = None
    publisher: str | None = None


@dataclass(slots=True)
class DraftCommune:
    as_written: str
    code: str | None
    name: str | None


@dataclass(slots=True)
class DraftVisit:
    date: str | None
    date_precision: str
    province_code: str | None
    province_name: str | None
    communes: list[DraftCommune] = field(default_factory=list)
    lead_official: str | None = None
    lead_title: str | None = None
    body: str | None = None
    evidence: str | None = None
    scope: str = "unknown"  # commune / province / national / unknown (domain.Scope)


@dataclass(slots=True)
class DraftIssue:
    category: str
    commune: str | None
    commune_code: str | None
    evidence: str
    confidence: float
    start: int
    end: int
    # why: the lexicon terms and rules that fired and the model's strongest features
    reasons: tuple[str, ...] = ()


@dataclass(slots=True)
class DraftProposal:
    text: str
    assigned_agency: str | None
    start: int
    end: int
    # the difficulties it answers (category ids): proposed here, confirmed by the reviewer
    category_ids: tuple[str, ...] = ()


@dataclass(slots=True)
class Draft:
    relevant: bool
    language: str
    visits: list[DraftVisit]
    issues: list[DraftIssue]
    proposals: list[DraftProposal]
    url: str | None = None
    published: str | None = None
    # Place and date of a relevant document that reports no visit or meeting (a department's
    # report, a feature, a written reply to petitions): kept so its issues can still be placed.
    setting: DraftVisit | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI contract of ``python -m vuongmac extract``."""
        out = asdict(self)
        for issue in out["issues"]:
            issue.pop("start"), issue.pop("end")
        for proposal in out["proposals"]:
            proposal.pop("start"), proposal.pop("end")
        for visit in out["visits"] + ([out["setting"]] if out["setting"] else []):
            visit.pop("evidence")
        return out
