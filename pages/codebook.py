"""Bảng mã: the 14 issue categories, their definitions, cue phrases and counts."""

import streamlit as st

from vuongmac.fmt import MISSING
from vuongmac.ui import state
from vuongmac.ui.i18n import t

ctx = state.context()
lang = ctx.lang
st.title(t("page_codebook", lang))
st.caption(t("codebook_intro", lang))

# counts follow the filters (and the era toggle), like every other count (docs/counting.md)
counts = state.filtered("issues_by_category", ctx).set_index("category_id")["issue_count"]
codebook = state.run_query("codebook")
codebook = codebook.assign(issue_count=codebook["category_id"].map(counts).fillna(0).astype(int))
suffix = "vi" if lang == "vi" else "en"
table = codebook.assign(examples=codebook["examples"].map(lambda xs: "; ".join(xs)))[
    ["category_id", f"label_{suffix}", f"definition_{suffix}", "examples", "issue_count"]
]
table.columns = [
    t("col_id", lang),
    t("col_label", lang),
    t("col_definition", lang),
    t("col_examples", lang),
    t("issue_count", lang),
]
st.dataframe(placeholder=MISSING, data=table, hide_index=True, width="stretch")
