"""Number and date formats that follow the UI language (vi: 1.234,5 and dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt

MISSING = "–"  # what a table or a number shows for a missing value (never "None")
# plotly's layout.separators (decimal, then thousands) for the same formats in charts
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}


def fmt_number(value: float | int | None, lang: str = "vi", decimals: int = 0) -> str:
    if value is None:
        return MISSING
    text = f"{value:,.{decimals}f}"  # 1,234.5
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_date(value: dt.date | None, lang: str = "vi", precision: str = "day") -> str:
    if value is None or value != value or precision == "unknown":  # None, NaT
        return MISSING
    if precision == "year":
        return f"{value.year}"
    if precision == "month":
        return f"{value.month:02d}/{value.year}" if lang == "vi" else value.strftime("%b %Y")
    # English "23 Jul 2025" (a pandas Timestamp's isoformat would carry a time)
    return value.strftime("%d/%m/%Y") if lang == "vi" else f"{value.day} {value.strftime('%b %Y')}"


def fmt_timestamp(iso: str, lang: str = "vi") -> str:
    """'2026-11-22T14:39:10+00:00' -> '22/11/2026 14:39 UTC' (vi) or '2026-11-22 14:39 UTC'."""
    try:
        ts = dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    except ValueError:
        return iso
    return ts.strftime("%d/%m/%Y %H:%M UTC" if lang == "vi" else "%Y-%m-%d %H:%M UTC")


def fmt_ranked(items: object, lang: str = "vi") -> str:
    """'Nghệ An (88), Thanh Hóa (70)' from a query's ranked list of {name, name_en, n};
    MISSING when there is none (a NULL list, NaN, an empty array)."""
    if items is None or isinstance(items, float) or not hasattr(items, "__len__") or not len(items):
        return MISSING
    key = "name_en" if lang == "en" else "name"
    return ", ".join(
        f"{item.get(key) or item['name']} ({fmt_number(item['n'], lang)})" for item in items
    )
