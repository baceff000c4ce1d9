"""Vướng mắc: accent-insensitive search, sortable table, drill-down to the whole visit,
CSV/XLSX of exactly the filtered rows."""

import streamlit as st

from vuongmac.fmt import MISSING, fmt_date, fmt_number
from vuongmac.ui import components, state, views
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md, safe_url

ctx = state.context()
lang = ctx.lang
st.title(t("page_issues", lang))

DISPLAY_ROWS = 1000  # the browser gets a page of rows; exports get them all

st.text_input(
    t("search", lang), help=t("search_help", lang), max_chars=views.MAX_TEXT,
    **views.bind(views.SEARCH),
)  # fmt: skip
search = views.value(views.SEARCH) or ""
query = {**ctx.filters.query_params(), "search": search or None}
rows = state.run_query("issue_table", **query, row_limit=DISPLAY_ROWS)
total = int(rows["total_rows"].iloc[0]) if len(rows) else 0
st.caption(t("rows_shown", lang, n=fmt_number(total, lang)))
if rows.empty:
    state.no_data(lang)
    st.stop()
if total > len(rows):
    st.caption(t("rows_of", lang, shown=fmt_number(len(rows), lang), total=fmt_number(total, lang)))

label = "label_vi" if lang == "vi" else "label_en"
table = rows.assign(
    source_url=rows["source_url"].map(safe_url),
    date=[
        fmt_date(d, lang, p)
        for d, p in zip(rows["visit_date"], rows["date_precision"], strict=True)
    ],
)[["date", "province_name", "places", label, "evidence", "source_count", "source_title",
   "source_url"]]  # fmt: skip
table.columns = [
    t("col_date", lang), t("col_province", lang), t("col_places", lang), t("col_category", lang),
    t("col_evidence", lang), t("col_corroborations", lang), t("col_source", lang), t("col_link", lang),
]  # fmt: skip
st.caption(t("select_row_hint", lang))
visit_ids = tuple(rows["visit_id"])  # row -> visit, for the selection callback
st.dataframe(
    placeholder=MISSING,
    data=table,
    hide_index=True,
    width="stretch",
    key="issue_table",
    on_select=lambda: views.select_row(views.OPEN_VISIT, "issue_table", visit_ids),
    selection_mode="single-row",
    column_config={
        t("col_link", lang): st.column_config.LinkColumn(display_text="🔗", validate=r"^https?://"),
        t("col_evidence", lang): st.column_config.TextColumn(width="large"),
    },
)
fetch_all = state.fetcher("issue_table", **query, row_limit=None)
components.render_exports(
    ctx, "vuong-mac", t("page_issues", lang), fetch_all, total,
    page_filters=[(t("search", lang), search)],
)  # fmt: skip

visit_id = views.value(views.OPEN_VISIT)  # a selected row, or the visit a link opened
if visit_id:
    detail = state.run_query("visit_detail", visit_id=visit_id)
    if not detail.empty:
        v = detail.iloc[0]
        with st.container(border=True, key="visit_detail"):
            st.subheader(t("visit_detail", lang))
            when = fmt_date(v["visit_date"], lang, v["date_precision"])
            where = [md(x) for x in (v["province_name"], v["places"]) if state.present(x)]
            st.markdown(" · ".join([f"**{when}**", *where]))
            if state.present(v["places_as_written"]):
                st.caption(f"{t('col_as_written', lang)}: {md(v['places_as_written'])}")
            if v["era"] == "before":
                st.caption(t("era_before", lang))
            lead = ", ".join(x for x in (v["lead_official"], v["lead_title"]) if state.present(x))
            if lead:
                st.caption(f"{t('lead', lang)}: {md(lead)}")
            if state.present(v["body"]):
                st.caption(f"{t('body', lang)}: {md(v['body'])}")
            st.markdown(f"**{t('issues', lang)}**")
            for i in state.run_query("visit_issues", visit_id=visit_id).itertuples(index=False):
                place = f" ({i.commune_name})" if state.present(i.commune_name) else ""
                seen = (
                    f" [{t('col_corroborations', lang)}: {i.source_count}]"
                    if i.source_count > 1
                    else ""
                )
                st.text(f"• {getattr(i, label)}{place}: {i.evidence}{seen}")
            proposals = state.run_query("visit_proposals", visit_id=visit_id)
            if not proposals.empty:
                st.markdown(f"**{t('proposals', lang)}**")
                for p in proposals.itertuples(index=False):
                    agency = f" → {p.assigned_agency}" if state.present(p.assigned_agency) else ""
                    if (
                        state.present(p.agency_as_written)
                        and p.agency_as_written != p.assigned_agency
                    ):
                        agency += f" ({p.agency_as_written})"
                    st.text(f"• {p.text}{agency} [{t('status_' + p.status, lang)}]")
            st.markdown(f"**{t('sources', lang)}**")
            for s in state.run_query("visit_sources", visit_id=visit_id).itertuples(index=False):
                if url := safe_url(s.url):
                    st.link_button(md(s.title), url, type="tertiary", icon=":material/open_in_new:")
                else:
                    st.text(s.title)
                if s.quote_only:
                    st.caption(t("quote_only", lang))
