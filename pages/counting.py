"""Cách đếm: how every number on the dashboard is counted (docs/counting.md)."""

import streamlit as st

from vuongmac.counting import counting_text
from vuongmac.ui import state

ctx = state.context()
st.markdown(counting_text(ctx.lang))  # our own document: trusted markdown
