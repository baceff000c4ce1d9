"""Curator sign-in: st.login (OIDC) when configured, else accounts in secrets.toml."""

from __future__ import annotations

import logging

import streamlit as st

from vuongmac.auth import StoreLockout, check_login, oidc_curator
from vuongmac.config import data_paths
from vuongmac.ui.i18n import t
from vuongmac.web import uploads

K_CURATOR = "_curator"
_log = logging.getLogger(__name__)


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
    return read_section(st.secrets, name)[0]


def read_section(secrets: object, name: str) -> tuple[dict, bool]:
    """(the section, whether the secrets file is malformed). No file means no section;
    a file that does not parse is said so (it used to mean "no accounts", silently)."""
    try:
        return dict(secrets.get(name, {})), False  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 (Streamlit raises one type for both cases)
        malformed = "pars" in str(exc).lower()
        if malformed:
            _log.warning("secrets file cannot be parsed: %s", exc)
        return {}, malformed


def secrets_malformed() -> bool:
    return read_section(st.secrets, "curators")[1]


def _oidc_configured() -> bool:
    return bool(_secrets_section("auth"))


def current() -> str | None:
    """The signed-in curator's name, or None for a reader."""
    if _oidc_configured():
        try:
            if st.user.is_logged_in:
                allowed = _secrets_section("curation").get("emails", [])
                return oidc_curator(st.user.to_dict(), allowed)
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
                if session := _session_id():
                    uploads.revoke(session)
                st.rerun()
            return
        if _oidc_configured():
            if st.button(t("sign_in", lang), key="oidc_login"):
                st.login()
            return
        accounts = _secrets_section("curators")
        if not accounts:
            st.caption(t("secrets_malformed" if secrets_malformed() else "no_curators", lang))
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


def _session_id() -> str | None:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else None


def require(lang: str) -> str:
    """Stop the page unless a curator is signed in (readers never see drafts). A curator's
    session may upload files from here on (``vuongmac.web.uploads``); no other may."""
    user = current()
    session = _session_id()
    if not user:
        if session:
            uploads.revoke(session)
        st.error(t("curators_only", lang))
        st.stop()
    if session:
        uploads.allow(session)
    return user
