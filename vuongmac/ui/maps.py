"""Map page state: level toggle, map data, geometry URLs and click-to-filter."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vuongmac.charts.maps import MapLayers, place_labels
from vuongmac.geo.serve import (
    island_units,
    label_points,
    layer_path,
    read_layer,
    static_geojson_url,
)
from vuongmac.text import vi_sort_key
from vuongmac.ui import state, views
from vuongmac.ui.i18n import t

_LAYER = {"commune": "communes", "province": "provinces"}


@st.cache_resource(show_spinner=False)
def _geojson_url(layer: str, version: float) -> str:
    del version  # cache key: the layer file's modification time
    return static_geojson_url(layer)


def geojson_url(level: str) -> str | None:
    path = layer_path(_LAYER[level])
    if not path.is_file():
        return None
    return _geojson_url(_LAYER[level], path.stat().st_mtime)


@st.cache_resource(show_spinner=False)
def _official(layer: str, version: float) -> bool:
    del version
    return bool((read_layer(layer)["source"] == "official").all())


def is_official(level: str) -> bool:
    path = layer_path(_LAYER[level])
    return path.is_file() and _official(_LAYER[level], path.stat().st_mtime)


@st.cache_resource(show_spinner=False)
def _shapes(layer: str, version: float) -> dict:
    del version
    from vuongmac.geo.serve import to_geojson

    return to_geojson(read_layer(layer), clockwise=False)


@st.cache_resource(show_spinner=False)
def _label_points(version: float) -> pd.DataFrame:
    del version
    return label_points(read_layer("provinces"))


@st.cache_resource(show_spinner=False)
def _islands(version: float) -> pd.DataFrame:
    del version
    return island_units(read_layer("communes"))


# A national map fills about 460 px for Vietnam's 13.7 degrees of longitude (mainland to
# Trường Sa) on a laptop, about 300 px on a phone: the scales province labels are
# decluttered at.
NATIONAL_PX_PER_DEGREE = 33.0
PHONE_PX_PER_DEGREE = 21.0
MAP_HEIGHT, PHONE_MAP_HEIGHT = 640, 460


def on_phone() -> bool:
    """A phone browser (its user agent says "Mobile"): the map is drawn shorter, with fewer
    labels. The server cannot see the screen's width; this is the header browsers send."""
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except (AttributeError, RuntimeError):
        return False
    return "Mobile" in agent


def layers(province_codes: tuple[str, ...], phone: bool = False) -> MapLayers:
    """Province outlines over the communes, province labels on the national view, and the
    Hoàng Sa / Trường Sa markers."""
    provinces, communes = layer_path("provinces"), layer_path("communes")
    if not provinces.is_file() or not communes.is_file():
        return MapLayers()
    points = _label_points(provinces.stat().st_mtime)
    scale = PHONE_PX_PER_DEGREE if phone else NATIONAL_PX_PER_DEGREE
    return MapLayers(
        outline_url=geojson_url("province"),
        outline_codes=province_codes or tuple(points["code"]),
        province_labels=None if province_codes else place_labels(points, scale),
        islands=_islands(communes.stat().st_mtime),
    )


def values_geojson(level: str, data: pd.DataFrame, metric: str) -> bytes:
    """The map's polygons with the values shown, for the GeoJSON export."""
    from vuongmac.exports import map_values_geojson

    path = layer_path(_LAYER[level])
    return map_values_geojson(_shapes(_LAYER[level], path.stat().st_mtime), data, metric)


def map_data(ctx: state.PageContext, level: str, share_category: str | None) -> pd.DataFrame:
    f = ctx.filters
    common = {
        "categories": list(f.categories),
        "date_from": f.date_from,
        "date_to": f.date_to,
        "eras": list(f.eras),
        "share_category": share_category,
    }
    if level == "commune":
        return state.run_query("map_communes", province_codes=list(f.province_codes), **common)
    return state.run_query("map_provinces", commune_codes=list(f.commune_codes), **common)


def clicked_location(event: object) -> str | None:
    """The location id of a click event (a dict from Streamlit or from a test)."""
    try:
        points = event["selection"]["points"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for point in points or []:
        if not isinstance(point, dict):
            continue
        location = point.get("location")
        if isinstance(location, str):
            return location
        custom = point.get("customdata")  # an island marker: its unit's code comes last
        if isinstance(custom, list | tuple) and custom and isinstance(custom[-1], str):
            return custom[-1]
    return None


def on_map_select() -> None:
    """Callback: a click on a region toggles it as the commune (or province) filter."""
    location = clicked_location(st.session_state.get("map_chart"))
    if location is None:
        return
    if views.value(views.MAP_LEVEL) == "commune":
        current = state.filters_from_widgets().commune_codes
        state.set_filter(state.K_COMMUNE, [] if current == (location,) else [location])
    else:  # a province: filter to it and zoom to its communes
        state.set_filter(state.K_PROVINCE, [location])
        state.set_filter(state.K_COMMUNE, [])
        views.set_value(views.MAP_LEVEL, "commune")


def unvisited(communes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The communes of the map's data with no working visit in the two-tier era, in
    Vietnamese dictionary order by province then name, with headers in the UI language."""
    rows = communes.loc[
        ~communes["visited_two_tier"].astype(bool), ["province_name", "name", "code"]
    ]
    rows = rows.sort_values(
        ["province_name", "name"], key=lambda col: col.map(vi_sort_key), ignore_index=True
    )
    return rows.rename(
        columns={
            "province_name": t("col_province", lang),
            "name": t("col_commune", lang),
            "code": t("col_admin_code", lang),
        }  # fmt: skip
    )


def render_unvisited(
    ctx: state.PageContext,
    communes: pd.DataFrame,
    *,
    height: int,
    as_subheader: bool,
    exportable: bool,
) -> None:
    """The communes with no working visit (the map's coverage metric, the overview's switch):
    a count heading, the sortable list, its note, and its exports where asked."""
    from vuongmac.fmt import MISSING, fmt_number
    from vuongmac.ui import components

    lang = ctx.lang
    table = unvisited(communes, lang)
    heading = f"{t('unvisited_title', lang)} ({fmt_number(len(table), lang)})"
    st.subheader(heading) if as_subheader else st.markdown(f"**{heading}**")
    if table.empty:
        st.success(t("all_visited", lang), icon=":material/check_circle:")
        return
    st.dataframe(table, hide_index=True, width="stretch", height=height, placeholder=MISSING)
    st.caption(t("unvisited_note", lang))
    if exportable:
        components.render_exports(ctx, "xa-chua-co-doan", t("unvisited_title", lang),
                                  lambda: table, len(table))  # fmt: skip
