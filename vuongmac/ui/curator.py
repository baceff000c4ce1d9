"""Curator sign-in: st.login (OIDC) when configured, else accounts in secrets.toml."""

from __future__ import annotations

import streamlit as st

from vuongmac.auth import StoreLockout, check_login
from vuongmac.config import data_paths
from vuongmac.ui.i18n import t

K_CURATOR = "_curator"


@st.cache_resource(show_spinner=False)
def _lockout(root: str) -> StoreLockout:
    """Sign-in attempts live in the curated store: they survive restarts and are shared by
    every server process (``root``: the data folder, so each dataset has its own)."""
    from vuongmac.ui import state

    return StoreLockout(state.store())


def _client() -> str:
    """The client's address as the server sees it ("unknown" when Streamlit has none)."""
    try:
        address = st.context.ip_address
    except Exception:  # noqa: BLE001 (outside a browser session)
        return "unknown"
    return address if isinstance(address, str) and address else "unknown"


def _secrets_section(name: str) -> dict:
    try:
        return dict(st.secrets.get(name, {}))
    except (FileNotFoundError, KeyError, AttributeError, Exception):  # noqa: BLE001 (no secrets file)
        return {}


def _oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def current() -> str | None:
    """The signed-in curator's name, or None for a reader."""
    if _oidc_configured():
        try:
            if st.user.is_logged_in:
                allowed = set(_secrets_section("curation").get("emails", []))
                email = getattr(st.user, "email", None)
                return email if email in allowed else None
        except Exception:  # noqa: BLE001 (st.user raises without [auth])
            return None
        return None
    return st.session_state.get(K_CURATOR)


def render_login(lang: str) -> None:
    """The sign-in box at the bottom of the sidebar (only curators need it)."""
    user = current()
    with st.expander(t("curator_signin", lang), expanded=False):
        if user:
            st.caption(t("signed_in_as", lang, user=user))
            if st.button(t("sign_out", lang), key="sign_out"):
                if _oidc_configured():
                    st.logout()
                st.session_state.pop(K_CURATOR, None)
                st.rerun()
            return
        if _oidc_configured():
            if st.button(t("sign_in", lang), key="oidc_login"):
                st.login()
            return
        accounts = _secrets_section("curators")
        if not accounts:
            st.caption(t("no_curators", lang))
            return
        with st.form("curator_login", clear_on_submit=True):
            name = st.text_input(t("username", lang), key="login_user", max_chars=100)
            password = st.text_input(
                t("password", lang), type="password", key="login_password", max_chars=200
            )
            submitted = st.form_submit_button(t("sign_in", lang), key="login_submit")
        if submitted:
            ok, reason = check_login(
                accounts, _lockout(str(data_paths().root)), name, password, client=_client()
            )
            if ok:
                st.session_state[K_CURATOR] = name.strip()
                st.rerun()
            st.error(t("login_locked" if reason == "locked" else "login_wrong", lang))


def require(lang: str) -> str:
    """Stop the page unless a curator is signed in (readers never see drafts)."""
    user = current()
    if not user:
        st.error(t("curators_only", lang))
        st.stop()
    return user
