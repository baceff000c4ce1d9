"""Review page state: the queue position, the working copy of the open draft, and the edit
callbacks. Every edit is a function of ``vuongmac.review`` applied to the working copy; it
reaches the store only on "save", "publish" or "reject" (``curation.save``)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from vuongmac import curation, review
from vuongmac.ui import state

K_POS = "review_pos"  # the queue entry the reviewer is on (survives page switches)
K_ERROR = "review_edit_error"


def entry_id(entry: dict) -> str:
    return entry["visit_id"] or f"doc:{entry['source_ids'][0]}"


def remembered(ids: list[str]) -> str | None:
    """The entry to show: the one the reviewer was on, or the one after it when it left
    the queue (published, skipped), else the first."""
    if not ids:
        return None
    current = st.session_state.get(K_POS)
    if current in ids:
        return current
    order = st.session_state.get("_review_order", [])
    if current in order:  # it left the queue: go on from where it was
        after = [i for i in order[order.index(current) + 1 :] if i in ids]
        if after:
            return after[0]
    return ids[0]


def remember(ids: list[str], current: str) -> None:
    st.session_state["_review_order"] = ids
    st.session_state[K_POS] = current


def skip(ids: list[str]) -> None:
    """Callback: go to the next entry (the skipped one stays in the queue)."""
    current = st.session_state.get(K_POS)
    if current in ids:
        st.session_state[K_POS] = ids[(ids.index(current) + 1) % len(ids)]
        st.session_state["review_visit"] = st.session_state[K_POS]


def working(visit_id: str) -> review.Bundle:
    """The open draft being edited: loaded from the store, kept while its version holds."""
    paths = state.context().paths
    key = f"_wb_{visit_id}"
    stored = curation.load(state.store(), paths.sources, visit_id)
    held = st.session_state.get(key)
    if held is None or held.version != stored.version:
        st.session_state[key] = stored
    return st.session_state[key]


def set_working(bundle: review.Bundle) -> None:
    st.session_state[f"_wb_{bundle.visit['visit_id']}"] = bundle


def drop_working(visit_id: str) -> None:
    st.session_state.pop(f"_wb_{visit_id}", None)


def edit(visit_id: str, fn: Callable[..., review.Bundle], *args: object, **kwargs: object) -> None:
    """Callback: apply one review edit to the working copy; an impossible edit is shown,
    the copy stays as it was."""
    key = f"_wb_{visit_id}"
    try:
        st.session_state[key] = fn(st.session_state[key], *args, **kwargs)
    except review.EditError as exc:
        st.session_state[K_ERROR] = str(exc)


def edit_from(visit_id: str, widget: str, fn: Callable[..., review.Bundle], field: str,
              *args: object) -> None:  # fmt: skip
    """Callback of a widget: its value becomes ``field`` of the edit."""
    value = st.session_state.get(widget)
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    edit(visit_id, fn, *args, **{field: "" if value is None else value})


def edit_error() -> str | None:
    return st.session_state.pop(K_ERROR, None)
