"""The HTTP edge: pure ASGI middleware (Starlette types only) in front of Streamlit's
server. Nothing here imports Streamlit: ``vuongmac.ui.serving`` tells it where the frontend
build is, and curator pages register which sessions may upload through
:mod:`vuongmac.web.uploads`. The warm-up visit, which speaks Streamlit's protocol, is
``vuongmac.ui.warm``."""
