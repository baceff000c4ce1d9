"""Nguồn: documents, publishers and dates, what each produced, and data quality."""

import streamlit as st

from vuongmac.fmt import MISSING, fmt_date, fmt_number
from vuongmac.ui import components, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import safe_url

ctx = state.context()
lang = ctx.lang
st.title(t("page_sources", lang))

docs = state.run_query("source_table", row_limit=500)
st.subheader(t("documents", lang))
if docs.empty:
    state.no_data(lang)
else:
    table = docs.assign(
        url=docs["url"].map(safe_url),
        publisher=docs["publisher"].where(docs["publisher"].map(state.present), "–"),
        published=[fmt_date(d, lang) if state.present(d) else "–" for d in docs["published_date"]],
        kept=[t("quote_only" if q else "text_kept", lang) for q in docs["quote_only"]],
    )[
        [
            "title",
            "publisher",
            "published",
            "language",
            "visit_count",
            "issue_count",
            "proposal_count",
            "copies",
            "kept",
            "url",
        ]
    ]
    table.columns = [
        t("col_source", lang), t("col_publisher", lang), t("col_published", lang), t("col_language", lang),
        t("col_visits", lang), t("col_issues", lang), t("col_proposals", lang), t("col_copies", lang),
        t("col_kept", lang), t("col_link", lang),
    ]  # fmt: skip
    st.dataframe(placeholder=MISSING, data=table, hide_index=True, width="stretch",
                 column_config={t("col_link", lang): st.column_config.LinkColumn(display_text="🔗")})  # fmt: skip
    total = int(docs["total_rows"].iloc[0])
    if total > len(docs):
        st.caption(
            t("rows_of", lang, shown=fmt_number(len(docs), lang), total=fmt_number(total, lang))
        )
    fetch_all = state.fetcher("source_table", row_limit=None)
    components.render_exports(ctx, "nguon", t("documents", lang), fetch_all, total)

st.subheader(t("quality", lang))
quality = state.run_query("data_quality")
cols = st.columns(3)
for i, (measure, group) in enumerate(quality.groupby("measure", sort=True)):
    with cols[i % 3]:
        st.markdown(f"**{t('measure_' + measure, lang)}**")
        for value, count in group[["value", "record_count"]].itertuples(index=False):
            key = f"value_{value}"
            shown = (
                t(key, lang)
                if key in __import__("vuongmac.ui.i18n", fromlist=["STRINGS"]).STRINGS
                else value
            )
            st.text(f"{shown}: {fmt_number(int(count), lang)}")

st.subheader(t("withdrawn", lang))
withdrawn = state.run_query("withdrawn_records")
if withdrawn.empty:
    st.caption(t("withdrawn_none", lang))
else:
    st.dataframe(placeholder=MISSING, data=withdrawn, hide_index=True, width="stretch")
    components.render_exports(
        ctx, "ban-ghi-da-rut", t("withdrawn", lang), lambda: withdrawn, len(withdrawn)
    )
