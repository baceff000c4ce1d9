"""Dòng thời gian: issues per week/month stacked by category, visits over time, surges."""

import streamlit as st

from vuongmac.analysis import SURGE_MIN_BASELINE, detect_spikes
from vuongmac.charts import period_issues_figure, visits_figure
from vuongmac.codebook import category_label
from vuongmac.fmt import MISSING, fmt_date, fmt_number
from vuongmac.ui import components, state, views
from vuongmac.ui.i18n import t
from vuongmac.ui.sidebar import render_figure

ctx = state.context()
lang = ctx.lang
st.title(t("page_timeline", lang))

grain = st.segmented_control(
    t("grain", lang), options=["month", "week"], format_func=lambda g: t(f"grain_{g}", lang),
    **views.bind(views.GRAIN),
) or "month"  # fmt: skip

issues = state.filtered("issues_by_period", ctx, grain=grain)
components.counting_notes(state.filtered("kpis", ctx).iloc[0], ctx.lang)
if issues.empty:
    state.no_data(lang, "no_dated_data")
    st.stop()
spikes = detect_spikes(state.filtered("issues_by_period_province", ctx, grain=grain), grain)

st.subheader(t("issues_over_time", lang))
render_figure(
    period_issues_figure(issues, lang, t("issue_count", lang), t("period", lang), grain, spikes,
                         t("spike_hover", lang), t("undated", lang)),
    "chart_timeline",
    on_select=lambda: components.on_period_select("chart_timeline", grain),
    selection_mode="points",
)  # fmt: skip
st.caption(t("spike_rule", lang, min=fmt_number(SURGE_MIN_BASELINE, lang)))

st.subheader(t("visits_over_time", lang))
visits = state.filtered("visits_by_period", ctx, grain=grain)
render_figure(
    visits_figure(visits, t("visits", lang), t("period", lang), grain, t("undated", lang)),
    "chart_visits",
)

st.subheader(t("spikes", lang))
if not spikes:
    st.caption(t("no_spikes", lang))
else:
    st.dataframe(
        placeholder=MISSING,
        data=[
            {
                t("period", lang): fmt_date(s.period, lang, "month" if grain == "month" else "day"),
                t("col_province", lang): s.province_name,
                t("col_category", lang): category_label(s.category_id, lang),
                t("issues", lang): s.count,
                "Baseline": round(s.baseline, 1),
                "%": round(s.change_pct),
            }
            for s in spikes
        ],
        hide_index=True,
    )
