"""Leader brief: a short Vietnamese report for the current filters, as DOCX and PDF.

``gather`` reads everything through the query runner (the same named queries as the
dashboard) into a ``Brief`` value; ``render_docx`` / ``render_pdf`` turn it into a file.
Charts and the map are drawn offline with matplotlib; text uses DejaVu Sans, which ships
with matplotlib and covers Vietnamese, so no system font or network is needed.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import matplotlib as mpl
import pandas as pd

from vuongmac.analysis import pct_change, previous_period
from vuongmac.codebook import category_label
from vuongmac.filters import Filters
from vuongmac.fmt import fmt_date, fmt_number, fmt_timestamp
from vuongmac.text import vi_sort_key
from vuongmac.warehouse.runner import Warehouse

FONT_DIR = Path(mpl.get_data_path()) / "fonts" / "ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
DEFAULT_BASE_URL = "http://127.0.0.1:8501/"
TOP_CATEGORIES = 5
QUOTES_PER_CATEGORY = 2
OPEN_PROPOSALS = 12
UNVISITED_LISTED = 40


@dataclass
class Difficulty:
    category_id: str
    label: str
    count: int
    quotes: list[tuple[str, str]]  # (evidence, source: title · date)


@dataclass
class Brief:
    title: str
    place: str
    period: str
    filters: list[tuple[str, str]]
    data_as_of: str
    build_id: str
    numbers: list[tuple[str, str, str | None]]  # label, value, change vs previous period
    by_category: pd.DataFrame  # category_id, label, issue_count (for the chart)
    difficulties: list[Difficulty]
    open_proposals: list[tuple[str, str, str, str]]  # text, agency, status, due
    unvisited: list[str]
    unvisited_total: int
    commune_values: pd.DataFrame | None  # code, issue_count (the map of one province)
    province_code: str | None
    permalink: str
    empty: bool
    notes: list[str] = field(default_factory=list)


STATUS_VI = {"proposed": "Đã kiến nghị", "assigned": "Đã giao", "in_progress": "Đang xử lý"}


def counting_notes(kpis: pd.Series) -> list[str]:
    """What the numbers leave out or set apart (docs/counting.md), for the reader of the brief."""
    notes = []
    if int(kpis["before_visit_count"]):
        notes.append(
            f"{fmt_number(int(kpis['before_visit_count']))} đoàn trước 1/7/2025 không được tính."
        )
    if int(kpis["undated_visit_count"]):
        notes.append(
            f"{fmt_number(int(kpis['undated_visit_count']))} đoàn không rõ ngày vẫn được tính trong tổng số."
        )
    if int(kpis["national_issue_count"]):
        notes.append(
            f"{fmt_number(int(kpis['national_issue_count']))} vướng mắc phạm vi toàn quốc không tính cho tỉnh nào."
        )
    return notes


def file_stem(filters: Filters, place_names: Mapping[str, str]) -> str:
    """The brief's file name without extension, after its place and period:
    "bao-cao-vuong-mac-nghe-an-2026-10-01-den-2026-12-31" (``place_names``: code -> name of
    the provinces and communes, so a file says where it is about)."""
    codes = filters.commune_codes or filters.province_codes
    if len(codes) == 1:
        place = _slug(place_names.get(codes[0], codes[0]))
    elif codes:
        place = f"{len(codes)}-{'xa' if filters.commune_codes else 'tinh'}"
    else:
        place = "toan-quoc"
    if filters.date_from or filters.date_to:
        start = filters.date_from.isoformat() if filters.date_from else "dau"
        end = filters.date_to.isoformat() if filters.date_to else "nay"
        period = f"{start}-den-{end}"
    else:
        period = "tat-ca"
    return f"bao-cao-vuong-mac-{place}-{period}"


def _slug(name: str) -> str:
    from vuongmac.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(name.split(" · ")[0])).strip("-") or "noi"


def permalink(base_url: str, filters: Filters) -> str:
    query = urllib.parse.urlencode(filters.to_url(), doseq=True)
    return base_url.rstrip("/") + "/" + (f"?{query}" if query else "")


def gather(
    wh: Warehouse, filters: Filters, base_url: str = DEFAULT_BASE_URL, today: dt.date | None = None
) -> Brief:
    today = today or dt.date.today()
    params = filters.query_params()
    provinces = wh.run("filter_provinces").set_index("province_code")["province_name"]
    official = wh.run("province_names").set_index("province_code")["province_name"]
    communes = wh.run("filter_communes", province_codes=[]).set_index("commune_code")

    if filters.commune_codes:
        place = ", ".join(
            communes.loc[c, "commune_name"] for c in filters.commune_codes if c in communes.index
        )
    elif filters.province_codes:
        # the province's own name: "Tỉnh Nghệ An", "Thành phố Hà Nội" (never "tỉnh/thành phố …")
        place = ", ".join(official.get(c, c) for c in filters.province_codes)
    else:
        place = "Toàn quốc"
    bounds = wh.run("visit_span", **params).iloc[0]
    start = filters.date_from or _date(bounds["first_date"])
    end = filters.date_to or _date(bounds["last_date"])
    period = f"{fmt_date(start)} – {fmt_date(end)}" if start and end else "toàn bộ thời gian"

    shown_filters = []
    shown_filters += [("Tỉnh, thành phố", provinces.get(c, c)) for c in filters.province_codes]
    shown_filters += [
        ("Xã, phường", communes.loc[c, "commune_name"] if c in communes.index else c)
        for c in filters.commune_codes
    ]
    shown_filters += [("Nhóm vướng mắc", category_label(c)) for c in filters.categories]
    if filters.date_from:
        shown_filters.append(("Từ ngày", fmt_date(filters.date_from)))
    if filters.date_to:
        shown_filters.append(("Đến ngày", fmt_date(filters.date_to)))
    if filters.include_before:
        shown_filters.append(("Giai đoạn", "gồm cả báo cáo trước 1/7/2025"))
    if not shown_filters:
        shown_filters.append(("Bộ lọc", "không (toàn bộ dữ liệu đã công bố)"))

    kpis = wh.run("kpis", **params).iloc[0]
    previous = None
    if filters.date_from and filters.date_to:
        prev_from, prev_to = previous_period(filters.date_from, filters.date_to)
        previous = wh.run(
            "kpis", **replace(filters, date_from=prev_from, date_to=prev_to).query_params()
        ).iloc[0]
    numbers = []
    for key, label in (
        ("visit_count", "Đoàn công tác"),
        ("commune_count", "Xã, phường được làm việc"),
        ("issue_count", "Vướng mắc"),
        ("proposal_count", "Kiến nghị"),
    ):
        value = int(kpis[key])
        change = None
        if previous is not None:
            pct = pct_change(value, int(previous[key]))
            diff = value - int(previous[key])
            change = f"{'+' if diff >= 0 else ''}{fmt_number(diff)}" + (
                f" ({fmt_number(pct)}%)" if pct is not None else ""
            )
        numbers.append((label, fmt_number(value), change))

    notes = counting_notes(kpis)
    by_cat = wh.run("issues_by_category", **params)
    difficulties = []
    for row in by_cat.head(TOP_CATEGORIES).itertuples(index=False):
        quotes = wh.run(
            "issue_table",
            **{**params, "categories": [row.category_id]},
            search=None,
            row_limit=QUOTES_PER_CATEGORY,
        )
        difficulties.append(
            Difficulty(
                row.category_id,
                row.label_vi,
                int(row.issue_count),
                [
                    (
                        q.evidence,
                        " · ".join(
                            x
                            for x in (
                                _text(q.source_title),
                                fmt_date(q.visit_date, "vi", q.date_precision),
                            )
                            if x
                        ),
                    )
                    for q in quotes.itertuples(index=False)
                ],
            )
        )
    proposals = wh.run("open_proposals", **params, today=today, row_limit=OPEN_PROPOSALS)
    open_props = [
        (
            p.text,
            _text(p.assigned_agency) or "chưa giao",
            STATUS_VI.get(p.status, p.status) + (" — quá hạn" if p.overdue else ""),
            fmt_date(_date(p.due_date)) if _text(p.due_date) else "–",
        )
        for p in proposals.itertuples(index=False)
    ]

    unvisited: list[str] = []
    unvisited_total = 0
    commune_values = None
    province_code = filters.province_codes[0] if len(filters.province_codes) == 1 else None
    if filters.province_codes:
        values = wh.run(
            "map_communes",
            province_codes=list(filters.province_codes),
            categories=list(filters.categories),
            date_from=filters.date_from,
            date_to=filters.date_to,
            eras=list(filters.eras),
            share_category=None,
        )
        missing = values[~values["visited_two_tier"]].sort_values(  # two-tier coverage
            "name", key=lambda col: col.map(vi_sort_key)
        )  # Vietnamese order: "Bạch" before "Bích"
        unvisited_total = len(missing)
        unvisited = missing["name"].head(UNVISITED_LISTED).tolist()
        commune_values = values[["code", "issue_count"]]

    return Brief(
        title=f"Báo cáo nhanh vướng mắc của chính quyền cơ sở — {place}",
        place=place,
        period=period,
        filters=shown_filters,
        data_as_of=fmt_timestamp(wh.built_at),
        build_id=wh.build_id,
        numbers=numbers,
        by_category=by_cat[["category_id", "label_vi", "issue_count"]].rename(
            columns={"label_vi": "label"}
        ),
        difficulties=difficulties,
        open_proposals=open_props,
        unvisited=unvisited,
        unvisited_total=unvisited_total,
        commune_values=commune_values,
        province_code=province_code,
        permalink=permalink(base_url, filters),
        empty=int(kpis["issue_count"]) == 0 and int(kpis["visit_count"]) == 0,
        notes=notes,
    )


def _date(value: object) -> dt.date | None:
    """Query results give DATE columns as pandas Timestamps (NaT when missing)."""
    if value is None or pd.isna(value):
        return None
    if isinstance(value, dt.datetime):  # pd.Timestamp is a datetime
        return value.date()
    return value if isinstance(value, dt.date) else None


def _text(value: object) -> str:
    if value is None or (not isinstance(value, list | tuple) and pd.isna(value)):
        return ""
    return str(value)
