"""Streamlit's frontend in the reader's language: the page script and one bundle patch.

Streamlit has no locale setting. Its frontend formats dates (the date picker's months and
first weekday) by ``navigator.language`` and writes a few dozen fixed English strings
(aria labels, tooltips, "No results"). Every page document therefore carries
``client.js`` (inline, before the bundles), which makes the browser's locale the UI
language's and translates the fixed strings from ``streamlit_strings.json`` (data, not
code), and put them back in English mode.

The pickers' search does not fold accents (Streamlit matches the typed letters as they
are: "nghe an" finds nothing). One patch to the bundle that filters select options makes
an unaccented query call ``window.__vmFilter`` (in ``client.js``). The patch is a regular
expression over the minified source; when a Streamlit upgrade changes that code the patch
no longer applies, the pickers fall back to Streamlit's matching, and
``tests/test_web.py`` fails on the installed build until the expression is updated.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent


@cache
def strings() -> dict:
    """The translation table (``streamlit_strings.json``)."""
    data = json.loads((HERE / "streamlit_strings.json").read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


@cache
def page_script() -> bytes:
    """The ``<script>`` element every page document carries."""
    code = (HERE / "client.js").read_text(encoding="utf-8")
    table = json.dumps(strings(), ensure_ascii=False).replace("</", "<\\/")
    return f"<script>{code.replace('__VM_STRINGS__', table)}</script>".encode()


@dataclass(frozen=True)
class Patch:
    chunk: str  # the bundle's name before its content hash
    pattern: re.Pattern[bytes]
    replacement: bytes
    why: str


# The options filter shared by st.selectbox and st.multiselect:
#   function Sn(e,t,n){if(!t||n===a.SelectWidgetFilterMode.FILTER_MODE_NONE)return e;...
# (options, query, mode). We add: an unaccented query is matched by __vmFilter.
PATCHES = (
    Patch(
        chunk="useSyncComboBoxEnterTargetFocus",
        pattern=re.compile(
            rb"(function \w+\((\w+),(\w+),(\w+)\)\{if\(!\3\|\|\4===\w+\."
            rb"SelectWidgetFilterMode\.FILTER_MODE_NONE\)return \2;)"
        ),
        replacement=rb"\1if(window.__vmFilter){let r=window.__vmFilter(\2,\3);if(r)return r}",
        why="pickers fold accents for an unaccented query",
    ),
)


def chunk_name(path: str) -> str:
    """``/static/js/Multiselect.DBsRqIhx.js`` -> ``Multiselect``."""
    name = path.rsplit("/", 1)[-1]
    return name.split(".", 1)[0]


def patch_bundle(path: str, body: bytes) -> bytes:
    """``body`` of the static file at ``path`` with the patches that are for it applied."""
    if not path.endswith(".js"):
        return body
    name = chunk_name(path)
    for patch in PATCHES:
        if patch.chunk == name:
            body = patch.pattern.sub(patch.replacement, body, count=1)
    return body


def unapplied(static: Path) -> list[str]:
    """The patches that do not apply to the frontend build in ``static`` (for the tests)."""
    missing = []
    for patch in PATCHES:
        files = sorted((static / "js").glob(f"{patch.chunk}.*.js"))
        if not files or not any(patch.pattern.search(f.read_bytes()) for f in files):
            missing.append(f"{patch.chunk}: {patch.why}")
    return missing
