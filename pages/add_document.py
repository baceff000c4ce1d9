"""Thêm tài liệu: upload or paste a report; the extractor drafts its coding for review."""

import streamlit as st

from vuongmac.extract import DocMeta, extract
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.readers import DocumentError, read_bytes
from vuongmac.ingest.sandbox import read_isolated
from vuongmac.ui import curator, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md, safe_url

# Access first, before anything else runs (and whatever routed here): readers never
# reach a curator script.
who = curator.require(state.current_lang())
ctx = state.context()
lang = ctx.lang
st.title(t("page_add", lang))
st.page_link("pages/watch.py", label=t("watch_link", lang), icon=":material/rss_feed:")

files = st.file_uploader(
    t("upload", lang),
    type=["txt", "html", "htm", "docx", "pdf"],
    accept_multiple_files=True,
    key="upload_files",
)
save_uploads = st.button(
    t("extract_save", lang), key="save_uploads", disabled=not files, type="primary"
)
st.caption(t("or_paste", lang))
with st.form("paste_form"):
    text = st.text_area(t("paste_text", lang), height=220, max_chars=400_000, key="paste_text")
    col1, col2, col3 = st.columns(3)
    url = col1.text_input(t("paste_url", lang), key="paste_url", max_chars=2000)
    publisher = col2.text_input(t("paste_publisher", lang), key="paste_publisher", max_chars=200)
    published = col3.date_input(
        t("paste_date", lang), value=None, key="paste_date", format="DD/MM/YYYY"
    )
    save_paste = st.form_submit_button(t("extract_save", lang), key="save_paste")

documents = []
if save_uploads and files:
    for f in files:
        try:
            documents.append(read_isolated(f.getvalue(), f.name))  # out of process, limited
        except DocumentError as exc:
            st.error(str(exc))
if save_paste and text.strip():
    meta = DocMeta(url=safe_url(url), published=published, publisher=publisher.strip() or None)
    try:
        documents.append(read_bytes(text.encode("utf-8"), "van-ban-dan.txt", meta))
    except DocumentError as exc:
        st.error(str(exc))
if documents:
    result = add_drafts(
        [(d, extract(d.text, d.meta)) for d in documents], state.store(), ctx.paths.sources, who=who
    )
    for name in result.duplicates:
        st.warning(t("duplicate_doc", lang, name=md(name)))
    for source in result.attached:
        st.info(t("attached_visit", lang, source=source))
    if result.added_sources:
        st.success(
            t(
                "added_drafts",
                lang,
                n=len(result.added_sources),
                issues=result.issues,
                proposals=result.proposals,
            )
        )
