"""The learned category model: a linear multi-label scorer over difficulty clauses.

Pure and small: the model is a JSON file of feature weights (one weight per category),
trained by ``python -m vuongmac train-model`` (scikit-learn, see ``learn.py``) and read
here without scikit-learn, so scoring a clause is a few dictionary look-ups. Features are
words and word pairs of the accented clause and of its folded form, the lexicon categories
it names (accent-confirmed), and what the rules found (their categories and cues), so rules
and model work together: the rules propose, the model weighs.
"""

from __future__ import annotations

import heapq
import json
import math
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from vuongmac.extract import lexicon as lx
from vuongmac.text import FOLD_TABLE

FEATURE_VERSION = 2
MODEL_PATH = Path(__file__).parent / "data" / "category_model.json"

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def lexicon_categories(folded: str, lower: str) -> list[str]:
    """Categories whose terms the clause names (accent-confirmed), in order of first hit."""
    out: list[str] = []
    for m in lx.ALL_CATEGORY_TERMS.finditer(folded, lower):
        out += [c for c in lx.CATEGORIES_OF[m.group(0)] if c not in out]
    return out


def worth_scoring(
    rule_categories: tuple[str, ...] | list[str], flags: frozenset[str], lexicon: list[str]
) -> bool:
    """Whether the model can add anything to a clause: it names a difficulty cue, sits in a
    list of difficulties, or names a category term (``lexicon``: its
    :func:`lexicon_categories`). Other clauses (four in ten) are never scored: measured by
    cross-validation, scoring them changes no document's categories."""
    return bool(rule_categories or lexicon or "strong" in flags or "listed" in flags)


def clause_features(
    lower: str,
    folded: str,
    rule_categories: tuple[str, ...] | list[str],
    flags: frozenset[str] | set[str],
    language: str,
    lexicon: list[str] | None = None,
) -> list[str]:
    """The feature names of one clause (binary features: present or not), in an order that
    depends on the text alone (so float sums, and decisions, are the same in every run).
    ``lexicon``: the clause's :func:`lexicon_categories` when already known."""
    words = _WORD.findall(lower)
    # the folded clause is the clause folded letter by letter: the same words, folded
    fwords = _WORD.findall(folded)
    if len(fwords) != len(words):  # a text the position-keeping fold could not fold
        fwords = " ".join(words).translate(FOLD_TABLE).split()
    feats = ["w:" + w for w in words]
    feats += ["f:" + w for w in fwords]
    feats += ["fb:" + a + " " + b for a, b in zip(fwords, fwords[1:], strict=False)]
    lex = lexicon_categories(folded, lower) if lexicon is None else lexicon
    feats += ["lex:" + c for c in lex]
    if lex:
        feats.append("lex1:" + lex[0])
    feats += ["rule:" + c for c in rule_categories]
    if rule_categories:
        feats.append("rule:any")
    feats += ["flag:" + f for f in sorted(flags)]
    n = len(words)
    feats.append("len:short" if n < 6 else "len:long" if n > 40 else "len:mid")
    feats.append("lang:" + language)
    return list(dict.fromkeys(feats))


@dataclass
class CategoryModel:
    """Two linear stages over clause features: a detector (is this clause a difficulty?)
    and a categorizer (softmax over the codebook's categories, trained on difficulty
    clauses). A clause is a difficulty when the detector's probability reaches
    ``threshold`` (chosen by grouped cross-validation); it then gets its most likely
    category and every other one at or above ``category_floor``. The rules' own categories
    are kept beside the model's (see ``issues.model_issues``)."""

    classes: tuple[str, ...]
    detector_intercept: float
    detector: dict[str, float]  # feature -> weight
    intercepts: list[float]
    weights: dict[str, dict[int, float]]  # feature -> {class index: weight}
    threshold: float
    category_floor: float = 0.3
    meta: dict[str, Any] = field(default_factory=dict)

    def difficulty(self, features: list[str]) -> float:
        z = self.detector_intercept + sum(filter(None, map(self.detector.get, features)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    @cached_property
    def _matrix(self) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
        """The categorizer's weights as a dense matrix (one row per feature)."""
        index = {f: i for i, f in enumerate(self.weights)}
        w = np.zeros((len(index) + 1, len(self.classes)))
        for f, row in self.weights.items():
            for k, v in row.items():
                w[index[f], k] = v
        return index, w, np.asarray(self.intercepts, dtype=float)

    def category_scores(self, features: list[str]) -> list[float]:
        index, w, intercepts = self._matrix
        rows = [index[f] for f in features if f in index]
        z = intercepts + w[rows].sum(axis=0)
        e = np.exp(z - z.max())
        return (e / e.sum()).tolist()

    def categories(self, features: list[str]) -> tuple[float, list[tuple[str, float]]]:
        """(difficulty probability, [(category, probability)] when it is a difficulty)."""
        p = self.difficulty(features)
        if p < self.threshold:
            return p, []
        scores = self.category_scores(features)
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        picked = [
            (c, s)
            for k, (c, s) in enumerate(zip(self.classes, scores, strict=True))
            if k == best or s >= self.category_floor
        ]
        return p, picked

    def explain(self, features: list[str], category: str, top: int = 3) -> list[str]:
        """The features that pushed ``category`` up the most, strongest first."""
        k = self.classes.index(category)
        weights = self.weights
        pushed = [
            (w, f) for f in features if (row := weights.get(f)) and (w := row.get(k, 0.0)) > 0
        ]
        return [f"{f} (+{w:.2f})" for w, f in heapq.nlargest(top, pushed)]

    def to_json(self) -> dict[str, Any]:
        return {
            "feature_version": FEATURE_VERSION,
            "classes": list(self.classes),
            "threshold": round(self.threshold, 4),
            "category_floor": self.category_floor,
            "meta": self.meta,
            "detector_intercept": round(self.detector_intercept, 4),
            "detector": {f: round(w, 4) for f, w in sorted(self.detector.items())},
            "intercepts": [round(v, 4) for v in self.intercepts],
            "weights": {
                f: {str(k): round(w, 4) for k, w in sorted(row.items())}
                for f, row in sorted(self.weights.items())
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CategoryModel:
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(
                f"category model has feature version {data.get('feature_version')}, "
                f"this code reads {FEATURE_VERSION}: retrain with `python -m vuongmac train-model`"
            )
        return cls(
            classes=tuple(data["classes"]),
            detector_intercept=float(data["detector_intercept"]),
            detector={f: float(w) for f, w in data["detector"].items()},
            intercepts=[float(v) for v in data["intercepts"]],
            weights={
                f: {int(k): float(w) for k, w in row.items()} for f, row in data["weights"].items()
            },
            threshold=float(data["threshold"]),
            category_floor=float(data.get("category_floor", 0.3)),
            meta=dict(data.get("meta", {})),
        )

    def save(self, path: Path) -> None:
        path.write_text(
            json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
            + "\n",
            encoding="utf-8",
        )


def load_model(path: Path = MODEL_PATH) -> CategoryModel | None:
    """The committed model, or None when there is none (the rules then decide alone)."""
    if not path.is_file():
        return None
    return CategoryModel.from_json(json.loads(path.read_text(encoding="utf-8")))
