"""Duyệt: every document awaiting a decision; one draft beside its text, everything
editable (source, visit, issues, proposals), publish and go to the next one."""

import streamlit as st

from vuongmac import curation, review
from vuongmac.agencies import agencies
from vuongmac.codebook import category_ids, category_label
from vuongmac.domain import SETTABLE_ERAS, Conversion, RecordKind, Scope, id_list
from vuongmac.extract import extract
from vuongmac.fmt import MISSING
from vuongmac.geo.admin import default_gazetteer
from vuongmac.store.queue import review_queue
from vuongmac.ui import curator, reviewing, state
from vuongmac.ui.i18n import t
from vuongmac.ui.safe import md

# Access first, before anything else runs (and whatever routed here): readers never
# reach a curator script.
who = curator.require(state.current_lang())
ctx = state.context()
lang = ctx.lang
st.title(t("page_review", lang))
STATUSES = ["proposed", "assigned", "in_progress", "resolved", "declined"]
CATS = list(category_ids())
provinces = state.run_query("filter_provinces")
province_names = dict(zip(provinces["province_code"], provinces["province_name"], strict=True))
gaz = default_gazetteer()
AGENCY_NAMES = [a.name_vi for a in agencies() if not a.is_role]


def after_save(action: str, error: str | None) -> None:
    """The outcome survives the rerun that follows (an error included)."""
    st.session_state["review_message"] = t(
        {"edit": "saved", "publish": "published", "reject": "rejected",
         "dismiss": "dismissed"}[action], lang,
    )  # fmt: skip
    if error:
        st.session_state["review_error"] = t("rebuild_failed", lang, msg=error)


if message := st.session_state.pop("review_message", None):
    st.success(message)
if error := st.session_state.pop("review_error", None):
    st.error(error)
rebuild_state = state.rebuilder()
if rebuild_state.pending:
    st.info(t("rebuild_pending", lang))
elif rebuild_state.last is not None and not rebuild_state.last.ok:
    st.error(t("rebuild_failed", lang, msg=rebuild_state.last.message))
elif rebuild_state.last is not None and rebuild_state.last.warnings:
    st.warning(t("draft_problems", lang, n=len(rebuild_state.last.warnings)) + "\n\n"
               + "\n".join(f"- {md(w)}" for w in rebuild_state.last.warnings[:20]))  # fmt: skip

st.subheader(t("queue", lang))
queue = review_queue(state.store())
if not queue:
    st.info(t("queue_empty", lang))
    st.stop()
entries = {reviewing.entry_id(e): e for e in queue}
ids = list(entries)


def label(eid: str) -> str:
    e = entries[eid]
    title = (e["sources"][0]["title"] if e["sources"] else "")[:70]
    return f"{t('kind_' + e['kind'], lang)} · {e['issue_count']} · {title}"


counts = {k: sum(e["kind"] == k for e in queue) for k in ("visit", "attached", "document")}
st.caption(t("queue_counts", lang, **counts))
current = reviewing.remembered(ids)
if st.session_state.get("review_visit") not in ids:
    st.session_state["review_visit"] = current
chosen = st.selectbox(t("open_draft", lang), ids, format_func=label, key="review_visit")
reviewing.remember(ids, chosen)
st.button(t("skip", lang), on_click=reviewing.skip, args=(ids,), key="review_skip",
          icon=":material/skip_next:")  # fmt: skip
entry = entries[chosen]
drafted = [i for i in ids if entries[i]["kind"] != "document"]
with st.expander(t("publish_selected", lang)):
    bulk = st.multiselect(t("publish_selected", lang), drafted, format_func=label, key="bulk_ids",
                          placeholder=MISSING)  # fmt: skip
    if st.button(t("publish_selected", lang), key="bulk_publish", disabled=not bulk):
        for vid in bulk:
            try:
                curation.save(state.store(), who, curation.load(state.store(), ctx.paths.sources, vid),
                              "publish")  # fmt: skip
            except (curation.ConflictError, curation.CurationError) as exc:
                st.error(t("conflict", lang, msg=str(exc)))
            reviewing.drop_working(vid)
        after_save("publish", state.rebuild())
        st.rerun()

if entry["kind"] == "document":  # a document that produced no visit: code it, or dismiss it
    source = entry["sources"][0]
    st.markdown(f"**{md(source['title'])}** · {md(source['url'] or '–')}")
    st.caption(t("document_hint", lang))
    c1, c2 = st.columns(2)
    for col, kind in ((c1, RecordKind.REPORT), (c2, RecordKind.VISIT)):
        if col.button(t(f"open_as_{kind}", lang), key=f"open_{kind}_{source['source_id']}"):
            vid = curation.open_document(state.store(), who, source["source_id"], kind)
            st.session_state["review_visit"] = vid
            st.session_state[reviewing.K_POS] = vid
            st.rerun()
    reason = st.text_input(t("dismiss_reason", lang), key=f"dismiss_reason_{source['source_id']}",
                           max_chars=300)  # fmt: skip
    if st.button(t("dismiss", lang), key=f"dismiss_{source['source_id']}"):
        if not reason.strip():
            st.error(t("dismiss_needs_reason", lang))
            st.stop()
        try:
            curation.dismiss(state.store(), who, source["source_id"], reason)
        except (curation.CurationError, curation.ConflictError) as exc:
            st.error(str(exc))
        else:
            after_save("dismiss", None)
            st.rerun()
    st.stop()

visit_id = entry["visit_id"]
b = reviewing.working(visit_id)
key = f"{visit_id}_{b.version}"
E = reviewing.edit  # noqa: N816
if problem := reviewing.edit_error():
    st.error(problem)

texts = {s["source_id"]: b.texts.get(s["source_id"], "") for s in b.sources}
found = []
for sid, text in texts.items():  # the extractor's reading: suggested categories and reasons
    if text:
        found += [{"start": i.start, "end": i.end, "category": i.category, "reasons": i.reasons,
                   "evidence": i.evidence, "source_id": sid} for i in extract(text).issues]  # fmt: skip
reasons = review.reasons_by_quote(found)

left, right = st.columns([1, 1])
with left:
    st.subheader(t("source_text", lang))
    for source in b.sources:
        text = texts[source["source_id"]]
        shown = "  \n".join(md(line) for line in text.splitlines())
        for quote in sorted({i["evidence"] for i in b.issues}, key=len, reverse=True):
            shown = shown.replace(md(quote), f":orange-background[{md(quote)}]")
        with st.container(height=560, border=True):
            st.markdown(shown or "–")

with right:
    # stable labels: a tab whose label changes is re-created, and the reviewer would be sent
    # back to the first tab after every edit
    tab_src, tab_visit, tab_issues, tab_props = st.tabs(
        [t("tab_source", lang), t("tab_visit", lang), t("issues", lang), t("proposals", lang)]
    )
    with tab_src:
        for source in b.sources:
            sid = source["source_id"]
            for field in ("title", "url", "publisher", "published_date"):
                wkey = f"src_{field}_{key}_{sid}"
                st.text_input(t(f"col_src_{field}", lang), source[field], key=wkey, max_chars=500,
                              on_change=reviewing.edit_from,
                              args=(visit_id, wkey, review.set_source, field, sid))  # fmt: skip

    with tab_visit:
        v = b.visit
        kinds = [k.value for k in RecordKind]
        wk = f"kind_{key}"
        st.segmented_control(t("col_kind", lang), kinds, default=v.get("kind") or "visit",
                             format_func=lambda k: t(f"kind_{k}", lang), key=wk,
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, "kind"))  # fmt: skip
        wk = f"date_{key}"
        st.text_input(t("col_date", lang) + " (YYYY-MM-DD, YYYY-MM, YYYY)", v["visit_date"], key=wk,
                      on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, "visit_date"))  # fmt: skip
        st.caption(t("precision_is", lang, p=t(f"value_{v['date_precision'] or 'unknown'}", lang)))
        scopes = [s.value for s in Scope]
        wk = f"scope_{key}"
        st.selectbox(t("col_scope", lang), scopes, index=scopes.index(v.get("scope") or "unknown"),
                     format_func=lambda s: t(f"scope_{s}", lang), key=wk,
                     on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, "scope"))  # fmt: skip
        eras = ["", *SETTABLE_ERAS]
        wk = f"era_{key}"
        st.selectbox(t("col_era_set", lang), eras, index=eras.index(v.get("era") or "") if (v.get("era") or "") in eras else 0,
                     format_func=lambda e: t(f"era_{e}", lang) if e else t("era_from_date", lang), key=wk,
                     help=t("era_set_help", lang),
                     on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, "era"))  # fmt: skip
        codes = list(province_names)
        wk = f"prov_{key}"
        st.selectbox(t("province", lang), codes, index=codes.index(v["province_code"]) if v["province_code"] in codes else None,
                     format_func=province_names.get, key=wk,
                     on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, "province_code"))  # fmt: skip
        for field, label_key in (("lead_official", "lead"), ("lead_title", "col_lead_title"),
                                 ("body", "body")):  # fmt: skip
            wk = f"{field}_{key}"
            st.text_input(t(label_key, lang), v[field], key=wk, max_chars=300,
                          on_change=reviewing.edit_from, args=(visit_id, wk, review.set_visit, field))  # fmt: skip
        st.markdown(f"**{t('commune', lang)}**")
        conversions = [c.value for c in Conversion]
        for c in b.communes:
            code = c["commune_code"]
            c1, c2, c3 = st.columns([3, 2, 1])
            unit = gaz.communes_in([code])
            c1.text(f"{unit[0].commune_name if unit else code} ({md(c['as_written'])})")
            wk = f"conv_{key}_{code}"
            c2.selectbox(t("col_conversion", lang), conversions, index=conversions.index(c["conversion"]) if c["conversion"] in conversions else 0,
                         format_func=lambda x: t(f"value_{x}", lang), key=wk, label_visibility="collapsed",
                         on_change=reviewing.edit_from, args=(visit_id, wk, review.set_conversion, "conversion", code))  # fmt: skip
            c3.button(t("remove", lang), key=f"rmc_{key}_{code}", on_click=E,
                      args=(visit_id, review.remove_commune, code))  # fmt: skip
        hits = gaz.search(st.text_input(t("find_commune", lang), key=f"find_{key}", max_chars=80))
        for u in hits[:8]:
            st.button(f"+ {u.commune_name} · {province_names.get(u.province_code, '')}",
                      key=f"addc_{key}_{u.commune_code}", on_click=E,
                      args=(visit_id, review.add_commune, u.commune_code, u.commune_name or ""))  # fmt: skip

    with tab_issues:
        st.caption(t("n_issues", lang, n=len(b.issues)))
        commune_opts = [""] + [c["commune_code"] for c in b.communes]
        names = {c["commune_code"]: c["as_written"] for c in b.communes}
        where = lambda c: names.get(c, c) if c else t("whole_visit", lang)  # noqa: E731
        # Several at once: pick sentences or clauses of the text.
        sid0 = b.sources[0]["source_id"] if b.sources else None
        choices = (
            review.picks(texts.get(sid0, ""), [f for f in found if f["source_id"] == sid0])
            if sid0
            else []
        )
        by_index = {str(n): p for n, p in enumerate(choices)}
        st.multiselect(
            t("pick_issues", lang), list(by_index), key=f"picks_{key}", placeholder=t("pick_placeholder", lang),
            format_func=lambda n: ("↳ " if by_index[n].level == "clause" else "") + by_index[n].text[:140]
            + (f" [{category_label(by_index[n].category, lang)}]" if by_index[n].category else ""),
        )  # fmt: skip
        pick_cat = st.selectbox(t("pick_category", lang), ["auto", *CATS], key=f"pickcat_{key}",
                                format_func=lambda c: t("pick_auto", lang) if c == "auto" else category_label(c, lang))  # fmt: skip

        def add_picked(vid: str, k: str) -> None:
            chosen_picks = [by_index[n] for n in st.session_state.get(f"picks_{k}", [])]
            cat = st.session_state.get(f"pickcat_{k}", "auto")
            E(vid, review.add_issues,
              [(p.text, p.category or "other") if cat == "auto" else (p.text, cat) for p in chosen_picks])  # fmt: skip
            st.session_state[f"picks_{k}"] = []

        st.button(t("add_picked", lang), key=f"addpicks_{key}", on_click=add_picked,
                  args=(visit_id, key), type="secondary")  # fmt: skip
        published = {i["issue_id"]: i for i in b.published_issues}
        if published:
            st.markdown(f"**{t('already_recorded', lang)}**")
            for i in b.published_issues:
                st.caption(f"{category_label(i['category_id'], lang)}: {md(i['evidence'])}")
        for issue in b.issues:
            iid = issue["issue_id"]
            rk = f"{iid}_{review.row_digest(issue)}"  # a changed row gets fresh widgets
            with st.container(border=True):
                st.text(issue["evidence"])
                why = reasons.get((review.squash(issue["evidence"]), issue["category_id"]))
                if why:
                    st.caption(t("extractor_reason", lang, why="; ".join(why[:3])))
                c1, c2 = st.columns(2)
                wk = f"cat_{key}_{rk}"
                c1.selectbox(t("col_category", lang), CATS, index=CATS.index(issue["category_id"]) if issue["category_id"] in CATS else 0,
                             format_func=lambda c: category_label(c, lang), key=wk,
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.set_issue, "category_id", iid))  # fmt: skip
                wk = f"com_{key}_{rk}"
                c2.selectbox(t("col_attribution", lang), commune_opts,
                             index=commune_opts.index(issue["commune_code"]) if issue["commune_code"] in commune_opts else 0,
                             format_func=where, key=wk,
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.set_issue, "commune_code", iid))  # fmt: skip
                wk = f"trim_{key}_{rk}"
                st.text_input(t("trim", lang), issue["evidence"], key=wk, max_chars=2000,
                              on_change=reviewing.edit_from, args=(visit_id, wk, review.trim_issue, "evidence", iid))  # fmt: skip
                if published:
                    opts = ["", *published]
                    wk = f"corr_{key}_{rk}"
                    st.selectbox(t("corroborates", lang), opts,
                                 index=opts.index(issue.get("corroborates", "")) if issue.get("corroborates", "") in opts else 0,
                                 format_func=lambda x: t("not_corroboration", lang) if not x else published[x]["evidence"][:90],
                                 key=wk, on_change=reviewing.edit_from,
                                 args=(visit_id, wk, review.mark_corroboration, "of_issue_id", iid))  # fmt: skip
                st.button(t("remove", lang), key=f"rmi_{key}_{rk}", on_click=E,
                          args=(visit_id, review.remove_issue, iid))  # fmt: skip
        new_quote = st.text_area(t("add_issue", lang), key=f"newq_{key}", max_chars=2000)
        new_cat = st.selectbox(t("col_category", lang), CATS, format_func=lambda c: category_label(c, lang),
                               key=f"newc_{key}")  # fmt: skip
        st.button(t("add_typed", lang), key=f"addq_{key}", on_click=E,
                  args=(visit_id, review.add_issues, [(new_quote, new_cat)]), disabled=not new_quote.strip())  # fmt: skip

    with tab_props:
        st.caption(t("n_proposals", lang, n=len(b.proposals)))
        for p in b.proposals:
            pid = p["proposal_id"]
            rk = f"{pid}_{review.row_digest(p)}"  # a changed row gets fresh widgets
            with st.container(border=True):
                wk = f"ptext_{key}_{rk}"
                st.text_area(t("col_text", lang), p["text"], key=wk, max_chars=3000,
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.edit_proposal, "text", pid))  # fmt: skip
                wk = f"pcat_{key}_{rk}"  # the difficulties it answers: the extractor's guess, to confirm
                st.multiselect(t("proposal_categories", lang), CATS, default=[c for c in id_list(p.get("category_ids")) if c in CATS],
                               format_func=lambda c: category_label(c, lang), key=wk, placeholder=t("no_category", lang),
                               help=t("proposal_categories_help", lang), select_all=False,
                               on_change=reviewing.edit_from, args=(visit_id, wk, review.edit_proposal, "category_ids", pid))  # fmt: skip
                c1, c2, c3 = st.columns([3, 2, 2])
                agency_opts = ["", *AGENCY_NAMES]
                if p["assigned_agency"] and p["assigned_agency"] not in agency_opts:
                    agency_opts.append(p["assigned_agency"])
                wk = f"ag_{key}_{rk}"
                c1.selectbox(t("col_agency", lang), agency_opts, index=agency_opts.index(p["assigned_agency"]),
                             accept_new_options=True, key=wk, placeholder=t("agency_placeholder", lang),
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.edit_proposal, "agency", pid))  # fmt: skip
                wk = f"st_{key}_{rk}"
                c2.selectbox(t("col_status", lang), STATUSES, index=STATUSES.index(p["status"]) if p["status"] in STATUSES else 0,
                             format_func=lambda s: t(f"status_{s}", lang), key=wk,
                             on_change=reviewing.edit_from, args=(visit_id, wk, review.edit_proposal, "status", pid))  # fmt: skip
                wk = f"due_{key}_{rk}"
                c3.text_input(t("col_due", lang) + " (YYYY-MM-DD)", p["due_date"], key=wk, max_chars=10,
                              on_change=reviewing.edit_from, args=(visit_id, wk, review.edit_proposal, "due_date", pid))  # fmt: skip
                wk = f"split_{key}_{rk}"
                st.text_area(t("split_hint", lang), key=wk, max_chars=3000)
                b1, b2 = st.columns(2)
                b1.button(t("split", lang), key=f"dosplit_{key}_{rk}", on_click=lambda vid=visit_id, pid=pid, wk=wk: E(
                    vid, review.split_proposal, pid, (st.session_state.get(wk) or "").splitlines()))  # fmt: skip
                b2.button(t("remove", lang), key=f"rmp_{key}_{rk}", on_click=E,
                          args=(visit_id, review.remove_proposal, pid))  # fmt: skip
        if len(b.proposals) > 1:
            st.multiselect(t("merge_pick", lang), [p["proposal_id"] for p in b.proposals], key=f"merge_{key}", placeholder=MISSING,
                           format_func=lambda x: next(p["text"][:80] for p in b.proposals if p["proposal_id"] == x))  # fmt: skip
            st.button(t("merge", lang), key=f"domerge_{key}", on_click=lambda vid=visit_id, k=key: E(
                vid, review.merge_proposals, list(st.session_state.get(f"merge_{k}") or [])))  # fmt: skip
        new_text = st.text_area(t("add_proposal", lang), key=f"newp_{key}", max_chars=3000)
        new_agency = st.selectbox(t("col_agency", lang), ["", *AGENCY_NAMES], key=f"newpa_{key}",
                                  accept_new_options=True, placeholder=t("agency_placeholder", lang))  # fmt: skip
        st.button(t("add_typed", lang), key=f"addp_{key}", on_click=E,
                  args=(visit_id, review.add_proposal, new_text, new_agency or ""), disabled=not new_text.strip())  # fmt: skip

    reason = st.text_input(t("reject_reason", lang), key=f"reason_{key}", max_chars=500)
    c1, c2, c3 = st.columns(3)
    action = None
    if c1.button(t("publish_next", lang), key=f"publish_{key}", type="primary"):
        action = "publish"
    if c2.button(t("save_later", lang), key=f"save_{key}"):
        action = "edit"
    if c3.button(t("reject", lang), key=f"reject_{key}"):
        action = "reject"
    if action:
        try:
            curation.save(state.store(), who, b, action, note=reason)
        except curation.ConflictError as exc:
            st.error(t("conflict", lang, msg=str(exc)))
        except curation.CurationError as exc:
            st.error(str(exc))
        else:
            reviewing.drop_working(visit_id)
            after_save(action, state.rebuild() if action != "edit" else None)
            st.rerun()

st.subheader(t("history", lang))
record_ids = (
    {visit_id} | {i["issue_id"] for i in b.issues} | {p["proposal_id"] for p in b.proposals}
)
changes = curation.history(state.store(), record_ids)
if changes:
    st.dataframe(placeholder=MISSING, data=[{k: c[k] for k in ("change_id", "at", "who", "action", "entity", "record_id", "note")} for c in changes],
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
            reviewing.drop_working(visit_id)
            st.session_state["review_message"] = t("reverted", lang)
            st.rerun()
