"""Shared widgets: filter chips, export buttons, chart-click cross-filtering."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from vuongmac.codebook import category_label
from vuongmac.exports import to_csv, to_xlsx
from vuongmac.fmt import fmt_date, fmt_number, fmt_ranked, fmt_timestamp
from vuongmac.ui import state
from vuongmac.ui.i18n import STRINGS, t
from vuongmac.ui.safe import md


def _names() -> tuple[dict[str, str], dict[str, str]]:
    provinces = state.run_query("filter_provinces")
    communes = state.run_query("filter_communes", province_codes=[])
    return (
        dict(zip(provinces["province_code"], provinces["province_name"], strict=True)),
        dict(
            zip(
                communes["commune_code"],
                communes["commune_name"] + " · " + communes["province_name"],
                strict=True,
            )
        ),
    )


def place_names() -> dict[str, str]:
    """Code -> name of every province and commune (communes as "Name · Province")."""
    provinces, communes = _names()
    return {**provinces, **communes}


def describe_filters(ctx: state.PageContext) -> list[tuple[str, str, str, object]]:
    """(label, shown value, filter key, raw value) of every active filter."""
    lang = ctx.lang
    provinces, communes = _names()
    f = ctx.filters
    out: list[tuple[str, str, str, object]] = []
    out += [
        (t("province", lang), provinces.get(c, c), state.K_PROVINCE, c) for c in f.province_codes
    ]
    out += [(t("commune", lang), communes.get(c, c), state.K_COMMUNE, c) for c in f.commune_codes]
    out += [
        (t("category", lang), category_label(c, lang), state.K_CATEGORY, c) for c in f.categories
    ]
    if f.period is not None and f.date_from and f.date_to:  # one chip: "Quý này (1/10–31/12)"
        shown = (
            f"{t('period_' + f.period.value, lang)}"
            f" ({fmt_date(f.date_from, lang)}–{fmt_date(f.date_to, lang)})"
        )
        out.append((t("period_preset", lang), shown, state.K_PERIOD, None))
    else:
        if f.date_from:
            out.append((t("date_from", lang), fmt_date(f.date_from, lang), state.K_FROM, None))
        if f.date_to:
            out.append((t("date_to", lang), fmt_date(f.date_to, lang), state.K_TO, None))
    if f.include_before:
        out.append((t("include_before", lang), t("chip_before", lang), state.K_BEFORE, None))
    return out


def _remove(key: str, value: object) -> None:
    current = state.filters_from_widgets()
    if key in (state.K_FROM, state.K_TO):
        state.set_filter(key, None)
        return
    if key == state.K_PERIOD:  # the preset and its dates go together
        for k in (state.K_PERIOD, state.K_FROM, state.K_TO):
            state.set_filter(k, None)
        return
    if key == state.K_BEFORE:
        state.set_filter(key, False)
        return
    values = {
        state.K_PROVINCE: current.province_codes,
        state.K_COMMUNE: current.commune_codes,
        state.K_CATEGORY: current.categories,
    }[key]
    state.set_filter(key, [v for v in values if v != value])


def dataset_banner(ctx: state.PageContext) -> str | None:
    """The one line naming the dataset (DATASET.json's name and coding, the warehouse's
    numbers), or None for a dataset without a description."""
    about = ctx.paths.dataset
    if not about:
        return None
    row = state.run_query("dataset_summary").iloc[0]
    lang = ctx.lang

    def pick(key: str) -> str:
        value = about.get(key) or {}
        return str(value.get(lang) or value.get("vi") or "") if isinstance(value, dict) else ""

    first, last = row["first_year"], row["last_year"]
    years = "" if not state.present(first) else (
        str(int(first)) if first == last else f"{int(first)}–{int(last)}"
    )  # fmt: skip
    top = row["top_publishers"]
    return t(
        "dataset_banner", lang, name=md(pick("name")), coding=md(pick("coding")),
        documents=fmt_number(int(row["document_count"]), lang),
        published=fmt_number(int(row["published_count"]), lang),
        publishers=fmt_number(int(row["publisher_count"]), lang),
        top=md(", ".join(top if top is not None else [])), years=years,
    )  # fmt: skip


def render_chips(ctx: state.PageContext, how_we_count: object | None = None) -> None:
    """Active filters as removable chips at the top of every page, with 'clear all'; the
    "Cách đếm" link (``how_we_count``, a page) ends the same row, so the row costs no extra
    height above the answers."""
    active = describe_filters(ctx)
    if not active and how_we_count is None:
        return
    with st.container(
        horizontal=True, gap="small", key="filter_chips", vertical_alignment="center"
    ):
        for i, (label, shown, key, value) in enumerate(active):
            st.button(
                f"{md(shown)} ✕",
                key=f"chip_{i}_{key}_{value}",
                help=f"{label}: {md(shown)}",
                on_click=_remove,
                args=(key, value),
                type="secondary",
            )
        if active:
            st.button(
                t("clear_all", ctx.lang),
                key="chip_clear_all",
                on_click=state.clear_filters,
                type="tertiary",
            )
        if how_we_count is not None:
            st.page_link(
                how_we_count, label=t("how_we_count", ctx.lang), icon=":material/calculate:"
            )


def export_header(
    ctx: state.PageContext,
    title: str,
    rows: int,
    page_filters: Sequence[tuple[str, str]] = (),
) -> list[tuple[str, str]]:
    """The "Bộ lọc" sheet: what the file is, when it was built, and every filter that made
    its rows, the page's own (a search text, a chosen category) as well as the sidebar's."""
    lang = ctx.lang
    wh = state.warehouse()
    header = [
        (t("export_title", lang), title),
        (t("export_as_of", lang), fmt_timestamp(wh.built_at, lang)),
        (t("export_build", lang), wh.build_id),
        (t("export_source", lang), t("export_source_text", lang)),
        (t("export_rows", lang), str(rows)),
    ]
    filters = [(label, shown) for label, shown, _, _ in describe_filters(ctx)]
    filters += [(label, shown) for label, shown in page_filters if shown]
    if not filters:
        header.append((t("filters", lang), t("all", lang)))
    return header + filters


XLSX_MAX_ROWS = 200_000  # beyond this a workbook is slow to open: CSV only
XLSX_PROGRESS_ROWS = 20_000  # above this a workbook is prepared with a progress bar

# Export headers in the UI language: query column -> label key. Other columns (ids such as
# issue_id, codes) keep their names: they are what a reader quotes back to us.
EXPORT_HEADERS = {
    "visit_date": "col_date", "province_name": "col_province", "places": "col_places",
    "label_vi": "col_category", "label_en": "col_category", "evidence": "col_evidence",
    "source_count": "col_corroborations", "source_title": "col_source", "source_url": "col_link",
    "publisher": "col_publisher", "places_as_written": "col_as_written", "text": "col_text",
    "assigned_agency": "col_agency", "agency_as_written": "col_agency_as_written",
    "status": "col_status", "status_note": "col_note", "due_date": "col_due",
    "overdue": "col_overdue", "lead_official": "lead", "lead_title": "col_lead_title",
    "attribution": "col_attribution", "era": "col_era_set",
}  # fmt: skip


# Columns whose values are codes with a name in the UI language: column -> key prefix.
EXPORT_VALUES = {"attribution": "value_", "era": "value_", "status": "status_",
                 "review_status": "value_", "unit_kind": "value_"}  # fmt: skip
# Columns no reader needs: the table's page total, and the other language's label.
EXPORT_DROP = {"vi": {"total_rows", "label_en"}, "en": {"total_rows", "label_vi"}}


def _named(value: object, prefix: str, lang: str) -> object:
    key = f"{prefix}{value}"
    return t(key, lang) if isinstance(value, str) and key in STRINGS else value


def export_frame(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Rows as exported: headers in the UI language, codes by their names ("một xã cụ
    thể", "Đã giao"), dates as dates (a timestamp's "2025-07-23 00:00:00" read as a time
    nobody recorded), a date known to the month or year only as "07/2025" or "2025"."""
    out = df.drop(columns=[c for c in EXPORT_DROP.get(lang, set()) if c in df.columns])
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.date
    if "date_precision" in out.columns and "visit_date" in out.columns:
        out["visit_date"] = [
            d if p == "day" or d is None or d != d else (fmt_date(d, lang, p) if p else d)
            for d, p in zip(out["visit_date"], out["date_precision"], strict=True)
        ]
        out = out.drop(columns=["date_precision"])
    for col, prefix in EXPORT_VALUES.items():
        if col in out.columns:
            out[col] = out[col].map(lambda v, prefix=prefix: _named(v, prefix, lang))
    names: dict[str, str] = {}
    for col in out.columns:
        label = t(EXPORT_HEADERS[col], lang) if col in EXPORT_HEADERS else col
        names[col] = label if label not in names.values() else col
    return out.rename(columns=names)


def render_exports(
    ctx: state.PageContext,
    name: str,
    title: str,
    fetch: Callable[[], pd.DataFrame],
    total: int,
    page_filters: Sequence[tuple[str, str]] = (),
) -> None:
    """CSV and XLSX of exactly the filtered rows. ``fetch`` returns them all; it runs only
    when a button is clicked (on Streamlit's download thread), so big tables cost nothing
    until someone asks for them."""
    lang = ctx.lang
    header = export_header(ctx, title, total, page_filters)
    col1, col2, _ = st.columns([1, 1, 4])
    col1.download_button(
        t("download_csv", lang), data=lambda: to_csv(export_frame(fetch(), lang)), file_name=f"{name}.csv",
        mime="text/csv", icon=":material/download:", key=f"csv_{name}", on_click="ignore",
    )  # fmt: skip
    too_big = total > XLSX_MAX_ROWS

    def workbook(progress: Callable[[int, int], None] | None = None) -> bytes:
        return to_xlsx(export_frame(fetch(), lang), header, t("sheet_data", lang),
                       t("sheet_filters", lang), lang, progress)  # fmt: skip

    xlsx_button = {
        "file_name": f"{name}.xlsx",
        "mime": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "icon": ":material/table:",
        "key": f"xlsx_{name}",
        "on_click": "ignore",
    }
    if too_big:
        col2.download_button(t("download_xlsx", lang), data=b"", disabled=True,
                             help=t("xlsx_too_big", lang, n=fmt_number(XLSX_MAX_ROWS, lang)),
                             **xlsx_button)  # fmt: skip
    elif total <= XLSX_PROGRESS_ROWS:  # a second or two: written when the button is clicked
        col2.download_button(t("download_xlsx", lang), data=workbook, **xlsx_button)
    else:
        _prepared_xlsx(col2, name, header, total, lang, workbook, xlsx_button)


def _prepared_xlsx(
    column: Any,
    name: str,
    header: Sequence[tuple[str, str]],
    total: int,
    lang: str,
    workbook: Callable[[Callable[[int, int], None] | None], bytes],
    button: dict,
) -> None:
    """A large workbook is prepared on request with a progress bar (fetching, then rows
    written), kept for this session while the view (its header: filters, search, build)
    is unchanged, and then downloaded."""
    store = f"xlsx_ready_{name}"
    signature = tuple(header)
    ready = st.session_state.get(store)
    if not (ready and ready[0] == signature):
        if not column.button(t("prepare_xlsx", lang, n=fmt_number(total, lang)),
                             icon=":material/table:", key=f"xlsx_prepare_{name}"):  # fmt: skip
            return
        bar = st.progress(0.0, text=t("xlsx_fetching", lang, n=fmt_number(total, lang)))

        def report(done: int, count: int) -> None:
            text = t(
                "xlsx_writing", lang, done=fmt_number(done, lang), total=fmt_number(count, lang)
            )
            bar.progress(0.1 + 0.9 * done / max(count, 1), text=text)

        data = workbook(report)
        bar.empty()
        st.session_state[store] = ready = (signature, data)
    data = ready[1]
    column.download_button(t("download_xlsx", lang), data=data, type="primary", **button)
    st.caption(t("xlsx_ready", lang, n=fmt_number(total, lang),
                 mb=fmt_number(len(data) / 1e6, lang, decimals=1)))  # fmt: skip


def _points(chart_key: str) -> Sequence[dict]:
    event = st.session_state.get(chart_key)
    try:
        return event["selection"]["points"] or []  # type: ignore[index]
    except (KeyError, TypeError):
        return []


def on_bar_select(chart_key: str, filter_key: str) -> None:
    """Callback: a click on a bar whose customdata is a code sets that filter."""
    for point in _points(chart_key):
        value = point.get("customdata")
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, str) and value:  # "" is a row of no code (e.g. national)
            state.set_filter(filter_key, [value])
            if filter_key == state.K_PROVINCE:
                state.set_filter(state.K_COMMUNE, [])
            return


def month_bounds(value: str, grain: str) -> tuple[dt.date, dt.date] | None:
    try:
        day = pd.Timestamp(value).date()
    except (ValueError, TypeError):
        return None
    if grain == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    return start, start.replace(day=calendar.monthrange(start.year, start.month)[1])


def on_period_select(chart_key: str, grain: str) -> None:
    """Callback: a click on a period of a timeline sets the date filter to that period."""
    for point in _points(chart_key):
        bounds = month_bounds(point.get("x"), grain)
        if bounds:
            state.set_filter(state.K_FROM, bounds[0])
            state.set_filter(state.K_TO, bounds[1])
            return


def counting_notes(kpis: pd.Series, lang: str) -> None:
    """What the headline numbers include and leave out, in one line each (docs/counting.md):
    records hidden by the era toggle, undated visits, national-scope issues."""
    notes = []
    if int(kpis["before_visit_count"]) > 0:
        notes.append(t("hidden_before", lang, n=fmt_number(int(kpis["before_visit_count"]), lang)))
    if int(kpis["undated_visit_count"]) > 0:
        notes.append(t("undated_note", lang, n=fmt_number(int(kpis["undated_visit_count"]), lang)))
    if int(kpis["national_issue_count"]) > 0:
        notes.append(
            t("national_note", lang, n=fmt_number(int(kpis["national_issue_count"]), lang))
        )
    if notes:
        st.caption("  \n".join(notes))


# Streamlit's main column starts ~6rem below the top navigation and sets a page title at
# 2.75rem: on a 900 px laptop screen that pushes a leader's answer below the fold. A
# constant style sheet, no user text.
_PAGE_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:4.25rem;padding-bottom:2rem}"
    "[data-testid='stMainBlockContainer'] h1{font-size:2.1rem;padding:0.25rem 0 0.5rem}</style>"
)


def page_style() -> None:
    st.html(_PAGE_CSS)


def category_agency_table(links: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The Kiến nghị page's difficulty -> agency -> status rows, labelled in the UI language
    ("chưa gắn nhóm" / "chưa giao" where the proposal names none)."""
    label = links["label_vi" if lang == "vi" else "label_en"]
    agency = links["agency_name" if lang == "vi" else "agency_name_en"]
    return pd.DataFrame(
        {
            t("col_category", lang): label.where(label.notna(), t("no_category", lang)),
            t("col_agency", lang): agency.where(agency.notna(), t("unassigned", lang)),
            t("proposals", lang): links["proposal_count"].astype(int),
            t("col_open", lang): links["open_count"].astype(int),
            t("col_resolved", lang): links["resolved_count"].astype(int),
            t("col_overdue", lang): links["overdue_count"].astype(int),
        }
    )


def hotspot_table(hotspots: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The overview's "where each difficulty is and who is to fix it" rows, labelled, as text
    in the UI's number format (a static table: nothing to sort)."""
    return pd.DataFrame(
        {
            t("col_category", lang): hotspots["label_vi" if lang == "vi" else "label_en"],
            t("issues", lang): [fmt_number(int(n), lang) for n in hotspots["issue_count"]],
            t("col_top_provinces", lang): [fmt_ranked(x, lang) for x in hotspots["top_provinces"]],
            t("col_top_communes", lang): [fmt_ranked(x, lang) for x in hotspots["top_communes"]],
            t("col_top_agencies", lang): [fmt_ranked(x, lang) for x in hotspots["top_agencies"]],
        }
    )
