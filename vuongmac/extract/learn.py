"""Training the category model from a gold-coded corpus (scikit-learn, at build time only).

Each clause of each document is an example: its labels are the categories of the gold
evidence quotes it overlaps (a clause that overlaps none is a negative). The codebook's own
examples are added as positives. One logistic regression per category (binary features,
L2): a detector of difficulty clauses over every clause, and a softmax categorizer over
the difficulty clauses; the detector's threshold is chosen by grouped cross-validation
inside the training documents on the document-level category F1 the evaluation reports.

Groups are publishers (the registrable domain of the article's URL): no outlet's templates
sit on both sides of a split.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from vuongmac.codebook import load_codebook
from vuongmac.extract import Extractor, detect_language
from vuongmac.extract.catmodel import FEATURE_VERSION, CategoryModel, clause_features
from vuongmac.extract.issues import candidates
from vuongmac.extract.metadata import registrable_domain
from vuongmac.text import nfc

MIN_FEATURE_COUNT = 2
C_DETECTOR = 0.5
C_CATEGORY = 2.0
PRUNE = 0.01  # weights smaller than this are left out of the model file


def publisher_group(url: str | None, fallback: str) -> str:
    """The registrable domain of ``url`` ("en.baogialai.com.vn" -> "baogialai.com.vn");
    documents without a URL form a group of their own name's prefix (the seeds)."""
    return registrable_domain(url) or "nourl:" + fallback.split("_")[0]


@dataclass
class DocExamples:
    name: str
    group: str
    language: str
    relevant: bool
    gold_categories: frozenset[str]
    features: list[list[str]]
    labels: list[frozenset[str]]


def _overlaps(a: int, b: int, start: int, end: int) -> bool:
    inter = min(b, end) - max(a, start)
    return inter > 0 and inter >= 0.5 * min(b - a, end - start)


def document_examples(extractor: Extractor, name: str, raw: str, gold: dict) -> DocExamples:
    text, cands = extractor.candidates(raw)
    language = detect_language(text)
    spans: list[tuple[int, int, str]] = []
    for issue in gold.get("issues", []):
        quote = nfc(issue["evidence"])
        at = text.find(quote)
        if at >= 0:
            spans.append((at, at + len(quote), issue["category"]))
    feats, labels = [], []
    for cand in cands:
        c = cand.clause
        feats.append(clause_features(c.lower, c.folded, cand.rule_categories, cand.flags, language))
        labels.append(frozenset(cat for a, b, cat in spans if _overlaps(a, b, c.start, c.end)))
    return DocExamples(
        name=name,
        group=publisher_group(gold.get("url"), name),
        language=language,
        relevant=bool(gold.get("relevant")),
        gold_categories=frozenset(i["category"] for i in gold.get("issues", [])),
        features=feats,
        labels=labels,
    )


def codebook_examples() -> list[tuple[list[str], frozenset[str]]]:
    """The codebook's example phrases, each a positive of its category."""
    out = []
    for cat in load_codebook():
        for example in cat.examples:
            text = nfc(example)
            language = detect_language(text)
            for cand in candidates(text, [], []):
                c = cand.clause
                feats = clause_features(
                    c.lower, c.folded, cand.rule_categories, cand.flags, language
                )
                out.append((feats, frozenset({cat.category_id})))
    return out


def load_corpus(corpus: Path, extractor: Extractor) -> list[DocExamples]:
    docs = []
    articles = sorted((corpus / "articles").glob("*.txt"))
    if not articles:
        raise FileNotFoundError(f"{corpus}/articles has no .txt files")
    for article in articles:
        gold_path = corpus / "gold" / f"{article.stem}.json"
        if gold_path.is_file():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            raw = article.read_text(encoding="utf-8", errors="replace")
            docs.append(document_examples(extractor, article.stem, raw, gold))
    return docs


def corpus_hash(corpus: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((corpus / "articles").glob("*.txt")) + sorted(
        (corpus / "gold").glob("*.json")
    ):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def group_folds(groups: Sequence[str], k: int) -> list[list[int]]:
    """Deterministic grouped folds: groups by size (largest first, then name) go to the
    fold with the fewest documents so far."""
    by_group: dict[str, list[int]] = {}
    for i, g in enumerate(groups):
        by_group.setdefault(g, []).append(i)
    k = max(1, min(k, len(by_group)))
    folds: list[list[int]] = [[] for _ in range(k)]
    for g in sorted(by_group, key=lambda g: (-len(by_group[g]), g)):
        min(folds, key=lambda f: (len(f), folds.index(f))).extend(by_group[g])
    return [sorted(f) for f in folds]


def _matrix(examples: Sequence[list[str]], index: dict[str, int]):  # noqa: ANN202
    import numpy as np
    from scipy.sparse import csr_matrix

    rows, cols = [], []
    for r, feats in enumerate(examples):
        for f in feats:
            if f in index:
                rows.append(r)
                cols.append(index[f])
    return csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(index)), dtype=np.float64
    )


def _fit(
    examples: list[tuple[list[str], frozenset[str]]],
    classes: tuple[str, ...],
    threshold: float,
    meta: dict | None = None,
) -> CategoryModel:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    counts: dict[str, int] = {}
    for feats, _ in examples:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= MIN_FEATURE_COUNT)
    index = {f: i for i, f in enumerate(vocab)}
    x = _matrix([f for f, _ in examples], index)
    y = np.array([bool(labels) for _, labels in examples], dtype=int)
    det = LogisticRegression(C=C_DETECTOR, solver="liblinear", class_weight="balanced")
    det.fit(x, y)
    detector = {
        vocab[j]: float(det.coef_[0][j]) for j in np.flatnonzero(np.abs(det.coef_[0]) >= PRUNE)
    }
    # The categorizer sees difficulty clauses only, one row per category they carry.
    rows = [(feats, c) for feats, labels in examples for c in sorted(labels)]
    x2 = _matrix([f for f, _ in rows], index)
    y2 = [c for _, c in rows]
    cat = LogisticRegression(C=C_CATEGORY, max_iter=3000, class_weight="balanced")
    cat.fit(x2, y2)
    known = list(cat.classes_)
    intercepts = [float(cat.intercept_[known.index(c)]) if c in known else -30.0 for c in classes]
    weights: dict[str, dict[int, float]] = {}
    for k, c in enumerate(classes):
        if c not in known:
            continue
        coef = cat.coef_[known.index(c)]
        for j in np.flatnonzero(np.abs(coef) >= PRUNE):
            weights.setdefault(vocab[j], {})[k] = float(coef[j])
    return CategoryModel(
        classes=classes,
        detector_intercept=float(det.intercept_[0]),
        detector=detector,
        intercepts=intercepts,
        weights=weights,
        threshold=threshold,
        meta=dict(meta or {}),
    )


def _examples(docs: Sequence[DocExamples]) -> list[tuple[list[str], frozenset[str]]]:
    return [(f, y) for d in docs for f, y in zip(d.features, d.labels, strict=True)]


def _doc_f1(model: CategoryModel, docs: Sequence[DocExamples], thresholds: Sequence[float]):  # noqa: ANN202
    """Document-level micro F1 of the category sets (rules and model, as the extractor
    decides) at each detector threshold, over the relevant documents."""
    per_doc = []
    for d in docs:
        if not d.relevant:
            continue
        clauses = []
        for feats in d.features:
            rules = {f[5:] for f in feats if f.startswith("rule:") and f != "rule:any"}
            p = model.difficulty(feats)
            saved, model.threshold = model.threshold, 0.0
            picked = {c for c, _ in model.categories(feats)[1]}
            model.threshold = saved
            clauses.append((p, picked, rules))
        per_doc.append((clauses, d.gold_categories))
    out = []
    for t in thresholds:
        tp = fp = fn = 0
        for clauses, gold in per_doc:
            pred: set[str] = set()
            for p, picked, rules in clauses:
                pred |= rules | (picked if p >= t else set())
            tp += len(pred & gold)
            fp += len(pred - gold)
            fn += len(gold - pred)
        out.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return out


THRESHOLDS = tuple(round(0.40 + 0.05 * i, 2) for i in range(11))  # 0.40 .. 0.90


def fit(
    docs: Sequence[DocExamples],
    extra: list[tuple[list[str], frozenset[str]]] | None = None,
    inner_folds: int = 3,
    meta: dict | None = None,
) -> CategoryModel:
    """Train on ``docs`` (+ ``extra`` examples); the detector threshold is the one with the
    best document-level F1 over a grouped cross-validation inside ``docs``."""
    from vuongmac.codebook import category_ids

    classes = tuple(category_ids())
    extra = extra or []
    folds = group_folds([d.group for d in docs], inner_folds)
    threshold = 0.7
    if len(folds) >= 2:
        f1_sum = [0.0] * len(THRESHOLDS)
        for held in folds:
            held_set = set(held)
            train = [d for i, d in enumerate(docs) if i not in held_set]
            inner = _fit(_examples(train) + extra, classes, 0.5)
            for i, v in enumerate(_doc_f1(inner, [docs[i] for i in held], THRESHOLDS)):
                f1_sum[i] += v * len(held)
        threshold = THRESHOLDS[max(range(len(THRESHOLDS)), key=lambda i: (f1_sum[i], i))]
    info = {"documents": len(docs), "threshold_from": f"{len(folds)}-fold grouped CV"}
    info.update(meta or {})
    return _fit(_examples(docs) + extra, classes, threshold, info)


def train_from_corpus(corpus: Path, extractor: Extractor) -> CategoryModel:
    import sklearn

    docs = load_corpus(corpus, extractor)
    meta = {
        "command": "python -m vuongmac train-model CORPUS",
        "corpus_hash": corpus_hash(corpus),
        "sklearn": sklearn.__version__,
        "C_detector": C_DETECTOR,
        "C_category": C_CATEGORY,
        "min_feature_count": MIN_FEATURE_COUNT,
        "feature_version": FEATURE_VERSION,
    }
    return fit(docs, codebook_examples(), meta=meta)
