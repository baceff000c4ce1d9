"""Cách đếm: how every number on the dashboard is counted (docs/counting.md)."""

import streamlit as st

from vuongmac.counting import counting_text
from vuongmac.ui import state
from vuongmac.ui.i18n import t

ctx = state.context()
st.title(t("page_counting", ctx.lang))
body = counting_text(ctx.lang).split("\n", 1)  # the section's own "## …" heading is the title
st.markdown(body[1] if len(body) > 1 else body[0])  # our own document: trusted markdown
