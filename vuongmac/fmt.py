"""Number and date formats that follow the UI language (vi: 1.234,5 and dd/mm/yyyy)."""

from __future__ import annotations

import datetime as dt

MISSING = "–"  # what a table or a number shows for a missing value (never "None")
# plotly's layout.separators (decimal, then thousands) for the same formats in charts
PLOTLY_SEPARATORS = {"vi": ",.", "en": ".,"}

# plotly.js's own words (the chart toolbar's tooltips, a few hints) and its date names in
# Vietnamese: passed as the figure config's ``locales`` with ``locale="vi"``.
PLOTLY_LOCALE_VI = {
    "dictionary": {
        "Download plot as a PNG": "Tải biểu đồ (PNG)",
        "Download plot": "Tải biểu đồ",
        "Zoom": "Phóng to vùng chọn",
        "Pan": "Kéo",
        "Box Select": "Chọn bằng khung",
        "Lasso Select": "Chọn bằng vòng",
        "Zoom in": "Phóng to",
        "Zoom out": "Thu nhỏ",
        "Autoscale": "Tự co giãn",
        "Reset axes": "Đặt lại trục",
        "Reset view": "Đặt lại khung nhìn",
        "Reset": "Đặt lại",
        "Toggle Spike Lines": "Bật/tắt đường dóng",
        "Show closest data on hover": "Hiện dữ liệu gần nhất khi rê chuột",
        "Compare data on hover": "So sánh dữ liệu khi rê chuột",
        "Toggle show closest data on hover": "Bật/tắt hiện dữ liệu gần nhất",
        "Double-click to zoom back out": "Nhấp đúp để thu nhỏ lại",
        "Taking snapshot - this may take a few seconds": "Đang chụp ảnh, xin chờ vài giây",
        "Snapshot succeeded": "Đã chụp ảnh",
        "Sorry, there was a problem downloading your snapshot!": "Không tải được ảnh biểu đồ.",
        "Produced with Plotly.js": "Tạo bằng Plotly.js",
        "trace": "chuỗi",
        "new text": "chữ mới",
    },
    "format": {
        "days": ["Chủ nhật", "Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy"],
        "shortDays": ["CN", "T2", "T3", "T4", "T5", "T6", "T7"],
        "months": [f"Tháng {m}" for m in range(1, 13)],
        "shortMonths": [f"Th{m}" for m in range(1, 13)],
        "date": "%d/%m/%Y",
        "decimal": ",",
        "thousands": ".",
    },
}


def plotly_locale_config(lang: str) -> dict:
    """The figure config that puts plotly's own words in the UI language."""
    if lang == "vi":
        return {"locale": "vi", "locales": {"vi": PLOTLY_LOCALE_VI}}
    return {"locale": "en"}


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
