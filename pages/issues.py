"""Vướng mắc: the filtered issues with their evidence and source; CSV of exactly these rows."""

import streamlit as st

from vuongmac.fmt import fmt_date, fmt_number
from vuongmac.ui import state
from vuongmac.ui.i18n import t

ctx = state.context()
lang = ctx.lang
st.title(t("page_issues", lang))

search = st.text_input(
    t("search", lang), key="issue_search", help=t("search_help", lang), max_chars=200
)
rows = state.filtered("issue_table", ctx, search=search.strip() or None)
st.caption(t("rows_shown", lang, n=fmt_number(len(rows), lang)))
if rows.empty:
    state.no_data(lang)
    st.stop()

label = "label_vi" if lang == "vi" else "label_en"
table = rows.assign(
    date=[
        fmt_date(d, lang, p)
        for d, p in zip(rows["visit_date"], rows["date_precision"], strict=True)
    ],
)[["date", "province_name", "places", label, "evidence", "source_title", "source_url"]]
table.columns = [
    t("col_date", lang),
    t("col_province", lang),
    t("col_places", lang),
    t("col_category", lang),
    t("col_evidence", lang),
    t("col_source", lang),
    t("col_link", lang),
]
st.dataframe(
    table,
    hide_index=True,
    width="stretch",
    column_config={
        t("col_link", lang): st.column_config.LinkColumn(display_text="🔗"),
        t("col_evidence", lang): st.column_config.TextColumn(width="large"),
    },
)
export = rows.drop(columns=["label_en"] if lang == "vi" else ["label_vi"])
st.download_button(
    t("download_csv", lang),
    data=export.to_csv(index=False).encode("utf-8-sig"),
    file_name="vuong-mac.csv",
    mime="text/csv",
    icon="⬇️",
)
