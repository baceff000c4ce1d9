"""What ``serve.py`` hands to ``st.App``: the middleware of ``vuongmac.web`` (told where
Streamlit's frontend build is) and the start-up hook (the warm-up visit)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.middleware import Middleware

from vuongmac.web.compress import StaticCompression
from vuongmac.web.guard import Guard


def navigation_only() -> None:
    """Route every run through app.py's st.navigation. Streamlit decides once per process,
    on its first session, whether a ``pages/`` folder beside the main script is a v1
    multipage app; it then runs that first session's first run with pages routed by file
    name (curator scripts included) and shows its English "Page not found" for a link like
    /dong-thoi-gian. Deciding before any session does away with that run."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def frontend_static() -> Path:
    """The static folder of the installed Streamlit frontend (its js/ and media/)."""
    import streamlit

    return Path(streamlit.__file__).parent / "static" / "static"


def middleware() -> list[Middleware]:
    # outermost first: refuse early, then compress what is served
    return [Middleware(Guard), Middleware(StaticCompression, static=frontend_static())]


def _base_url() -> str:
    from streamlit import config

    address = config.get_option("server.address") or "127.0.0.1"
    if address in ("0.0.0.0", "::", ""):
        address = "127.0.0.1"
    port = config.get_option("server.port")
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://{address}:{port}" + (f"/{base}" if base else "")


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """Start the warm-up visit (unless ``VUONGMAC_WARM_START=0``)."""
    if os.environ.get("VUONGMAC_WARM_START", "1") != "0":
        from vuongmac.ui import warm

        warm.start(_base_url())
    yield
