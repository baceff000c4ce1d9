"""Bản đồ: choropleth by commune or province; clicking a region filters the dashboard."""

import streamlit as st

from vuongmac.charts.maps import METRICS, choropleth_figure
from vuongmac.codebook import category_label
from vuongmac.fmt import MISSING, fmt_date, fmt_number
from vuongmac.geo.serve import TOPOJSON_URL
from vuongmac.ui import maps, state, views
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md, safe_url
from vuongmac.ui.sidebar import render_figure

ctx = state.context()
lang = ctx.lang
st.title(t("page_map", lang))

c1, c2, c3 = st.columns(3)
level = views.value(views.MAP_LEVEL) or "commune"
c1.segmented_control(
    t("map_level", lang),
    options=["commune", "province"],
    format_func=lambda x: t(f"level_{x}", lang),
    **views.bind(views.MAP_LEVEL),
)
metric = c2.selectbox(
    t("map_metric", lang),
    options=list(METRICS),
    format_func=lambda m: t(f"metric_{m}", lang),
    placeholder=t("choose_placeholder", lang),
    **views.bind(views.MAP_METRIC),
)
share_category = None
if metric == "category_share":
    options = state.run_query("codebook")["category_id"].tolist()
    share_category = c3.selectbox(
        t("share_category", lang),
        options=options,
        format_func=lambda c: category_label(c, lang),
        placeholder=t("choose_placeholder", lang),
        **views.bind(views.MAP_SHARE, options),
    )

geojson_url = maps.geojson_url(level)
if geojson_url is None:
    st.warning(t("no_geometry", lang))
    st.stop()

data = maps.map_data(ctx, level, share_category)
selected = ctx.filters.commune_codes if level == "commune" else ctx.filters.province_codes
labels = {
    "metric": t(f"metric_{metric}", lang),
    "issues": t("issues", lang),
    "visits": t("visits", lang),
    "per_visit": t("per_visit", lang),
    "share": t("share", lang),
    "visited": t("visited", lang),
    "not_visited": t("not_visited", lang),
    "no_data": t("no_data", lang),
    "visit_wide": t("metric_visit_wide_count", lang),
}
left, right = st.columns([3, 2])
with left:
    phone = maps.on_phone()
    fig = choropleth_figure(
        data, geojson_url, metric, level=level, labels=labels, selected=selected, lang=lang,
        layers=maps.layers(ctx.filters.province_codes, phone),
        height=maps.PHONE_MAP_HEIGHT if phone else maps.MAP_HEIGHT,
    )  # fmt: skip
    render_figure(
        fig,
        "map_chart",
        config={"topojsonURL": TOPOJSON_URL, "scrollZoom": False},
        on_select=maps.on_map_select,
        selection_mode="points",
    )
    st.download_button(
        t("download_geojson", lang),
        data=lambda: maps.values_geojson(level, data, metric),
        on_click="ignore",
        file_name=f"ban-do-{level}-{metric}.geojson",
        mime="application/geo+json",
        icon=":material/download:",
        key="map_geojson",
    )
    official = maps.is_official(level)
    st.caption(t("map_official_caption" if official else "map_caption", lang))
    if level == "commune":
        st.caption(t("commune_map_note", lang))
    visited = int(data["visited_two_tier"].sum())  # coverage: two-tier era only
    st.caption(
        t(
            f"coverage_summary_{level}",
            lang,
            visited=fmt_number(visited, lang),
            total=fmt_number(len(data), lang),
            share=f"{fmt_number(100 * visited / max(len(data), 1), lang, 1)}%",
            missing=fmt_number(len(data) - visited, lang),
        )
    )

with right:
    if metric == "coverage":  # the communes behind the coverage figure, by name
        communes = data if level == "commune" else maps.map_data(ctx, "commune", None)
        maps.render_unvisited(ctx, communes, height=420, as_subheader=True, exportable=True)
    elif selected:
        st.subheader(t("selected_issues", lang))
        rows = state.filtered("issue_table", ctx, search=None, row_limit=50)
        if rows.empty:
            state.no_data(lang)
        label = "label_vi" if lang == "vi" else "label_en"
        for row in rows.itertuples(index=False):
            with st.container(border=True):
                st.markdown(
                    f"**{md(getattr(row, label))}** · {md(row.places)} · "
                    f"{fmt_date(row.visit_date, lang, row.date_precision)}"
                )
                st.text(row.evidence)
                if url := safe_url(row.source_url):
                    st.link_button(t("col_source", lang), url, type="tertiary")
    else:
        st.subheader(t("top_places", lang))
        st.caption(t("click_hint", lang))
        top = data[data["issue_count"] > 0].sort_values("issue_count", ascending=False).head(15)
        if top.empty:
            state.no_data(lang)
        else:
            st.dataframe(
                placeholder=MISSING,
                data=top[["name", "province_name", "issue_count", "visit_count"]].rename(
                    columns={
                        "name": t("col_places", lang),
                        "province_name": t("col_province", lang),
                        "issue_count": t("issues", lang),
                        "visit_count": t("visits", lang),
                    }
                ),
                hide_index=True,
                width="stretch",
            )
