"""Phân loại: category × province heatmap (counts or share), co-occurrence, evidence."""

import streamlit as st

from vuongmac.charts import PHONE_TEXT_COLUMNS, heatmap_figure
from vuongmac.codebook import category_label, load_codebook
from vuongmac.fmt import fmt_date
from vuongmac.ui import components, state, views
from vuongmac.ui.i18n import t
from vuongmac.ui.maps import on_phone
from vuongmac.ui.safe import md
from vuongmac.ui.sidebar import render_figure

ctx = state.context()
lang = ctx.lang
st.title(t("page_categories", lang))

matrix = state.filtered("category_province_matrix", ctx)
if matrix.empty:
    state.no_data(lang)
    st.stop()

st.subheader(t("heatmap", lang))
mode = st.segmented_control(
    t("heatmap", lang), options=["counts", "share"], **views.bind(views.HEAT),
    format_func=lambda m: t("heat_counts" if m == "counts" else "heat_share", lang),
    label_visibility="collapsed",
) or "counts"  # fmt: skip
cats = [c.category_id for c in load_codebook() if c.category_id in set(matrix["category_id"])]
provinces = (
    matrix.groupby("province_name")["issue_count"].sum().sort_values(ascending=False).index.tolist()
)
# provinces are the rows (up to 34, most issues first: the height grows with them),
# categories the columns, in the codebook's order
pivot = matrix.pivot_table(
    index="province_name", columns="category_id", values="issue_count", fill_value=0
)
pivot = pivot.reindex(index=provinces, columns=cats, fill_value=0)
if mode == "share":  # each province's row adds up to 100%
    pivot = pivot.div(pivot.sum(axis=1).where(lambda s: s > 0, 1), axis=0) * 100
phone = on_phone()
render_figure(
    heatmap_figure(pivot.values.tolist(), [category_label(c, lang) for c in cats], provinces,
                   t("heat_share" if mode == "share" else "issue_count", lang),
                   percent=mode == "share", lang=lang, phone=phone),
    "chart_heatmap",
)  # fmt: skip
if phone and len(cats) > PHONE_TEXT_COLUMNS:
    st.caption(t("heat_tap", lang))

st.subheader(t("cooccurrence", lang))
pairs = state.filtered("category_cooccurrence", ctx)
if pairs.empty:
    st.caption(t("no_data", lang))
else:
    present = [c for c in cats if c in set(pairs["category_a"]) | set(pairs["category_b"])]
    grid = [[0.0] * len(present) for _ in present]
    index = {c: i for i, c in enumerate(present)}
    for a, b, n in pairs[["category_a", "category_b", "visit_count"]].itertuples(index=False):
        grid[index[a]][index[b]] = grid[index[b]][index[a]] = float(n)
    labels = [category_label(c, lang) for c in present]
    render_figure(
        heatmap_figure(grid, labels, labels, t("col_visits", lang), lang=lang, phone=phone),
        "chart_cooccurrence",
    )
    if phone and len(labels) > PHONE_TEXT_COLUMNS:
        st.caption(t("heat_tap", lang))

st.subheader(t("evidence_for", lang))
options = [c.category_id for c in load_codebook() if c.category_id in set(matrix["category_id"])]
default = (
    ctx.filters.categories[0]
    if ctx.filters.categories and ctx.filters.categories[0] in options
    else options[0]
)
chosen = st.selectbox(t("choose_category", lang), options, format_func=lambda c: category_label(c, lang),
                      placeholder=t("choose_placeholder", lang),
                      **views.bind(views.EVIDENCE_CATEGORY, options, fallback=default))  # fmt: skip
evidence_query = {**ctx.filters.query_params(), "categories": [chosen], "search": None}
rows = state.run_query("issue_table", **evidence_query, row_limit=100)
for row in rows.itertuples(index=False):
    with st.container(border=True):
        st.caption(
            f"{fmt_date(row.visit_date, lang, row.date_precision)} · {md(row.province_name)} · {md(row.places)}"
        )
        st.text(row.evidence)
total = int(rows["total_rows"].iloc[0]) if len(rows) else 0
fetch_all = state.fetcher("issue_table", **evidence_query, row_limit=None)
components.render_exports(ctx, f"trich-dan-{chosen}", t("evidence_for", lang), fetch_all, total,
                         page_filters=[(t("choose_category", lang), category_label(chosen, lang))])  # fmt: skip
