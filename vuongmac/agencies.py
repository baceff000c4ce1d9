"""The canonical agency dimension: Sở …, UBND tỉnh/xã, Ban … Tỉnh ủy, Bộ …, Chính phủ, with
aliases in Vietnamese and English (data: ``data/agencies.json``).

``resolve_agency("Department of Finance")`` gives Sở Tài chính; a role word ("the province",
"Trung ương", "the State", "cấp trên") resolves to a *role* entry, which names no agency:
rankings and "agencies assigned" counts leave roles out. Pure: no IO past loading the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from vuongmac.text import Terms, fold, nfc

AGENCIES_PATH = Path(__file__).parent / "data" / "agencies.json"


@dataclass(frozen=True, slots=True)
class Agency:
    agency_id: str
    kind: str  # "agency" or "role"
    level: str  # central / province / commune / unknown
    name_vi: str
    name_en: str
    aliases: tuple[str, ...]

    @property
    def is_role(self) -> bool:
        return self.kind == "role"

    def name(self, lang: str = "vi") -> str:
        return self.name_vi if lang == "vi" else self.name_en


@cache
def agencies() -> tuple[Agency, ...]:
    rows = json.loads(AGENCIES_PATH.read_text(encoding="utf-8"))["entries"]
    return tuple(
        Agency(r["id"], r["kind"], r["level"], r["name_vi"], r["name_en"], tuple(r["aliases"]))
        for r in rows
    )


@cache
def _index() -> tuple[Terms, dict[str, Agency]]:
    by_alias: dict[str, Agency] = {}
    spellings = []
    for agency in agencies():
        for alias in (agency.name_vi, agency.name_en, *agency.aliases):
            key = fold(alias)
            if key in by_alias and by_alias[key].agency_id != agency.agency_id:
                raise ValueError(f"agency alias {alias!r} names two entries")
            by_alias[key] = agency
            spellings.append(alias)
    return Terms(spellings), by_alias


def agency_by_id(agency_id: str) -> Agency | None:
    return next((a for a in agencies() if a.agency_id == agency_id), None)


def _best(text: str):  # noqa: ANN202
    terms, _ = _index()
    best = None
    for m in terms.finditer(fold(text), text.lower()):
        if (
            best is None
            or m.start() < best.start()
            or (m.start() == best.start() and len(m.group(0)) > len(best.group(0)))
        ):
            best = m
    return best


_LEADING = re.compile(r"^\s*(?:that\s+|for\s+|to\s+|với\s+|cho\s+)?(?:the\s+|các\s+)?", re.I)


def addressee(text: str | None) -> Agency | None:
    """The agency a request opens with: "(that) the Ministry of Home Affairs add …",
    "Bộ Nội vụ bổ sung …" (a request names its addressee first)."""
    if not text:
        return None
    text = nfc(text)
    head = text[_LEADING.match(text).end() :][:120]
    best = _best(head)
    if best is None or best.start() > 0:
        return None
    return _index()[1][best.group(0)]


def resolve_agency(text: str | None) -> Agency | None:
    """The canonical entry an agency string names: the longest alias at the earliest
    position ("UBND tỉnh Nghệ An" -> UBND tỉnh; "Sở Tài chính chủ trì" -> Sở Tài chính).
    None when it names none of them (free text stays as written)."""
    if not text or not text.strip():
        return None
    best = _best(nfc(text))
    return _index()[1][best.group(0)] if best else None


def canonical_agency(text: str | None) -> str | None:
    """What a proposal's ``assigned_agency`` stores: the canonical Vietnamese name when the
    text names a known agency or role, the text as written otherwise, None when empty."""
    if not text or not text.strip():
        return None
    found = resolve_agency(text)
    return found.name_vi if found else " ".join(nfc(text).split())


def agency_key(text: str | None) -> str | None:
    """A comparison key: the canonical id, or the folded text of an unknown agency."""
    if not text or not text.strip():
        return None
    found = resolve_agency(text)
    return found.agency_id if found else fold(text)
