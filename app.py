"""Vướng mắc dashboard: the router and frame (run with ``streamlit run app.py``).

Pages are thin scripts in pages/; the global filters live in the sidebar here, so they
persist across page switches and are mirrored into the URL.
"""

import streamlit as st

from vuongmac.ui import components, curator, sidebar, state
from vuongmac.ui.i18n import t

st.set_page_config(page_title="Vướng mắc", page_icon="🗺️", layout="wide")

lang = state.current_lang()
status = state.warehouse_status()
if status.warehouse is None:
    st.error(t("build_failed", lang))
    st.code(status.error or "?", language=None)
    st.stop()
if status.error:
    st.warning(f"{t('build_failed', lang)}\n\n{status.error}\n\n{t('serving_previous', lang)}")

ctx = sidebar.render()
pages = [
    st.Page(
        "pages/overview.py",
        title=t("page_overview", ctx.lang),
        icon=":material/dashboard:",
        url_path="tong-quan",
        default=True,
    ),
    st.Page(
        "pages/map.py", title=t("page_map", ctx.lang), icon=":material/map:", url_path="ban-do"
    ),
    st.Page(
        "pages/issues.py",
        title=t("page_issues", ctx.lang),
        icon=":material/list_alt:",
        url_path="vuong-mac",
    ),
    st.Page(
        "pages/timeline.py",
        title=t("page_timeline", ctx.lang),
        icon=":material/timeline:",
        url_path="dong-thoi-gian",
    ),
    st.Page(
        "pages/categories.py",
        title=t("page_categories", ctx.lang),
        icon=":material/grid_on:",
        url_path="phan-loai",
    ),
    st.Page(
        "pages/proposals.py",
        title=t("page_proposals", ctx.lang),
        icon=":material/assignment_turned_in:",
        url_path="kien-nghi",
    ),
    st.Page(
        "pages/sources.py",
        title=t("page_sources", ctx.lang),
        icon=":material/source:",
        url_path="nguon",
    ),
    st.Page(
        "pages/codebook.py",
        title=t("page_codebook", ctx.lang),
        icon=":material/menu_book:",
        url_path="bang-ma",
    ),
]
if curator.current():
    pages += [
        st.Page(
            "pages/add_document.py",
            title=t("page_add", ctx.lang),
            icon=":material/upload_file:",
            url_path="them-tai-lieu",
        ),
        st.Page(
            "pages/review.py",
            title=t("page_review", ctx.lang),
            icon=":material/fact_check:",
            url_path="duyet",
        ),
    ]
page = st.navigation(pages, position="top")
if ctx.paths.is_synthetic:
    st.warning(t("synthetic_banner", ctx.lang), icon=":material/science:")
components.render_chips(ctx)
page.run()
