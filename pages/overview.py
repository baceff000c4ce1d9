"""Tổng quan: KPIs (with change vs the previous period), summary, categories, provinces,
issues over time and the latest visits. Bars and months are clickable filters."""

import datetime as dt
from dataclasses import replace

import streamlit as st
from pandas import isna

from vuongmac.analysis import overview_summary, pct_change, previous_period
from vuongmac.charts import category_bar_figure, monthly_issues_figure, ranked_bar_figure
from vuongmac.fmt import fmt_date, fmt_number
from vuongmac.periods import today_vn
from vuongmac.ui import components, maps, state, views
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md, safe_url
from vuongmac.ui.sidebar import render_figure

ctx = state.context()
lang = ctx.lang
f = ctx.filters
st.title(t("page_overview", lang))

kpis = state.filtered("kpis", ctx).iloc[0]
previous = None
if f.date_from and f.date_to:
    prev_from, prev_to = previous_period(f.date_from, f.date_to)
    previous = state.run_query(
        "kpis", **replace(f, date_from=prev_from, date_to=prev_to).query_params()
    ).iloc[0]

columns = st.columns(5)
for col, (key, label) in zip(
    columns,
    [("visit_count", "visits"), ("commune_count", "communes_visited"), ("issue_count", "issues"),
     ("proposal_count", "proposals"), ("source_count", "sources")],
    strict=True,
):  # fmt: skip
    value = int(kpis[key])
    delta = None
    if previous is not None:
        change = pct_change(value, int(previous[key]))
        delta = (
            f"{'+' if value >= previous[key] else ''}{fmt_number(value - int(previous[key]), lang)}"
            + (f" ({fmt_number(change, lang)}%)" if change is not None else "")
            + f" {t('vs_previous', lang)}"
        )
    col.metric(t(label, lang), fmt_number(value, lang), delta=delta,
               help=t("coverage_help", lang) if key == "commune_count" else None)  # fmt: skip
components.counting_notes(kpis, lang)


def summary() -> None:
    """The last 30 days of data (or the chosen period) in one paragraph."""
    bounds = state.run_query("date_bounds").iloc[0]
    if f.date_from and f.date_to:
        period_from, period_to = f.date_from, f.date_to
    else:
        last_data = bounds["last_date"]
        last = f.date_to or (
            last_data.date()
            if hasattr(last_data, "date") and not isna(last_data)
            else dt.date.today()
        )
        period_from, period_to = last - dt.timedelta(days=29), last
    period = replace(f, date_from=period_from, date_to=period_to)
    pk = state.run_query("kpis", **period.query_params()).iloc[0]
    top = state.run_query("issues_by_category", **period.query_params())
    # A period that runs on past today ("quý này") is told up to today: nothing later is known.
    told_to = min(period_to, max(period_from, today_vn()))
    st.info(
        overview_summary(lang, (told_to - period_from).days + 1, int(pk["visit_count"]),
                         int(pk["commune_count"]), int(pk["issue_count"]), top, told_to),
        icon=":material/summarize:",
    )  # fmt: skip


if kpis["issue_count"] == 0:
    summary()  # "no working visit in these 63 days" is itself the answer
    state.no_data(lang)
    st.stop()

# The leader's answers first. Left: where each difficulty is and who is to fix it (a static
# table: its lists wrap instead of hiding behind a scroll), or, one switch away, the
# communes no working visit has reached. Right: the provinces with the most issues (click
# one to see its difficulties and agencies on the left).
HOTSPOT_ROWS = 8
side = st.segmented_control(
    t("overview_side", lang), options=["hotspots", "unvisited"],
    format_func=lambda s: t(f"side_{s}", lang), label_visibility="collapsed",
    **views.bind(views.OVERVIEW_SIDE),
) or "hotspots"  # fmt: skip
left, right = st.columns([2, 1])
with left:
    if side == "unvisited":
        maps.render_unvisited(ctx, maps.map_data(ctx, "commune", None), height=320,
                              as_subheader=False, exportable=False)  # fmt: skip
    else:
        table = components.hotspot_table(state.filtered("category_hotspots", ctx, top=2), lang)
        st.table(table.head(HOTSPOT_ROWS), hide_index=True, border="horizontal")
        if len(table) > HOTSPOT_ROWS:
            with st.expander(t("more_categories", lang, n=len(table) - HOTSPOT_ROWS)):
                st.table(table.iloc[HOTSPOT_ROWS:], hide_index=True, border="horizontal")
        st.caption(t("hotspots_note", lang))
with right:
    st.markdown(f"**{t('by_province', lang)}**")
    st.caption(t("click_bar_hint", lang))
    by_prov = state.filtered("issues_by_province", ctx).head(12)
    render_figure(
        ranked_bar_figure(by_prov["province_name"].tolist(), by_prov["issue_count"].tolist(),
                          by_prov["province_code"].fillna("").tolist(), t("issue_count", lang)),
        "chart_by_province",
        on_select=lambda: components.on_bar_select("chart_by_province", state.K_PROVINCE),
        selection_mode="points",
    )  # fmt: skip

summary()
st.subheader(t("by_category", lang))
by_cat = state.filtered("issues_by_category", ctx)
render_figure(
    category_bar_figure(by_cat, lang, t("issue_count", lang)),
    "chart_by_category",
    on_select=lambda: components.on_bar_select("chart_by_category", state.K_CATEGORY),
    selection_mode="points",
)

st.subheader(t("over_time", lang))
monthly = state.filtered("issues_by_month", ctx)
if monthly.empty:
    state.no_data(lang, "no_dated_data")
else:
    render_figure(
        monthly_issues_figure(
            monthly, lang, t("issue_count", lang), t("month", lang), t("undated", lang)
        ),
        "chart_by_month",
        on_select=lambda: components.on_period_select("chart_by_month", "month"),
        selection_mode="points",
    )

st.subheader(t("latest_visits", lang))
visits = state.filtered("latest_visits", ctx, row_limit=10)
for row in visits.itertuples(index=False):
    with st.container(border=True):
        st.markdown(
            f"**{fmt_date(row.visit_date, lang, row.date_precision)}** · {md(row.province_name)}"
            + (f" · {md(row.places)}" if state.present(row.places) else "")
            + (f" · _{t('era_before', lang)}_" if row.era == "before" else "")
        )
        lead = ", ".join(x for x in (row.lead_official, row.lead_title) if state.present(x))
        if lead:
            st.caption(f"{t('lead', lang)}: {md(lead)}")
        st.caption(
            f"{t('issues', lang)}: {row.issue_count} · {t('sources', lang)}: {md(row.source_titles) or '–'}"
        )
        if url := safe_url(row.source_url):
            st.link_button(
                t("col_source", lang),
                url,
                type="tertiary",
                icon=":material/open_in_new:",
            )
