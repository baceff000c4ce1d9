"""Theo dõi nguồn: the watch list (feeds, sitemaps, listing pages), each source's last run,
a run-now button, the addition of a source, and the auto-dismissed articles to restore."""

import pandas as pd
import streamlit as st

from vuongmac.extract import extract
from vuongmac.fmt import MISSING, fmt_number, fmt_timestamp
from vuongmac.ingest import watch
from vuongmac.ingest.fetch import Fetcher
from vuongmac.ui import curator, state
from vuongmac.ui.i18n import STRINGS, t
from vuongmac.ui.safe import md

who = curator.require(state.current_lang())  # readers never reach a curator script
ctx = state.context()
lang = ctx.lang
store = state.store()
st.title(t("page_watch", lang))
st.caption(t("watch_intro", lang))


def error_text(error: str) -> str:
    """'dns: name not found' -> 'Không tìm thấy tên miền (DNS): name not found'."""
    kind, _, detail = error.partition(": ")
    key = f"watch_err_{kind}"
    return f"{t(key, lang)}: {detail}" if key in STRINGS else error


sources = watch.sources(store)
if not sources:
    st.info(t("watch_empty", lang))
else:
    table = pd.DataFrame(
        {
            t("watch_on", lang): [bool(s["enabled"]) for s in sources],
            t("col_source", lang): [s["name"] for s in sources],
            t("watch_last_run", lang): [
                fmt_timestamp(s["last_run_at"], lang)
                if s["last_run_at"]
                else t("watch_never", lang)
                for s in sources
            ],
            t("watch_found", lang): [s["found"] for s in sources],
            t("watch_new", lang): [s["new"] for s in sources],
            t("watch_relevant", lang): [s["relevant"] for s in sources],
            t("watch_failed", lang): [s["failed"] for s in sources],
            t("watch_error", lang): [
                error_text(s["last_error"]) if s["last_status"] == "error" else "" for s in sources
            ],
            t("col_link", lang): [s["url"] for s in sources],
        }
    )
    edited = st.data_editor(
        table, hide_index=True, width="stretch", key="watch_table", placeholder=MISSING,
        disabled=[c for c in table.columns if c != t("watch_on", lang)],
        column_config={t("col_link", lang): st.column_config.LinkColumn(display_text="🔗")},
    )  # fmt: skip
    for source, before, after in zip(
        sources, table[t("watch_on", lang)], edited[t("watch_on", lang)], strict=True
    ):
        if bool(before) != bool(after):
            watch.set_enabled(store, source["url"], bool(after))
            st.rerun()
    names = {s["url"]: s["name"] for s in sources}
    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    chosen = col1.selectbox(
        t("watch_choose", lang), [None, *names], format_func=lambda u: names.get(u) or t("watch_all_on", lang),
        key="watch_only",
    )  # fmt: skip
    if col2.button(t("watch_run", lang), type="primary", key="watch_run"):
        with st.spinner(t("watch_running", lang)):
            try:
                found = watch.run(
                    store, ctx.paths.sources, extract, Fetcher.from_env(), only=chosen
                )
            except watch.WatchError as exc:
                st.error(str(exc))
                found = []
        # shown after a rerun, so the table above carries the run's counts too
        st.session_state["watch_results"] = (chosen, found)
        st.rerun()
    ran_only, results = st.session_state.pop("watch_results", (None, None))
    for r in results or []:
        line = t("watch_result", lang, name=md(r.name), found=fmt_number(r.found, lang),
                 new=fmt_number(r.new, lang), relevant=fmt_number(r.relevant, lang),
                 failed=fmt_number(r.failed, lang))  # fmt: skip
        (st.error if r.status == "error" else st.success)(
            line + (f" — {md(error_text(r.error))}" if r.error else "")
        )
    if results == [] and ran_only is None:
        st.warning(t("watch_none_on", lang))

with st.form("watch_add", clear_on_submit=True):
    st.markdown(f"**{t('watch_add', lang)}**")
    c1, c2 = st.columns([3, 2])
    url = c1.text_input(t("watch_url", lang), max_chars=500, key="watch_add_url")
    name = c2.text_input(t("watch_name", lang), max_chars=120, key="watch_add_name")
    if st.form_submit_button(t("watch_add_button", lang)) and url.strip():
        try:
            watch.add_source(store, url, name)
            st.success(t("watch_added", lang, url=md(url.strip())))
        except watch.WatchError as exc:
            st.error(str(exc))

st.subheader(t("watch_dismissed", lang))
dismissed = watch.items(store, "dismissed")
if not dismissed:
    st.caption(t("watch_dismissed_none", lang))
else:
    st.caption(t("watch_dismissed_help", lang))
    st.dataframe(
        pd.DataFrame({
            t("col_source", lang): [d["title"] for d in dismissed],
            t("watch_seen", lang): [fmt_timestamp(d["seen_at"], lang) for d in dismissed],
            t("col_link", lang): [d["url"] for d in dismissed],
        }),
        hide_index=True, width="stretch",
        column_config={t("col_link", lang): st.column_config.LinkColumn(display_text="🔗")},
    )  # fmt: skip
    titles = {d["url"]: d["title"] or d["url"] for d in dismissed}
    pick = st.selectbox(t("watch_restore_pick", lang), list(titles), format_func=titles.get,
                        placeholder=t("choose_placeholder", lang),
                        key="watch_restore_pick")  # fmt: skip
    if st.button(t("watch_restore", lang), key="watch_restore"):
        try:
            watch.restore(store, who, pick)
            # said after the rerun (a message before st.rerun() is never seen), which
            # also drops the restored article from the table above
            st.session_state["watch_restored"] = True
            st.rerun()
        except watch.WatchError as exc:
            st.error(str(exc))
if st.session_state.pop("watch_restored", False):
    st.success(t("watch_restored", lang))

with st.expander(t("watch_recent", lang)):
    recent = watch.items(store, limit=200)
    if recent:
        st.dataframe(
            pd.DataFrame({
                t("col_status", lang): [t(f"watch_item_{r['status']}", lang) for r in recent],
                t("col_source", lang): [r["title"] or r["url"] for r in recent],
                t("col_note", lang): [error_text(r["note"]) if r["status"] == "failed" else r["note"] for r in recent],
                t("col_link", lang): [r["url"] for r in recent],
            }),
            hide_index=True, width="stretch",
            column_config={t("col_link", lang): st.column_config.LinkColumn(display_text="🔗")},
        )  # fmt: skip
