"""Score the extractor against a gold-coded corpus (``articles/*.txt`` + ``gold/*.json``).

Per document (as the gold coding is): relevance; visit date and province (over documents
whose gold has visits: the set of non-null values must be equal); communes, categories and
agencies as sets, micro-averaged P/R/F1. Names are compared accent-folded without unit
words; agencies through the canonical agency list on both sides ("Department of Finance" =
"Sở Tài chính", "the province" = "tỉnh": a role), unknown ones by folded containment. Grouped by detected language.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from vuongmac.agencies import agencies, agency_key
from vuongmac.extract import Draft, Extractor, detect_language
from vuongmac.geo.gazetteer import Gazetteer, place_key


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, predicted: set[str], gold: set[str], match=None) -> None:  # noqa: ANN001
        if match is None:
            tp = len(predicted & gold)
        else:
            tp = sum(1 for g in gold if any(match(p, g) for p in predicted))
        self.tp += tp
        self.fp += max(len(predicted) - tp, 0)
        self.fn += len(gold) - tp

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Acc:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Scores:
    documents: int = 0
    relevance: Acc = field(default_factory=Acc)
    date: Acc = field(default_factory=Acc)
    province: Acc = field(default_factory=Acc)
    communes: PRF = field(default_factory=PRF)
    categories: PRF = field(default_factory=PRF)
    agencies: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)


def _agency_match(predicted: str, gold: str) -> bool:
    """Canonical ids match exactly; unknown agencies (folded text) when one contains the
    other (agencies are written at different lengths: "Tổ công tác" vs "Tổ công tác số 12")."""
    if predicted == gold:
        return True
    known = {a.agency_id for a in agencies()}
    if predicted in known or gold in known:
        return False
    return predicted in gold or gold in predicted


def score_document(
    draft: Draft, gold: dict, gazetteer: Gazetteer, scores: Scores, name: str
) -> None:
    scores.documents += 1
    scores.relevance.add(draft.relevant == gold["relevant"])
    if draft.relevant != gold["relevant"]:
        scores.errors.append(f"{name}: relevance {draft.relevant} (gold {gold['relevant']})")
    if not gold["relevant"]:
        return
    if gold["visits"]:
        gold_dates = {v["date"] for v in gold["visits"] if v.get("date")}
        pred_dates = {v.date for v in draft.visits if v.date}
        scores.date.add(gold_dates == pred_dates)
        if gold_dates != pred_dates:
            scores.errors.append(f"{name}: date {sorted(pred_dates)} (gold {sorted(gold_dates)})")
        gold_prov = {
            gazetteer.resolve_province(v["province_2025"])
            for v in gold["visits"]
            if v.get("province_2025")
        }
        pred_prov = {v.province_code for v in draft.visits if v.province_code}
        scores.province.add(gold_prov == pred_prov)
        if gold_prov != pred_prov:
            scores.errors.append(f"{name}: province {sorted(pred_prov)} (gold {sorted(gold_prov)})")
    gold_communes = {place_key(c) for v in gold["visits"] for c in v["communes"]}
    pred_communes = {place_key(c.as_written) for v in draft.visits for c in v.communes}
    scores.communes.add(pred_communes, gold_communes)
    if pred_communes != gold_communes:
        scores.errors.append(
            f"{name}: communes +{sorted(pred_communes - gold_communes)} -{sorted(gold_communes - pred_communes)}"
        )
    gold_cats = {i["category"] for i in gold["issues"]}
    pred_cats = {i.category for i in draft.issues}
    scores.categories.add(pred_cats, gold_cats)
    if pred_cats != gold_cats:
        scores.errors.append(
            f"{name}: categories +{sorted(pred_cats - gold_cats)} -{sorted(gold_cats - pred_cats)}"
        )
    gold_ag = {agency_key(p.get("assigned_agency")) for p in gold["proposals"]} - {None}
    pred_ag = {agency_key(p.assigned_agency) for p in draft.proposals} - {None}
    scores.agencies.add(pred_ag, gold_ag, match=_agency_match)
    if pred_ag != gold_ag:
        scores.errors.append(f"{name}: agencies {sorted(pred_ag)} (gold {sorted(gold_ag)})")


def _documents(corpus: Path) -> list[tuple[str, str, dict]]:
    articles = sorted((corpus / "articles").glob("*.txt"))
    if not articles:
        raise FileNotFoundError(f"{corpus}/articles has no .txt files")
    out = []
    for article in articles:
        gold_path = corpus / "gold" / f"{article.stem}.json"
        if gold_path.is_file():
            text = article.read_text(encoding="utf-8", errors="replace")
            out.append((article.stem, text, json.loads(gold_path.read_text(encoding="utf-8"))))
    return out


def _score_into(
    extractor: Extractor,
    gazetteer: Gazetteer,
    document: tuple[str, str, dict],
    only: str | None,
    *tables: dict[str, Scores],
) -> None:
    """Extract one document and add its scores, under its language and "all", to each table
    (documents whose name does not match ``only`` are skipped)."""
    name, text, gold = document
    if only and not fnmatch(name, only):
        return
    draft = extractor(text)
    for key in (detect_language(text), "all"):
        for table in tables:
            score_document(draft, gold, gazetteer, table[key], name)


def evaluate(
    corpus: Path, extractor: Extractor, gazetteer: Gazetteer, only: str | None = None
) -> dict[str, Scores]:
    """Fit figures: one extractor (with whatever model it holds) on every document."""
    by_lang: dict[str, Scores] = defaultdict(Scores)
    for document in _documents(corpus):
        _score_into(extractor, gazetteer, document, only, by_lang)
    return dict(by_lang)


@dataclass
class CrossValidation:
    folds: list[dict[str, Scores]]
    fold_groups: list[list[str]]
    pooled: dict[str, Scores]


def cross_validate(
    corpus: Path, gazetteer: Gazetteer, k: int = 5, only: str | None = None
) -> CrossValidation:
    """Grouped k-fold cross-validation, folds by publisher: for each fold the category model
    (and its threshold) is trained on the other folds' documents and the codebook examples,
    then the whole extractor is scored on the fold. Rules are the same in every fold."""
    from vuongmac.extract import learn

    documents = _documents(corpus)
    base = Extractor(gazetteer, None)
    examples = [learn.document_examples(base, n, t, g) for n, t, g in documents]
    extra = learn.codebook_examples()
    folds = learn.group_folds([e.group for e in examples], k)
    pooled: dict[str, Scores] = defaultdict(Scores)
    per_fold: list[dict[str, Scores]] = []
    groups: list[list[str]] = []
    for held in folds:
        held_set = set(held)
        model = learn.fit([e for i, e in enumerate(examples) if i not in held_set], extra)
        extractor = Extractor(gazetteer, model)
        scores: dict[str, Scores] = defaultdict(Scores)
        for i in held:
            _score_into(extractor, gazetteer, documents[i], only, scores, pooled)
        per_fold.append(dict(scores))
        groups.append(sorted({examples[i].group for i in held}))
    return CrossValidation(per_fold, groups, dict(pooled))


def format_report(results: dict[str, Scores], verbose: bool = False, title: str = "") -> str:
    lines = [
        f"{title:<5}{'docs':>5} {'relev':>6} {'date':>6} {'prov':>6} {'commune P/R/F1':>17}"
        f" {'category P/R/F1':>17} {'agency P/R/F1':>17}"
    ]
    for lang in [k for k in ("vi", "en", "all") if k in results]:
        s = results[lang]

        def prf(x: PRF) -> str:
            return f"{x.precision:.2f}/{x.recall:.2f}/{x.f1:.2f}"

        lines.append(
            f"{lang:<5}{s.documents:>5} {s.relevance.value:>6.2f} {s.date.value:>6.2f}"
            f" {s.province.value:>6.2f} {prf(s.communes):>17} {prf(s.categories):>17}"
            f" {prf(s.agencies):>17}"
        )
    if verbose and "all" in results:
        lines.append("")
        lines.extend(results["all"].errors)
    return "\n".join(lines)
