"""The HTTP edge: Starlette middleware and start-up work around Streamlit's ASGI app
(``serve.py``). No Streamlit script code here; pages register what this layer needs to know
(which sessions may upload) through :mod:`vuongmac.web.uploads`."""
