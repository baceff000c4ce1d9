"""Tổng quan: KPIs, issues by category, issues over time."""

import streamlit as st

from vuongmac.charts import category_bar_figure, monthly_issues_figure
from vuongmac.ui import state
from vuongmac.ui.i18n import t
from vuongmac.ui.sidebar import kpi_row, render_figure

ctx = state.context()
lang = ctx.lang
st.title(t("page_overview", lang))

kpis = state.filtered("kpis", ctx).iloc[0]
kpi_row(
    [
        (t("visits", lang), int(kpis["visit_count"])),
        (t("communes_visited", lang), int(kpis["commune_count"])),
        (t("issues", lang), int(kpis["issue_count"])),
        (t("proposals", lang), int(kpis["proposal_count"])),
        (t("sources", lang), int(kpis["source_count"])),
    ],
    lang,
)

if kpis["issue_count"] == 0:
    state.no_data(lang)
    st.stop()

st.subheader(t("by_category", lang))
by_cat = state.filtered("issues_by_category", ctx)
render_figure(category_bar_figure(by_cat, lang, t("issue_count", lang)), "chart_by_category")

st.subheader(t("over_time", lang))
monthly = state.filtered("issues_by_month", ctx)
if monthly.empty:
    state.no_data(lang, "no_dated_data")
else:
    render_figure(
        monthly_issues_figure(monthly, lang, t("issue_count", lang), t("month", lang)),
        "chart_by_month",
    )
