"""Kiến nghị: proposals with assigned agency and status, overdue flags, agency ranking."""

import datetime as dt

import streamlit as st

from vuongmac.charts import ranked_bar_figure
from vuongmac.codebook import category_label
from vuongmac.fmt import MISSING, fmt_date, fmt_number
from vuongmac.ui import components, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import safe_url
from vuongmac.ui.sidebar import render_figure

ctx = state.context()
lang = ctx.lang
st.title(t("page_proposals", lang))
today = dt.date.today()

rows = state.filtered("proposal_table", ctx, today=today, row_limit=1000)
if rows.empty:
    state.no_data(lang)
    st.stop()
total = int(rows["total_rows"].iloc[0])
status = state.filtered("proposals_by_status", ctx)
overview = state.filtered("proposals_by_agency", ctx, today=today, min_count=1)

c1, c2, c3 = st.columns(3)
c1.metric(t("proposals", lang), fmt_number(total, lang))
c2.metric(
    t("col_agency", lang),
    fmt_number(len(overview), lang),  # distinct agencies
    help=t("agencies_kpi_help", lang, n=fmt_number(int(overview["proposal_count"].sum()), lang)),
)
c3.metric(t("col_overdue", lang), fmt_number(int(overview["overdue_count"].sum()), lang))

# Difficulty -> agency -> status: who is to fix each kind of difficulty, and how far they are.
st.subheader(t("category_agency_title", lang))
st.caption(t("category_agency_note", lang))
links = state.filtered("proposals_by_category_agency", ctx, today=today)
link_table = components.category_agency_table(links, lang)
st.dataframe(link_table, hide_index=True, width="stretch", placeholder=MISSING,
             height=min(38 + 35 * len(link_table), 420))  # fmt: skip
components.render_exports(ctx, "kien-nghi-theo-nhom", t("category_agency_title", lang),
                          lambda: link_table, len(link_table))  # fmt: skip

left, right = st.columns(2)
with left:
    st.subheader(t("by_status", lang))
    render_figure(
        ranked_bar_figure([t(f"status_{s}", lang) for s in status["status"]], status["proposal_count"].tolist(),
                          status["status"].tolist(), t("proposals", lang), color="#4d4d4d"),
        "chart_status",
    )  # fmt: skip
with right:
    st.subheader(t("by_agency", lang))
    min_count = st.number_input(t("min_proposals", lang), min_value=1, max_value=1000, value=1, step=1,
                                key="min_proposals")  # fmt: skip
    agencies = state.filtered("proposals_by_agency", ctx, today=today, min_count=int(min_count))
    if lang != "vi":
        agencies = agencies.assign(assigned_agency=agencies["agency_name_en"])
    agencies = agencies.drop(columns=["agency_name_en"])
    if agencies.empty:
        st.caption(t("no_data", lang))
    else:
        st.dataframe(placeholder=MISSING, data=
            agencies.rename(columns={
                "assigned_agency": t("col_agency", lang), "proposal_count": t("proposals", lang),
                "open_count": t("col_open", lang), "resolved_count": t("col_resolved", lang),
                "overdue_count": t("col_overdue", lang), "resolved_share": t("col_resolved_share", lang),
            }),
            hide_index=True, width="stretch",
            column_config={t("col_resolved_share", lang): st.column_config.ProgressColumn(min_value=0, max_value=1, format="percent")},
        )  # fmt: skip

table = rows.assign(
    assigned_agency=rows["assigned_agency"] if lang == "vi" else rows["agency_name_en"],
    source_url=rows["source_url"].map(safe_url),
    date=[
        fmt_date(d, lang, p)
        for d, p in zip(rows["visit_date"], rows["date_precision"], strict=True)
    ],
    status_label=[t(f"status_{s}", lang) for s in rows["status"]],
    categories=[", ".join(category_label(c, lang) for c in ids) for ids in rows["category_ids"]],
    due=[fmt_date(d, lang) if state.present(d) else "" for d in rows["due_date"]],
)[
    [
        "date",
        "province_name",
        "places",
        "text",
        "categories",
        "assigned_agency",
        "agency_as_written",
        "status_label",
        "due",
        "overdue",
        "source_url",
    ]
]
table.columns = [
    t("col_date", lang), t("col_province", lang), t("col_places", lang), t("col_text", lang),
    t("col_category", lang), t("col_agency", lang), t("col_agency_as_written", lang), t("col_status", lang), t("col_due", lang), t("col_overdue", lang), t("col_link", lang),
]  # fmt: skip
st.dataframe(placeholder=MISSING, data=table, hide_index=True, width="stretch",
             column_config={t("col_link", lang): st.column_config.LinkColumn(display_text="🔗"),
                            t("col_text", lang): st.column_config.TextColumn(width="large")})  # fmt: skip
if total > len(rows):
    st.caption(t("rows_of", lang, shown=fmt_number(len(rows), lang), total=fmt_number(total, lang)))
fetch_all = state.fetcher(
    "proposal_table", **ctx.filters.query_params(), today=today, row_limit=None
)
components.render_exports(ctx, "kien-nghi", t("page_proposals", lang), fetch_all, total)
