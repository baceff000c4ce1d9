"""Duyệt: the review queue; one draft side by side with its text, every field editable."""

import datetime as dt

import streamlit as st

from vuongmac import curation
from vuongmac.codebook import category_ids, category_label
from vuongmac.domain import new_id, precision_of
from vuongmac.extract import reports_visit
from vuongmac.geo.admin import default_gazetteer
from vuongmac.ui import curator, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md

ctx = state.context()
lang = ctx.lang
who = curator.require(lang)
st.title(t("page_review", lang))
paths = ctx.paths
STATUSES = ["proposed", "assigned", "in_progress", "resolved", "declined"]
provinces = state.run_query("filter_provinces")
province_names = dict(zip(provinces["province_code"], provinces["province_name"], strict=True))
gaz = default_gazetteer()


def after_save(action: str, error: str | None) -> None:
    """The outcome survives the rerun that follows (an error included)."""
    st.session_state["review_message"] = t(
        {"edit": "saved", "publish": "published", "reject": "rejected"}[action], lang
    )
    if error:
        st.session_state["review_error"] = t("rebuild_failed", lang, msg=error)


queue = curation.drafts(state.store())
if message := st.session_state.pop("review_message", None):
    st.success(message)
if error := st.session_state.pop("review_error", None):
    st.error(error)
rebuild_state = state.rebuilder()
if rebuild_state.pending:
    st.info(t("rebuild_pending", lang))
elif rebuild_state.last is not None and not rebuild_state.last.ok:
    st.error(t("rebuild_failed", lang, msg=rebuild_state.last.message))
st.subheader(t("queue", lang))
if not queue:
    st.info(t("queue_empty", lang))
    st.stop()
labels = {
    v[
        "visit_id"
    ]: f"{v['visit_date'] or '?'} · {province_names.get(v['province_code'], '?')} · {v['issue_count']} · {v['visit_id']}"
    for v in queue
}
bulk = st.multiselect(
    t("publish_selected", lang),
    list(labels),
    format_func=labels.get,
    key="bulk_ids",
    placeholder="—",
)
if st.button(t("publish_selected", lang), key="bulk_publish", disabled=not bulk):
    for vid in bulk:
        try:
            bundle = curation.load(state.store(), paths.sources, vid)
            curation.save(state.store(), who, bundle, "publish")
        except (curation.ConflictError, curation.CurationError) as exc:
            st.error(t("conflict", lang, msg=str(exc)))
    after_save("publish", state.rebuild())
    st.rerun()

visit_id = st.selectbox(
    t("open_draft", lang), list(labels), format_func=labels.get, key="review_visit"
)
bundle = curation.load(state.store(), paths.sources, visit_id)
key = f"{visit_id}_{bundle.version}"

left, right = st.columns([1, 1])
with left:
    st.subheader(t("source_text", lang))
    for source in bundle.sources:
        st.caption(md(source["title"]))
        text = bundle.texts.get(source["source_id"], "")
        shown = "  \n".join(md(line) for line in text.splitlines())
        for quote in sorted({i["evidence"] for i in bundle.issues}, key=len, reverse=True):
            shown = shown.replace(md(quote), f":orange-background[{md(quote)}]")
        with st.container(height=640, border=True):
            st.markdown(shown)

with right:
    st.subheader(t("visit_fields", lang))
    if not any(reports_visit(text) for text in bundle.texts.values()):
        st.info(t("no_visit_named", lang))
    v = dict(bundle.visit)
    v["visit_date"] = st.text_input(
        t("col_date", lang) + " (YYYY-MM-DD, YYYY-MM, YYYY)", v["visit_date"], key=f"date_{key}"
    )
    codes = list(province_names)
    v["province_code"] = st.selectbox(
        t("province", lang), codes, index=codes.index(v["province_code"]) if v["province_code"] in codes else None,
        format_func=province_names.get, key=f"prov_{key}",
    )  # fmt: skip
    v["lead_official"] = st.text_input(t("lead", lang), v["lead_official"], key=f"lead_{key}")
    v["lead_title"] = st.text_input(
        t("lead", lang) + " (chức vụ)", v["lead_title"], key=f"title_{key}"
    )
    v["visit_date"] = v["visit_date"].strip()
    try:
        v["date_precision"] = precision_of(v["visit_date"]).value
    except ValueError:
        st.error(t("bad_date", lang))
        st.stop()

    communes = [c for c in bundle.communes if not st.checkbox(
        f"{t('remove', lang)}: {md(c['as_written'])} ({c['commune_code']})", key=f"rmc_{key}_{c['commune_code']}")]  # fmt: skip
    found = gaz.search(st.text_input(t("find_commune", lang), key=f"find_{key}", max_chars=80))
    added = st.multiselect(
        t("commune", lang), [u.commune_code for u in found],
        format_func=lambda c: next(f"{u.commune_name} ({u.commune_code})" for u in found if u.commune_code == c),
        key=f"addc_{key}",
    )  # fmt: skip
    for code in added:
        unit = next(u for u in found if u.commune_code == code)
        communes.append(
            {
                "visit_id": visit_id,
                "commune_code": code,
                "as_written": unit.commune_name,
                "conversion": "current",
            }
        )
    commune_codes = [""] + [c["commune_code"] for c in communes]

    st.markdown(f"**{t('issues', lang)}**")
    issues = []
    for issue in bundle.issues:
        iid = issue["issue_id"]
        with st.container(border=True):
            st.text(issue["evidence"])
            c1, c2, c3 = st.columns([3, 2, 1])
            cats = list(category_ids())
            category = c1.selectbox(t("col_category", lang), cats, index=cats.index(issue["category_id"]) if issue["category_id"] in cats else 0,
                                    format_func=lambda c: category_label(c, lang), key=f"cat_{key}_{iid}")  # fmt: skip
            where = issue["commune_code"] if issue["commune_code"] in commune_codes else ""
            commune = c2.selectbox(
                t("commune", lang),
                commune_codes,
                index=commune_codes.index(where),
                key=f"com_{key}_{iid}",
            )
            if not c3.checkbox(t("remove", lang), key=f"rmi_{key}_{iid}"):
                issues.append({**issue, "category_id": category, "commune_code": commune})
    new_quote = st.text_area(t("add_issue", lang), key=f"newq_{key}", max_chars=2000)
    new_cat = st.selectbox(
        t("col_category", lang),
        list(category_ids()),
        format_func=lambda c: category_label(c, lang),
        key=f"newc_{key}",
    )
    if new_quote.strip() and bundle.sources:
        issues.append({
            "issue_id": new_id("issue"), "visit_id": visit_id, "category_id": new_cat,
            "commune_code": "", "evidence": new_quote.strip(), "source_id": bundle.sources[0]["source_id"], "review_status": "draft",
        })  # fmt: skip

    st.markdown(f"**{t('proposals', lang)}**")
    proposals = []
    for p in bundle.proposals:
        pid = p["proposal_id"]
        with st.container(border=True):
            st.text(p["text"])
            c1, c2, c3 = st.columns([3, 2, 2])
            agency = c1.text_input(
                t("col_agency", lang), p["assigned_agency"], key=f"ag_{key}_{pid}", max_chars=200
            )
            status = c2.selectbox(t("col_status", lang), STATUSES, index=STATUSES.index(p["status"]) if p["status"] in STATUSES else 0,
                                  format_func=lambda s: t(f"status_{s}", lang), key=f"st_{key}_{pid}")  # fmt: skip
            due = c3.date_input(t("col_due", lang), dt.date.fromisoformat(p["due_date"]) if p["due_date"] else None,
                                key=f"due_{key}_{pid}", format="DD/MM/YYYY")  # fmt: skip
            proposals.append(
                {
                    **p,
                    "assigned_agency": agency,
                    "status": status,
                    "due_date": due.isoformat() if due else "",
                }
            )

    edited = curation.Bundle(
        v, communes, issues, proposals, bundle.sources, bundle.version, bundle.texts
    )
    reason = st.text_input(t("reject_reason", lang), key=f"reason_{key}", max_chars=500)
    b1, b2, b3 = st.columns(3)
    action = None
    if b1.button(t("publish", lang), key=f"publish_{key}", type="primary"):
        action = "publish"
    if b2.button(t("save_later", lang), key=f"save_{key}"):
        action = "edit"
    if b3.button(t("reject", lang), key=f"reject_{key}"):
        action = "reject"
    if action:
        try:
            curation.save(state.store(), who, edited, action, note=reason)
        except curation.ConflictError as exc:
            st.error(t("conflict", lang, msg=str(exc)))
        except curation.CurationError as exc:
            st.error(str(exc))
        else:
            after_save(action, state.rebuild() if action != "edit" else None)
            st.rerun()

st.subheader(t("history", lang))
ids = (
    {visit_id}
    | {i["issue_id"] for i in bundle.issues}
    | {p["proposal_id"] for p in bundle.proposals}
)
changes = curation.history(state.store(), ids)
if changes:
    st.dataframe([{k: c[k] for k in ("change_id", "at", "who", "action", "entity", "record_id", "note")} for c in changes],
                 hide_index=True, width="stretch")  # fmt: skip
    change_id = st.selectbox(
        t("revert", lang), [c["change_id"] for c in changes], key="revert_change"
    )
    if st.button(t("revert", lang), key="revert_button"):
        try:
            curation.revert(state.store(), who, change_id)
        except (curation.ConflictError, curation.CurationError) as exc:
            st.error(str(exc))
        else:
            st.session_state["review_message"] = t("reverted", lang)
            st.rerun()
