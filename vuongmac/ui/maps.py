"""Map page state: level toggle, map data, geometry URLs and click-to-filter."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from vuongmac.geo.serve import layer_path, read_layer, static_geojson_url
from vuongmac.ui import state

K_LEVEL = "map_level"
_LAYER = {"commune": "communes", "province": "provinces"}


def bind_level() -> dict[str, object]:
    """The level control can be deselected; keep the last level instead."""
    if st.session_state.get(K_LEVEL) is None:
        st.session_state[K_LEVEL] = st.session_state.get("_map_level", "commune")
    st.session_state["_map_level"] = st.session_state[K_LEVEL]
    return {"key": K_LEVEL}


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
        location = point.get("location") if isinstance(point, dict) else None
        if isinstance(location, str):
            return location
    return None


def on_map_select() -> None:
    """Callback: a click on a region toggles it as the commune (or province) filter."""
    location = clicked_location(st.session_state.get("map_chart"))
    if location is None:
        return
    if st.session_state.get(K_LEVEL, "commune") == "commune":
        current = state.filters_from_widgets().commune_codes
        state.set_filter(state.K_COMMUNE, [] if current == (location,) else [location])
    else:
        current = state.filters_from_widgets().province_codes
        state.set_filter(state.K_PROVINCE, [] if current == (location,) else [location])
        state.set_filter(state.K_COMMUNE, [])
