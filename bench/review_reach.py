"""Reachability of the hand coding through the Review page's own edits.

Every corpus document is ingested as a draft (the real reader, extractor and store), then
its gold coding is applied with the functions the Review page calls (``vuongmac.review``,
``vuongmac.curation``), choosing for each gold record the cheapest edit a reviewer has
(keep, change the category, trim, pick a sentence or clause, split a proposal, ...). The
result is compared with the gold coding field by field and published through the same
validation as the page. Prints how much of the gold is representable and how many edit
actions a document took (median and 90th percentile)::

    python -m bench.review_reach ../shared/corpus [--only 'news_vi_*'] [--show 20]
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from vuongmac import curation, review
from vuongmac.agencies import canonical_agency
from vuongmac.extract import extract
from vuongmac.geo.admin import default_gazetteer
from vuongmac.geo.gazetteer import place_key, split_unit
from vuongmac.ingest.drafts import add_drafts
from vuongmac.ingest.readers import read_document
from vuongmac.store import open_store
from vuongmac.store.queue import review_queue

WHO = "bench"


@dataclass
class Outcome:
    name: str
    actions: Counter = field(default_factory=Counter)
    wanted: Counter = field(default_factory=Counter)  # gold items by kind
    reached: Counter = field(default_factory=Counter)  # of them, represented exactly
    misses: list[str] = field(default_factory=list)
    published: bool = True

    @property
    def total(self) -> int:
        return sum(self.actions.values())


def _agency(text: str | None) -> str:
    return canonical_agency(text) or ""


def _issue_key(i: dict) -> tuple[str, str, str]:
    return (i["category_id"], review.squash(i["evidence"]), i["commune_code"] or "")


def _commune_code(gaz, name: str | None, province: str | None) -> str | None:  # noqa: ANN001
    if not name:
        return None
    name = re.sub(r"\s*\((?:cũ|old|former)\)\s*$", "", name)  # a coder's note, not the name
    codes = gaz.resolve(name, province).commune_codes
    if codes:
        return codes[0]
    # what a reviewer does next: type it in the commune search box (accent-insensitive)
    key = place_key(name)
    hits = [u for u in gaz.search(name) if (province is None or u.province_code == province)
            and place_key(split_unit(u.commune_name or "")[1]) == key]  # fmt: skip
    return hits[0].commune_code if hits else None


def _apply_visit(b: review.Bundle, gold: dict, gaz, out: Outcome) -> review.Bundle:  # noqa: ANN001
    """Date, province (or national scope), communes, lead, title, body."""
    province = gaz.resolve_province(gold["province_2025"]) if gold.get("province_2025") else None
    wanted = {
        "visit_date": gold.get("date") or "",
        "province_code": province or "",
        "lead_official": gold.get("lead_official") or "",
        "lead_title": gold.get("lead_title") or "",
        "body": gold.get("body") or "",
    }
    for key, value in wanted.items():
        if review.squash(b.visit.get(key, "")) != review.squash(value):
            b = review.set_visit(b, **{key: value})
            out.actions["visit field"] += 1
    if not province and b.visit.get("scope") != "national":
        b = review.set_visit(b, scope="national")
        out.actions["visit field"] += 1
    codes = []
    for name in gold.get("communes") or []:
        code = _commune_code(gaz, name, province)
        out.wanted["commune"] += 1
        if code is None:
            out.misses.append(f"{out.name}: commune {name!r} not in the gazetteer")
            continue
        codes.append(code)
        out.reached["commune"] += 1
    for c in list(b.communes):
        if c["commune_code"] not in codes:
            b = review.remove_commune(b, c["commune_code"])
            out.actions["commune"] += 1
    have = {c["commune_code"] for c in b.communes}
    for code, name in zip(codes, gold.get("communes") or [], strict=False):
        if code not in have:
            b = review.add_commune(b, code, name)
            have.add(code)
            out.actions["commune"] += 1
    out.wanted["visit"] += 1
    ok = all(review.squash(b.visit.get(k, "")) == review.squash(v) for k, v in wanted.items())
    out.reached["visit"] += ok
    if not ok:
        out.misses.append(f"{out.name}: visit fields not reached")
    return b


def _apply_issues(b: review.Bundle, golds: list[dict], gaz, out: Outcome) -> review.Bundle:  # noqa: ANN001
    province = b.visit.get("province_code") or None
    text = next(iter(b.texts.values()), "")
    flat = review.squash(text)
    choices = review.picks(text)
    used: set[str] = set()
    targets = []
    for g in golds:
        out.wanted["issue"] += 1
        quote = review.squash(g["evidence"])
        if quote not in flat:
            out.misses.append(f"{out.name}: issue quote not verbatim: {quote[:60]!r}")
            continue
        commune = _commune_code(gaz, g.get("commune"), province) or ""
        if g.get("commune") and not commune:
            out.misses.append(f"{out.name}: issue commune {g['commune']!r} unresolved")
        if commune and commune not in {c["commune_code"] for c in b.communes}:
            b = review.add_commune(b, commune, g["commune"])
            out.actions["commune"] += 1
        targets.append((g["category"], quote, commune))
    for category, quote, commune in targets:
        # the cheapest draft issue to turn into this one
        best, cost = None, None
        for d in b.issues:
            if d["issue_id"] in used:
                continue
            ev = review.squash(d["evidence"])
            c = 0 if ev == quote else 1 if quote in ev else None
            if c is None:
                continue
            c += d["category_id"] != category
            if cost is None or c < cost:
                best, cost = d, c
        if best is not None:
            iid = best["issue_id"]
            used.add(iid)
            if review.squash(best["evidence"]) != quote:
                b = review.trim_issue(b, iid, quote)
                out.actions["issue trim"] += 1
            if best["category_id"] != category:
                b = review.set_issue(b, iid, category_id=category)
                out.actions["issue category"] += 1
        else:
            pick = next((p for p in choices if review.squash(p.text) == quote), None)
            container = pick or next(
                (p for p in sorted(choices, key=lambda p: len(p.text))
                 if quote in review.squash(p.text)), None,
            )  # fmt: skip
            start = container.text if container else quote
            b = review.add_issues(b, [(start, category)])
            iid = b.issues[-1]["issue_id"]
            used.add(iid)
            out.actions["issue pick"] += 1
            if review.squash(start) != quote:
                b = review.trim_issue(b, iid, quote)
                out.actions["issue trim"] += 1
        issue = next(i for i in b.issues if i["issue_id"] == iid)
        if (issue["commune_code"] or "") != commune:
            b = review.set_issue(b, iid, commune_code=commune)
            out.actions["issue place"] += 1
    for d in list(b.issues):
        if d["issue_id"] not in used:
            b = review.remove_issue(b, d["issue_id"])
            out.actions["issue delete"] += 1
    got = Counter(_issue_key(i) for i in b.issues)
    for key in Counter(targets):
        out.reached["issue"] += min(got[key], Counter(targets)[key])
    return b


def _apply_proposals(b: review.Bundle, golds: list[dict], out: Outcome) -> review.Bundle:
    text = next(iter(b.texts.values()), "")
    flat = review.squash(text)
    wanted = []
    for g in golds:
        out.wanted["proposal"] += 1
        quote = review.squash(g["text"])
        if quote not in flat:
            out.misses.append(f"{out.name}: proposal not verbatim: {quote[:60]!r}")
            continue
        wanted.append((quote, _agency(g.get("assigned_agency"))))
    # a draft that holds several gold proposals is split first
    for d in list(b.proposals):
        inside = [q for q, _ in wanted if q in review.squash(d["text"])]
        if len(inside) >= 2 and review.squash(d["text"]) not in {q for q, _ in wanted}:
            b = review.split_proposal(b, d["proposal_id"], inside)
            out.actions["proposal split"] += 1
    used: set[str] = set()
    for quote, agency in wanted:
        best = next((d for d in b.proposals if d["proposal_id"] not in used
                     and review.squash(d["text"]) == quote), None)  # fmt: skip
        if best is None:
            best = next((d for d in b.proposals if d["proposal_id"] not in used and (
                quote in review.squash(d["text"]) or review.squash(d["text"]) in quote)), None)  # fmt: skip
            if best is not None:
                b = review.edit_proposal(b, best["proposal_id"], text=quote)
                out.actions["proposal text"] += 1
        if best is None:
            b = review.add_proposal(b, quote, agency)
            best = b.proposals[-1]
            out.actions["proposal add"] += 1
        used.add(best["proposal_id"])
        current = next(p for p in b.proposals if p["proposal_id"] == best["proposal_id"])
        if _agency(current["assigned_agency"]) != agency:
            b = review.edit_proposal(b, best["proposal_id"], agency=agency,
                                     status="assigned" if agency else "proposed")  # fmt: skip
            out.actions["proposal agency"] += 1
    for d in list(b.proposals):
        if d["proposal_id"] not in used:
            b = review.remove_proposal(b, d["proposal_id"])
            out.actions["proposal delete"] += 1
    got = Counter((review.squash(p["text"]), _agency(p["assigned_agency"])) for p in b.proposals)
    for key, n in Counter(wanted).items():
        out.reached["proposal"] += min(got[key], n)
    return b


def _reject(store, sources: Path, visit_id: str, out: Outcome) -> None:  # noqa: ANN001
    b = curation.load(store, sources, visit_id)
    curation.save(store, WHO, b, "reject", note="không phải một đoàn công tác")
    out.actions["reject visit"] += 1


def _save(store, b: review.Bundle, out: Outcome) -> None:  # noqa: ANN001
    try:
        curation.save(store, WHO, b, "publish")
    except (curation.CurationError, curation.ConflictError) as exc:
        out.published = False
        out.misses.append(f"{out.name}: publish refused: {str(exc)[:160]}")
    out.actions["publish"] += 1


def run_document(article: Path, gold: dict, gaz, root: Path) -> Outcome:  # noqa: ANN001
    out = Outcome(gold["id"])
    root.mkdir(parents=True, exist_ok=True)
    store = open_store(root)  # a fresh folder: an empty store
    sources = root / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    doc = read_document(article)
    add_drafts([(doc, extract(doc.text, doc.meta))], store, sources, who=WHO)
    entries = review_queue(store)  # one document in: its draft visits, or the document
    source_id = entries[0]["source_ids"][0]
    drafts = [e["visit_id"] for e in entries if e["visit_id"]]
    out.wanted["source url"] += 1
    visits, issues = gold["visits"], gold["issues"]
    if not visits and not issues and not gold["proposals"]:
        for vid in drafts:  # what the extractor made of it is rejected, with the document
            _reject(store, sources, vid, out)
        if not drafts:
            curation.dismiss(store, WHO, source_id, "không liên quan")
            out.actions["dismiss"] += 1
        out.reached["source url"] += 1  # a dismissed document needs no metadata
        return out
    if not drafts:
        drafts = [curation.open_document(store, WHO, source_id, "report")]
        out.actions["open as report"] += 1
    wanted_records = max(len(visits), 1)
    for vid in drafts[wanted_records:]:  # more visits drafted than coded
        _reject(store, sources, vid, out)
    ids = drafts[:wanted_records]
    while len(ids) < wanted_records:  # the same document reports several visits
        ids.append(curation.add_visit(store, WHO, ids[0]))
        out.actions["add visit"] += 1
    for n, vid in enumerate(ids):
        b = curation.load(store, sources, vid)
        url = gold.get("url") or ""
        if n == 0 and review.squash(b.sources[0]["url"]) != url:
            b = review.set_source(b, source_id, url=url)
            out.actions["source"] += 1
        if n == 0:
            out.reached["source url"] += b.sources[0]["url"] == url
        kind = "visit" if visits else "report"
        if b.visit.get("kind", "visit") != kind:
            b = review.set_visit(b, kind=kind)
            out.actions["visit field"] += 1
        if visits:
            b = _apply_visit(b, visits[n], gaz, out)
        else:  # a report: its place is the province of its communes, else its draft's
            names = [i.get("commune") for i in issues if i.get("commune")]
            provinces = {gaz.resolve(x).province_code for x in names} - {None}
            if not b.visit.get("province_code") and len(provinces) == 1:
                b = review.set_visit(b, province_code=provinces.pop(), scope="commune")
                out.actions["visit field"] += 1
            if not b.visit.get("province_code"):
                b = review.set_visit(b, scope="national")
                out.actions["visit field"] += 1
        if n == 0:  # the document's issues and proposals go to its first record
            b = _apply_issues(b, issues, gaz, out)
            b = _apply_proposals(b, gold["proposals"], out)
        else:
            for i in list(b.issues):
                b = review.remove_issue(b, i["issue_id"])
            for p in list(b.proposals):
                b = review.remove_proposal(b, p["proposal_id"])
        _save(store, b, out)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder with articles/ and gold/")
    parser.add_argument("--only", default="*", help="glob on document ids")
    parser.add_argument("--show", type=int, default=15, help="misses to list")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")
    args = parser.parse_args(argv)
    gold_dir, articles = args.corpus / "gold", args.corpus / "articles"
    if not gold_dir.is_dir():
        print(f"error: no gold/ folder in {args.corpus}", file=sys.stderr)
        return 2
    gaz = default_gazetteer()
    outcomes: list[Outcome] = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for path in sorted(gold_dir.glob("*.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            if not fnmatch.fnmatch(gold["id"], args.only):
                continue
            article = articles / f"{gold['id']}.txt"
            if not article.is_file():
                continue
            outcomes.append(run_document(article, gold, gaz, Path(tmp) / gold["id"]))
    if not outcomes:
        print("error: no documents matched", file=sys.stderr)
        return 2
    wanted = sum((o.wanted for o in outcomes), Counter())
    reached = sum((o.reached for o in outcomes), Counter())
    actions = sorted(o.total for o in outcomes)
    by_kind = sum((o.actions for o in outcomes), Counter())
    p90 = actions[min(len(actions) - 1, int(round(0.9 * (len(actions) - 1))))]
    summary = {
        "documents": len(outcomes),
        "published_or_dismissed": sum(o.published for o in outcomes),
        "representable": {k: f"{reached[k]}/{wanted[k]}" for k in sorted(wanted)},
        "actions_median": statistics.median(actions),
        "actions_p90": p90,
        "actions_by_kind": dict(by_kind.most_common()),
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    else:
        print(f"{summary['documents']} documents, {summary['published_or_dismissed']} published"
              f" or dismissed through the review functions ({summary['seconds']} s)")  # fmt: skip
        for k in sorted(wanted):
            print(f"  {k:<12} {reached[k]:>4}/{wanted[k]:<4} representable"
                  f" ({100 * reached[k] / max(wanted[k], 1):.1f}%)")  # fmt: skip
        print(f"edit actions per document: median {summary['actions_median']}, p90 {p90},"
              f" max {actions[-1]}")  # fmt: skip
        print("by kind: " + ", ".join(f"{k} {n}" for k, n in by_kind.most_common()))
        misses = [m for o in outcomes for m in o.misses]
        for m in misses[: args.show]:
            print(f"  miss: {m}")
        if len(misses) > args.show:
            print(f"  ... and {len(misses) - args.show} more")
    return 0 if all(reached[k] == wanted[k] for k in wanted) else 1


if __name__ == "__main__":
    raise SystemExit(main())
