"""The sidebar frame: language, global filters, data status. Rendered by app.py each run."""

from __future__ import annotations

import streamlit as st

from vuongmac import metrics
from vuongmac.codebook import category_label
from vuongmac.config import data_paths
from vuongmac.filters import MIN_DATE, max_date, restrict_communes
from vuongmac.fmt import PLOTLY_SEPARATORS, fmt_number, fmt_timestamp, plotly_locale_config
from vuongmac.periods import Period
from vuongmac.ui import curator, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md


def render() -> state.PageContext:
    vocab = state.vocabulary()
    state.load_url_once(vocab)
    paths = data_paths()
    with st.sidebar:
        st.segmented_control(
            "Ngôn ngữ / Language",
            options=["vi", "en"],
            format_func=lambda x: {"vi": "Tiếng Việt", "en": "English"}[x],
            label_visibility="collapsed",
            **state.bind(state.K_LANG),
        )
        lang = state.current_lang()
        st.header(t("filters", lang))

        provinces = state.run_query("filter_provinces")
        prov_names = dict(zip(provinces["province_code"], provinces["province_name"], strict=True))
        st.multiselect(
            t("province", lang),
            options=list(provinces["province_code"]),
            format_func=lambda c: prov_names.get(c, c),
            placeholder=t("all", lang),
            select_all=False,  # Streamlit's "Select all" is English only
            **state.bind(state.K_PROVINCE),
        )
        chosen = state.filters_from_widgets().province_codes
        communes = state.run_query("filter_communes", province_codes=list(chosen))
        labels = {
            code: f"{name} · {prov}" + (f" ({n})" if n else "")
            for code, name, prov, n in communes[
                ["commune_code", "commune_name", "province_name", "visit_count"]
            ].itertuples(index=False)
        }
        st.multiselect(
            t("commune", lang),
            options=list(communes["commune_code"]),
            format_func=lambda c: labels.get(c, c),
            placeholder=t("all", lang),
            select_all=False,  # Streamlit's "Select all" is English only
            **state.bind(state.K_COMMUNE, allowed=labels),  # drops communes of other provinces
        )
        st.multiselect(
            t("category", lang),
            options=sorted(vocab.categories, key=lambda c: category_label(c, lang)),
            format_func=lambda c: category_label(c, lang),
            placeholder=t("all", lang),
            select_all=False,  # Streamlit's "Select all" is English only
            **state.bind(state.K_CATEGORY),
        )
        st.segmented_control(
            t("period_preset", lang),
            options=[*(p.value for p in Period), state.ALL_TIME],
            format_func=lambda p: t(f"period_{p}", lang),
            **state.bind_period(),
        )
        fmt = "DD/MM/YYYY" if lang == "vi" else "YYYY-MM-DD"
        latest = max_date()
        st.date_input(
            t("date_from", lang),
            format=fmt,
            min_value=MIN_DATE,
            max_value=latest,
            **state.bind(state.K_FROM),
        )
        st.date_input(
            t("date_to", lang),
            format=fmt,
            min_value=MIN_DATE,
            max_value=latest,
            **state.bind(state.K_TO),
        )
        st.toggle(
            t("include_before", lang), help=t("include_before_help", lang),
            **state.bind(state.K_BEFORE),
        )  # fmt: skip
        st.button(t("clear_filters", lang), on_click=state.clear_filters, icon="✖️")

        render_brief_buttons(lang)
        curator.render_login(lang)
        for notice in state.url_notices():
            st.warning(t("url_notice", lang, msg=md(notice)), icon="⚠️")  # names from the URL: inert
        wh = state.warehouse()
        st.caption(t("data_as_of", lang, ts=fmt_timestamp(wh.built_at, lang), bid=wh.build_id))
        if state.rebuilder().pending:  # a publish is being built: the numbers will change
            st.caption(t("newer_build_pending", lang))
        st.caption(t("share_hint", lang))

    filters = restrict_communes(state.filters_from_widgets(), vocab.commune_provinces)
    ctx = state.PageContext(filters=filters, lang=lang, paths=paths)
    state.set_context(ctx)
    return ctx


def _base_url() -> str:
    """The dashboard's address as the reader opened it (for the brief's permalink)."""
    import os
    import urllib.parse

    from vuongmac.brief import DEFAULT_BASE_URL

    url = getattr(st.context, "url", None)
    if url:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in {"http", "https"} and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}/"
    return os.environ.get("VUONGMAC_PUBLIC_URL", DEFAULT_BASE_URL)


def render_brief_buttons(lang: str) -> None:
    """'Tải báo cáo': the leader brief for the current filters, built only when clicked."""
    from vuongmac.brief import file_stem, gather
    from vuongmac.brief.render import render_docx, render_pdf
    from vuongmac.ui.components import place_names

    wh = state.warehouse()
    filters = state.filters_from_widgets()
    base = _base_url()
    stem = file_stem(filters, place_names())
    st.markdown(f"**{t('brief', lang)}**")
    col1, col2 = st.columns(2)
    col1.download_button(
        "DOCX", data=lambda: render_docx(gather(wh, filters, base)), file_name=f"{stem}.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="brief_docx", on_click="ignore", icon=":material/description:", help=t("brief_help", lang),
    )  # fmt: skip
    col2.download_button(
        "PDF", data=lambda: render_pdf(gather(wh, filters, base)), file_name=f"{stem}.pdf",
        mime="application/pdf", key="brief_pdf", on_click="ignore", icon=":material/picture_as_pdf:",
        help=t("brief_help", lang),
    )  # fmt: skip


def kpi_row(values: list[tuple[str, float | int]], lang: str) -> None:
    for col, (label, value) in zip(st.columns(len(values)), values, strict=True):
        col.metric(label, fmt_number(value, lang))


def render_figure(fig, key: str, config: dict | None = None, **kwargs):  # noqa: ANN001, ANN201
    """Draw a figure built by vuongmac.charts: our layout as built, no Streamlit theme, with
    the UI language's number separators (1.234 / 1,234) on every axis, label and hover."""
    fig.update_layout(separators=PLOTLY_SEPARATORS.get(state.current_lang(), ".,"))
    if (recorder := metrics.active()) is not None:
        recorder.figures.append((key, len(fig.to_json())))
    return st.plotly_chart(
        fig,
        key=key,
        theme=None,
        width="stretch",
        config={
            "displaylogo": False,
            **plotly_locale_config(state.current_lang()),
            **(config or {}),
        },
        **kwargs,
    )
