"""Each page's own controls, mirrored in the URL: a shared link opens the same view.

The sidebar filters have their URL form in ``vuongmac.filters``; these are the rest: the
map's level, metric and share category, the search text and the open visit, the timeline's
grain, the heatmap's mode. Like the filters they live under a non-widget key (a widget's
state is dropped when its page is not shown), are seeded into their widget on each run and
written back by its callback. ``url_values`` gives the values of the page on screen, so a
link carries only what that page shows.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import streamlit as st

from vuongmac.charts.maps import METRICS
from vuongmac.text import nfc

_CANON = "_view_values"
MAX_TEXT = 200  # the search box's own limit
RECORD_ID = re.compile(r"[a-z]-[A-Za-z0-9_.-]{1,100}")  # v-seed_000-1, v-18c9...


@dataclass(frozen=True)
class View:
    param: str  # URL name (distinct from the filters' names)
    key: str  # widget key
    default: str | None
    choices: tuple[str, ...] = ()
    kind: str = "choice"  # choice | category | text | record

    def clean(self, raw: object, categories: Collection[str]) -> str | None:
        """The value if it is one this control can show, else None (the default is used)."""
        if not isinstance(raw, str):
            return None
        if self.kind == "text":
            text = " ".join(nfc(raw).split())[:MAX_TEXT]
            return text or None
        if self.kind == "record":
            return raw if RECORD_ID.fullmatch(raw) else None
        allowed = categories if self.kind == "category" else self.choices
        return raw if raw in allowed else None


MAP_LEVEL = View("level", "map_level", "commune", ("commune", "province"))
MAP_METRIC = View("metric", "map_metric", "issue_count", METRICS)
MAP_SHARE = View("share", "map_share_category", None, kind="category")
SEARCH = View("q", "issue_search", None, kind="text")
OPEN_VISIT = View("visit", "_open_visit", None, kind="record")
GRAIN = View("grain", "timeline_grain", "month", ("month", "week"))
HEAT = View("heat", "heat_mode", "counts", ("counts", "share"))
EVIDENCE_CATEGORY = View("evidence", "evidence_category", None, kind="category")
OVERVIEW_SIDE = View("side", "overview_side", "hotspots", ("hotspots", "unvisited"))

# URL path of a page -> its views
PAGES: dict[str, tuple[View, ...]] = {
    # the overview answers at the root, at its menu entry and at /tong-quan
    "": (OVERVIEW_SIDE,),
    "trang-chu": (OVERVIEW_SIDE,),
    "tong-quan": (OVERVIEW_SIDE,),
    "ban-do": (MAP_LEVEL, MAP_METRIC, MAP_SHARE),
    "vuong-mac": (SEARCH, OPEN_VISIT),
    "dong-thoi-gian": (GRAIN,),
    "phan-loai": (HEAT, EVIDENCE_CATEGORY),
}
ALL: tuple[View, ...] = tuple(dict.fromkeys(v for views in PAGES.values() for v in views))


def _canonical() -> dict[str, str]:
    if _CANON not in st.session_state:
        st.session_state[_CANON] = {}
    return st.session_state[_CANON]


def load(params: dict[str, list[str]], categories: Collection[str]) -> list[str]:
    """On a session's first run: the views from the URL. Returns the parameters refused."""
    canon = _canonical()
    refused = []
    for view in ALL:
        values = params.get(view.param)
        if not values:
            continue
        value = view.clean(values[-1], categories)
        if value is None:
            refused.append(view.param)
        elif value != view.default:
            canon[view.param] = value
    return refused


def value(view: View) -> str | None:
    return _canonical().get(view.param, view.default)


def set_value(view: View, new: str | None) -> None:
    """From a callback (a map click, a table selection): the control follows next run."""
    canon = _canonical()
    if new is None or new == view.default:
        canon.pop(view.param, None)
    else:
        canon[view.param] = new


def _store(view: View) -> None:
    new = st.session_state.get(view.key)
    if new is None and view.default is not None and view.kind == "choice":
        # a segmented control can be deselected: keep the current choice
        st.session_state[view.key] = value(view)
        return
    if view.kind == "text" and isinstance(new, str):
        new = " ".join(nfc(new).split())[:MAX_TEXT] or None
    set_value(view, new)


def bind(
    view: View, choices: Collection[str] | None = None, fallback: str | None = None
) -> dict[str, object]:
    """Seed a control from the view's value; returns its key and callback kwargs.
    ``choices``: the options the control shows now, when they depend on the data;
    ``fallback``: what it shows when the view has no value (not written to the URL)."""
    current = value(view)
    if choices is not None and current is not None and current not in choices:
        set_value(view, None)
        current = view.default
    current = current if current is not None else fallback
    if current is not None:
        st.session_state[view.key] = current
    elif view.kind == "text":
        st.session_state[view.key] = ""
    else:
        st.session_state.pop(view.key, None)  # the control shows its own first option
    return {"key": view.key, "on_change": _store, "args": (view,)}


def select_row(view: View, table_key: str, ids: tuple[str, ...]) -> None:
    """A table's selection callback: the id of the selected row (of ``ids``, the rows shown
    when it was drawn) becomes the view's value; no selection clears it."""
    try:
        rows = st.session_state[table_key]["selection"]["rows"]
    except (KeyError, TypeError):
        rows = []
    chosen = rows[0] if rows and isinstance(rows[0], int) and 0 <= rows[0] < len(ids) else None
    set_value(view, ids[chosen] if chosen is not None else None)


def url_values(url_path: str) -> dict[str, list[str]]:
    """The URL parameters of the page at ``url_path``: its views that differ from default."""
    canon = _canonical()
    return {
        v.param: [canon[v.param]]
        for v in PAGES.get(url_path, ())
        if canon.get(v.param) not in (None, "", v.default)
    }
