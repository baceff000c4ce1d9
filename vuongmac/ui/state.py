"""Streamlit state: the warehouse, the one query cache, and the global filters.

- The warehouse is a process-wide resource (``st.cache_resource``); it is built on first use
  when missing or stale, under a file lock so concurrent sessions build it once.
- Query results are cached by (warehouse file, build id, query, parameters): a rebuild
  changes the build id and so invalidates every cached result at once.
- Filters live in widget state (so they survive page switches) and are mirrored into the
  URL on every run, so the address bar is always a shareable link to the current view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from vuongmac.config import DataPaths, data_paths
from vuongmac.filters import (
    P_LANG,
    Filters,
    Vocabulary,
    filters_from_url,
    language_from_url,
    with_period,
)
from vuongmac.periods import Period, parse_period, period_range, today_vn
from vuongmac.store import Store
from vuongmac.ui import views
from vuongmac.ui.i18n import t
from vuongmac.warehouse.runner import Warehouse

K_PROVINCE, K_COMMUNE, K_CATEGORY, K_FROM, K_TO, K_LANG, K_BEFORE, K_PERIOD = (
    "flt_province",
    "flt_commune",
    "flt_category",
    "flt_from",
    "flt_to",
    "lang",
    "flt_before",
    "flt_period",
)
ALL_TIME = "all"  # the period control's "Tất cả": no dates
_URL_LOADED = "_url_loaded"
_URL_NOTICES = "_url_notices"
_CONTEXT = "_page_context"


@dataclass(frozen=True, slots=True)
class PageContext:
    filters: Filters
    lang: str
    paths: DataPaths


@dataclass(frozen=True, slots=True)
class WarehouseStatus:
    warehouse: Warehouse | None
    error: str | None  # build error message, if the last build failed


@st.cache_resource(show_spinner=False)
def _open_warehouse(root: str) -> WarehouseStatus:
    """Build the warehouse if it is missing or stale, then open it read-only."""
    from vuongmac.curated import CuratedFormatError
    from vuongmac.store import StoreError
    from vuongmac.warehouse.build import BuildError, ensure_built

    paths = data_paths(root)
    error = None
    paths.root.mkdir(parents=True, exist_ok=True)
    try:
        ensure_built(paths)
    except (BuildError, StoreError, CuratedFormatError) as exc:  # a bad snapshot too
        error = str(exc)
    if not paths.warehouse.is_file():
        return WarehouseStatus(None, error)
    return WarehouseStatus(Warehouse(paths.warehouse), error)


def store() -> Store:
    """The curated store of the current data folder (one per process and URL)."""
    from vuongmac.store import open_store

    return open_store(data_paths().root)


def warehouse_status() -> WarehouseStatus:
    return _open_warehouse(str(data_paths().root))


def warehouse() -> Warehouse:
    status = warehouse_status()
    if status.warehouse is None:  # app.py stops before pages run in that case
        raise RuntimeError(status.error or "warehouse unavailable")
    return status.warehouse


def _freeze(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


@st.cache_data(show_spinner=False, max_entries=1024)
def _cached_run(db_path: str, build_id: str, name: str, params: tuple) -> pd.DataFrame:
    del db_path, build_id  # part of the cache key only
    thawed = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return warehouse().run(name, **thawed)


def run_query(name: str, **params: object) -> pd.DataFrame:
    """The only way pages get data: a named query in queries/, cached per build."""
    wh = warehouse()
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return _cached_run(str(wh.db_path), wh.build_id, name, frozen)


def fetcher(name: str, **params: object) -> Callable[[], pd.DataFrame]:
    """A deferred, uncached run of a query (for exports built on Streamlit's download thread)."""
    wh = warehouse()

    def fetch() -> pd.DataFrame:
        return wh.run(name, **params)

    return fetch


def vocabulary() -> Vocabulary:
    communes = run_query("filter_communes", province_codes=[])
    return Vocabulary(
        province_codes=set(run_query("filter_provinces")["province_code"]),
        commune_provinces=dict(
            zip(communes["commune_code"], communes["province_code"], strict=True)
        ),
        categories=set(run_query("codebook")["category_id"]),
        extra_params=frozenset(v.param for v in views.ALL),
    )


def _url_params() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


_CANON = "_canonical_filters"
_FILTER_DEFAULTS: dict[str, object] = {
    K_PROVINCE: [],
    K_COMMUNE: [],
    K_CATEGORY: [],
    K_FROM: None,
    K_TO: None,
    K_LANG: "vi",
    K_BEFORE: False,
    K_PERIOD: None,
}


def _canonical() -> dict[str, object]:
    """Filter values under a non-widget key: widget state can be dropped when a run is
    interrupted, this cannot. Widgets are seeded from it and write back through callbacks."""
    if _CANON not in st.session_state:
        st.session_state[_CANON] = dict(_FILTER_DEFAULTS)
    return st.session_state[_CANON]


def load_url_once(vocab: Vocabulary) -> None:
    """On a session's first run, set the filters from the URL."""
    if st.session_state.get(_URL_LOADED):
        return
    params = _url_params()
    filters, notices = filters_from_url(params, vocab)
    canon = _canonical()
    canon[K_PROVINCE] = list(filters.province_codes)
    canon[K_COMMUNE] = list(filters.commune_codes)
    canon[K_CATEGORY] = list(filters.categories)
    canon[K_FROM] = filters.date_from
    canon[K_TO] = filters.date_to
    canon[K_BEFORE] = filters.include_before
    canon[K_PERIOD] = filters.period
    canon[K_LANG] = language_from_url(params)
    refused = views.load(params, vocab.categories)
    if refused:
        notices.append(f"unknown value(s) ignored: {', '.join(refused)}")
    st.session_state[_URL_NOTICES] = notices
    st.session_state[_URL_LOADED] = True


def _store(key: str) -> None:
    value = st.session_state.get(key)
    if key == K_LANG and value is None:  # a segmented control can be deselected: keep the language
        return
    canon = _canonical()
    canon[key] = value
    if key in (K_FROM, K_TO):  # a date typed by hand: a range of one's own, no preset
        canon[K_PERIOD] = None


def _choose_period() -> None:
    """The period control's callback: a preset sets both dates, "Tất cả" clears them."""
    chosen = st.session_state.get(K_PERIOD)
    canon = _canonical()
    period = parse_period(chosen) if isinstance(chosen, str) else None
    if period is None:
        canon[K_PERIOD] = None
        if chosen == ALL_TIME:
            canon[K_FROM] = canon[K_TO] = None
        return
    canon[K_PERIOD] = period
    canon[K_FROM], canon[K_TO] = period_range(period, today_vn())


def bind_period() -> dict[str, object]:
    """Seed the period control: the preset in use, "Tất cả" when no dates, else nothing."""
    canon = _canonical()
    period = canon[K_PERIOD]
    if period is not None:
        value: str | None = Period(period).value
    elif canon[K_FROM] is None and canon[K_TO] is None:
        value = ALL_TIME
    else:
        value = None
    st.session_state[K_PERIOD] = value
    return {"key": K_PERIOD, "on_change": _choose_period}


def bind(key: str, allowed: Collection[str] | None = None) -> dict[str, object]:
    """Seed a filter widget from the canonical state; returns its key/on_change kwargs.

    ``allowed`` prunes values no longer among the widget's options (e.g. communes of a
    province that was just deselected)."""
    canon = _canonical()
    value = canon[key]
    if allowed is not None and isinstance(value, list):
        value = [v for v in value if v in allowed]
        canon[key] = value
    st.session_state[key] = list(value) if isinstance(value, list) else value
    return {"key": key, "on_change": _store, "args": (key,)}


def url_notices() -> list[str]:
    return st.session_state.get(_URL_NOTICES, [])


def current_lang() -> str:
    return str(_canonical()[K_LANG])


def filters_from_widgets() -> Filters:
    canon = _canonical()
    date_from: dt.date | None = canon[K_FROM]
    date_to: dt.date | None = canon[K_TO]
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    filters = Filters(
        province_codes=tuple(canon[K_PROVINCE]),
        commune_codes=tuple(canon[K_COMMUNE]),
        categories=tuple(canon[K_CATEGORY]),
        date_from=date_from,
        date_to=date_to,
        include_before=bool(canon[K_BEFORE]),
    )
    period = canon[K_PERIOD]
    # a preset is resolved on every run: a session left open over a month end moves on
    return with_period(filters, Period(period)) if period is not None else filters


def sync_url(filters: Filters, lang: str, url_path: str = "") -> None:
    """Mirror the filters, the language and the page's own views (``views``) in the URL."""
    wanted = filters.to_url()
    if lang != "vi":
        wanted[P_LANG] = [lang]
    wanted.update(views.url_values(url_path))
    if _url_params() != wanted:
        st.query_params.from_dict(wanted)


def set_filter(key: str, value: object) -> None:
    """Set one filter from a callback (chart clicks, chips); widgets follow on the next run.
    Setting a date makes the range one's own: the preset, if any, is dropped."""
    canon = _canonical()
    canon[key] = value
    if key in (K_FROM, K_TO):
        canon[K_PERIOD] = None


def clear_filters() -> None:
    """Widget callback: reset every filter but the language."""
    canon = _canonical()
    for key, default in _FILTER_DEFAULTS.items():
        if key != K_LANG:
            canon[key] = list(default) if isinstance(default, list) else default


def set_context(ctx: PageContext) -> None:
    st.session_state[_CONTEXT] = ctx


def context() -> PageContext:
    return st.session_state[_CONTEXT]


def filtered(name: str, ctx: PageContext, **extra: object) -> pd.DataFrame:
    """Run a filtered query with the page's current filters."""
    return run_query(name, **ctx.filters.query_params(), **extra)


def no_data(lang: str, key: str = "no_data") -> None:
    st.info(t(key, lang), icon="ℹ️")


def present(value: object) -> bool:
    """True for a real value; False for None, NaN/NA and empty strings (query results use all)."""
    if value is None:
        return False
    try:
        if pd.isna(value):
            return False
    except (TypeError, ValueError):  # lists and arrays
        return True
    return value != ""


@st.cache_resource(show_spinner=False)
def _rebuilder(root: str):  # noqa: ANN202
    """One debounced background rebuild per server process and data folder. The delay is
    ``VUONGMAC_REBUILD_DELAY`` seconds (default 20; 0 builds at once, as the tests do)."""
    import os

    from vuongmac.warehouse.rebuild import BackgroundRebuild

    try:
        delay = max(0.0, float(os.environ.get("VUONGMAC_REBUILD_DELAY", "20")))
    except ValueError:
        delay = 20.0
    return BackgroundRebuild(data_paths(root), delay=delay)


def rebuilder():  # noqa: ANN201
    return _rebuilder(str(data_paths().root))


def rebuild() -> str | None:
    """Ask for a rebuild after a publish (readers keep the old build until the swap). With
    no delay it waits and returns the error in plain words, or None; otherwise the build
    runs in the background and ``rebuilder().last`` tells the outcome."""
    r = rebuilder()
    r.request()
    if r.delay == 0:
        outcome = r.wait(timeout=600)
        return None if outcome is None or outcome.ok else outcome.message
    return None
