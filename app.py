"""Vướng mắc dashboard: the router and frame (served by ``streamlit run serve.py``).

Pages are thin scripts in pages/; the global filters live in the sidebar here, so they
persist across page switches and are mirrored into the URL.
"""

import streamlit as st

from vuongmac.ui import components, curator, sidebar, state
from vuongmac.ui.i18n import t

st.set_page_config(page_title="Vướng mắc", page_icon="🗺️", layout="wide")
components.page_style()

lang = state.current_lang()
status = state.warehouse_status()
if status.warehouse is None:
    # st.navigation is called on every run, this one included: a run that never calls it
    # would let Streamlit route pages/ by file name, curator scripts too
    st.navigation([st.Page(lambda: None, title="Vướng mắc", url_path="loi")], position="hidden")
    st.error(t("build_failed", lang))
    if curator.current():  # the reasons name files and records: for curators only
        st.code(status.error or "?", language=None)
    st.stop()
if status.error:
    details = f"\n\n{status.error}" if curator.current() else ""
    st.warning(f"{t('build_failed', lang)}{details}\n\n{t('serving_previous', lang)}")

ctx = sidebar.render()
# (script, title key, icon, URL path); curation pages only for a signed-in curator.
READER_PAGES = [
    ("pages/overview.py", "page_overview", "dashboard", "tong-quan"),
    ("pages/map.py", "page_map", "map", "ban-do"),
    ("pages/issues.py", "page_issues", "list_alt", "vuong-mac"),
    ("pages/timeline.py", "page_timeline", "timeline", "dong-thoi-gian"),
    ("pages/categories.py", "page_categories", "grid_on", "phan-loai"),
    ("pages/proposals.py", "page_proposals", "assignment_turned_in", "kien-nghi"),
    ("pages/sources.py", "page_sources", "source", "nguon"),
    ("pages/codebook.py", "page_codebook", "menu_book", "bang-ma"),
    ("pages/counting.py", "page_counting", "calculate", "cach-dem"),
]
CURATOR_PAGES = [
    ("pages/add_document.py", "page_add", "upload_file", "them-tai-lieu"),
    ("pages/review.py", "page_review", "fact_check", "duyet"),
    ("pages/watch.py", "page_watch", "rss_feed", "theo-doi"),
]
specs = READER_PAGES + (CURATOR_PAGES if curator.current() else [])
# "Cách đếm" is linked from every page (and opens from /cach-dem), and "Theo dõi nguồn" from
# "Thêm tài liệu" (/theo-doi); neither is listed in the menu: a longer menu folds the
# curators' pages out of sight (under Streamlit's "more").
HIDDEN = {"cach-dem", "theo-doi"}
pages = {
    path: st.Page(
        script,
        title=t(title, ctx.lang),
        icon=f":material/{icon}:",
        url_path=path,
        visibility="hidden" if path in HIDDEN else "visible",
    )  # fmt: skip
    for script, title, icon, path in specs[1:]
}
# The overview is the app's root ("/"), and also opens from its own path, /tong-quan, so a
# shared link to it works like every other page's (Streamlit serves a default page at the
# root only: the visible entry keeps a path of its own and /tong-quan is a hidden twin).
home = st.Page(READER_PAGES[0][0], title=t("page_overview", ctx.lang),
               icon=":material/dashboard:", url_path="trang-chu", default=True)  # fmt: skip
pages["tong-quan"] = st.Page(READER_PAGES[0][0], title=t("page_overview", ctx.lang),
                             url_path="tong-quan", visibility="hidden")  # fmt: skip
page = st.navigation([home, *pages.values()], position="top")
state.sync_url(ctx.filters, ctx.lang, page.url_path)  # the filters and this page's own views
if ctx.paths.is_synthetic:
    st.warning(t("synthetic_banner", ctx.lang), icon=":material/science:")
elif banner := components.dataset_banner(ctx):
    st.info(banner, icon=":material/menu_book:")
components.render_chips(ctx, how_we_count=None if page is pages["cach-dem"] else pages["cach-dem"])
page.run()
