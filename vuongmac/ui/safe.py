"""Make data-derived text and links inert in Streamlit.

Markdown-rendering elements (st.markdown, st.caption, widget labels) get escaped text;
links are only ever http(s). Nothing is rendered with unsafe_allow_html.
"""

from __future__ import annotations

import re
import urllib.parse

import pandas as pd

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def md(value: object) -> str:
    """Escape Markdown (and the HTML it could smuggle): shows the text, renders nothing."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return _MD_SPECIAL.sub(r"\\\1", str(value)).replace("\n", " ")


def safe_url(value: object) -> str | None:
    """The URL if it is an absolute http(s) address, else None (javascript:, data:, ...)."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if (
        parts.scheme.lower() not in {"http", "https"}
        or not parts.netloc
        or any(c in url for c in "\r\n\t ")
    ):
        return None
    return url
