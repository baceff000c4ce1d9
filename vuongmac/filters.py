"""The dashboard's global filters as a typed value that round-trips through the URL.

Invalid URL values are dropped and reported as notices, never raised: a shared link with a
typo still opens, and says what it ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

from vuongmac.domain import DEFAULT_ERAS, Era
from vuongmac.periods import Period, parse_period, period_range, today_vn

# URL parameter names (stable: links in the wild depend on them).
P_PROVINCE, P_COMMUNE, P_CATEGORY, P_FROM, P_TO, P_LANG, P_ERA, P_PERIOD = (
    "province",
    "commune",
    "category",
    "from",
    "to",
    "lang",
    "era",
    "period",
)
KNOWN_PARAMS = frozenset({P_PROVINCE, P_COMMUNE, P_CATEGORY, P_FROM, P_TO, P_LANG, P_ERA, P_PERIOD})
ERA_ALL = "all"  # ?era=all: reports from before 1/7/2025 included
LANGUAGES = ("vi", "en")
MAX_VALUES = 200  # more values than this in one parameter is not a real view


@dataclass(frozen=True, slots=True)
class Filters:
    province_codes: tuple[str, ...] = ()
    commune_codes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    include_before: bool = False  # the "trước 1/7/2025" toggle: off by default
    # a preset ("quý này"): the dates above are its range today; the URL keeps the preset
    period: Period | None = None

    @property
    def eras(self) -> tuple[str, ...]:
        """The eras shown: the two-tier era (and undated records), plus earlier reports
        only when the toggle is on (docs/counting.md)."""
        shown = (*DEFAULT_ERAS, Era.BEFORE) if self.include_before else DEFAULT_ERAS
        return tuple(e.value for e in shown)

    def query_params(self) -> dict[str, object]:
        """Keyword arguments for ``Warehouse.run`` of any filtered query."""
        return {
            "province_codes": list(self.province_codes),
            "commune_codes": list(self.commune_codes),
            "categories": list(self.categories),
            "date_from": self.date_from,
            "date_to": self.date_to,
            "eras": list(self.eras),
        }

    def to_url(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        if self.province_codes:
            out[P_PROVINCE] = list(self.province_codes)
        if self.commune_codes:
            out[P_COMMUNE] = list(self.commune_codes)
        if self.categories:
            out[P_CATEGORY] = list(self.categories)
        if self.period is not None:
            out[P_PERIOD] = [self.period.value]
        else:
            if self.date_from:
                out[P_FROM] = [self.date_from.isoformat()]
            if self.date_to:
                out[P_TO] = [self.date_to.isoformat()]
        if self.include_before:
            out[P_ERA] = [ERA_ALL]
        return out

    @property
    def is_empty(self) -> bool:
        return self == Filters()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The values a URL may name: anything else is dropped with a notice."""

    province_codes: Collection[str]
    commune_provinces: Mapping[str, str]  # commune code -> province code
    categories: Collection[str]
    extra_params: frozenset[str] = field(default_factory=frozenset)


def _values(params: Mapping[str, str | Sequence[str]], key: str) -> list[str]:
    raw = params.get(key)
    if raw is None:
        return []
    items = [raw] if isinstance(raw, str) else list(raw)
    out: list[str] = []
    for item in items:  # accept both repeated keys and comma-separated values
        out.extend(part.strip() for part in str(item).split(",") if part.strip())
    return out


def _dedupe(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


# The date range the filters (and their date pickers) accept; a URL date outside it is
# clamped to it, with a notice (a picker given a value outside its range raises).
MIN_DATE = dt.date(2000, 1, 1)


def max_date(today: dt.date | None = None) -> dt.date:
    return (today or dt.date.today()) + dt.timedelta(days=366)


def parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def with_period(filters: Filters, period: Period | None, today: dt.date | None = None) -> Filters:
    """``filters`` over a preset's range on ``today`` (None: the preset is dropped and the
    dates kept as they are)."""
    if period is None:
        return replace(filters, period=None)
    date_from, date_to = period_range(period, today or today_vn())
    return replace(filters, period=period, date_from=date_from, date_to=date_to)


def filters_from_url(
    params: Mapping[str, str | Sequence[str]], vocab: Vocabulary, today: dt.date | None = None
) -> tuple[Filters, list[str]]:
    """Parse URL parameters into Filters; returns the notices for what was ignored."""
    notices: list[str] = []
    unknown = sorted(set(params) - KNOWN_PARAMS - vocab.extra_params)
    if unknown:
        notices.append(f"unknown parameter(s) ignored: {', '.join(unknown)}")

    def pick(key: str, allowed: Collection[str]) -> tuple[str, ...]:
        values = _values(params, key)
        if len(values) > MAX_VALUES:
            notices.append(f"{key}: more than {MAX_VALUES} values, ignored")
            return ()
        bad = [v for v in values if v not in allowed]
        if bad:
            shown = ", ".join(repr(v[:40]) for v in bad[:5])
            notices.append(f"{key}: unknown value(s) ignored: {shown}")
        return _dedupe([v for v in values if v in allowed])

    provinces = pick(P_PROVINCE, vocab.province_codes)
    communes = pick(P_COMMUNE, vocab.commune_provinces)
    categories = pick(P_CATEGORY, vocab.categories)

    dates: dict[str, dt.date | None] = {}
    for key in (P_FROM, P_TO):
        values = _values(params, key)
        parsed = parse_date(values[0]) if len(values) == 1 else None
        if values and parsed is None:
            notices.append(f"{key}: not a date (YYYY-MM-DD), ignored")
        elif parsed is not None and not MIN_DATE <= parsed <= max_date():
            clamped = min(max(parsed, MIN_DATE), max_date())
            notices.append(
                f"{key}: {parsed.isoformat()} is out of range, {clamped.isoformat()} used"
            )
            parsed = clamped
        dates[key] = parsed
    date_from, date_to = dates[P_FROM], dates[P_TO]
    if date_from and date_to and date_from > date_to:
        notices.append(f"{P_FROM} is after {P_TO}: dates swapped")
        date_from, date_to = date_to, date_from

    era_values = _values(params, P_ERA)
    include_before = era_values == [ERA_ALL]
    if era_values and not include_before:
        notices.append(f"{P_ERA}: only '{ERA_ALL}' is known, ignored")

    period_values = _values(params, P_PERIOD)
    period = parse_period(period_values[0]) if len(period_values) == 1 else None
    if period_values and period is None:
        shown = ", ".join(p.value for p in Period)
        notices.append(f"{P_PERIOD}: unknown value ignored (known: {shown})")
    if period is not None and (date_from or date_to):
        notices.append(f"{P_FROM}/{P_TO} ignored: {P_PERIOD} is given")

    filters = Filters(provinces, communes, categories, date_from, date_to, include_before)
    filters = with_period(filters, period, today) if period is not None else filters
    consistent = restrict_communes(filters, vocab.commune_provinces)
    if consistent != filters:
        notices.append("commune(s) outside the chosen provinces ignored")
    return consistent, notices


def restrict_communes(filters: Filters, commune_provinces: Mapping[str, str]) -> Filters:
    """Drop communes that lie outside the chosen provinces (when provinces are chosen)."""
    if not filters.province_codes:
        return filters
    keep = tuple(
        c for c in filters.commune_codes if commune_provinces.get(c) in filters.province_codes
    )
    return replace(filters, commune_codes=keep)


def language_from_url(params: Mapping[str, str | Sequence[str]]) -> str:
    values = _values(params, P_LANG)
    return values[0] if values and values[0] in LANGUAGES else "vi"
