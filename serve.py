"""The served app: ``streamlit run serve.py``.

The dashboard itself is ``app.py`` (and ``pages/``); this file puts it inside Streamlit's
ASGI app with our middleware (curators-only uploads, rate limits, security headers,
compressed static files) and a warm start. ``streamlit run app.py`` still works, without
them: use it for development only.
"""

import streamlit as st

from vuongmac.ui.serving import lifespan, middleware, navigation_only

navigation_only()
app = st.App("app.py", middleware=middleware(), lifespan=lifespan)
