"""Gazetteer: resolve place names as written to 2025 commune and province codes.

Pure: the index is built from DataFrames (``vuongmac.geo.admin`` loads them), so tests can
build one from a handful of rows. Matching is accent- and case-insensitive (đ folds to d)
and ignores unit words (xã, phường, tỉnh, ...). A name shared by several communes resolves
by the province given as context; without it, every candidate is returned with a confidence
that says how ambiguous the name is, never a silent guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from vuongmac.text import fold

# Longest first so "thị trấn" is stripped before a shorter word could match inside it.
_UNIT_WORDS = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "tp.",
    "tp",
    "xa",
)
_UNIT_PREFIX = re.compile(r"^(?:" + "|".join(re.escape(w) for w in _UNIT_WORDS) + r")\b\.?\s*")


def place_key(text: str) -> str:
    """Folded name without a leading unit word: 'Phường Bạc Liêu' -> 'bac lieu'."""
    key = fold(text).strip(" ,.;:")
    previous = None
    while key != previous:  # "thành phố" + "tp." may both lead
        previous = key
        key = _UNIT_PREFIX.sub("", key).strip()
    return key


@dataclass(frozen=True, slots=True)
class Candidate:
    commune_code: str
    commune_name: str
    province_code: str
    confidence: float


@dataclass(frozen=True, slots=True)
class ProvinceRef:
    province_code: str
    province_name: str


class Gazetteer:
    def __init__(self, communes: pd.DataFrame, provinces: pd.DataFrame) -> None:
        self._communes: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for code, name, short, prov in communes[
            ["commune_code", "commune_name", "commune_short_name", "province_code"]
        ].itertuples(index=False):
            self._communes[place_key(short)].append((code, name, prov))
        self._provinces: dict[str, ProvinceRef] = {}
        for code, name, short in provinces[
            ["province_code", "province_name", "province_short_name"]
        ].itertuples(index=False):
            ref = ProvinceRef(code, name)
            self._provinces[place_key(short)] = ref
            self._provinces[place_key(name)] = ref
        # Common short forms in the press.
        for alias, short in (("hcm", "ho chi minh"), ("tphcm", "ho chi minh"), ("hue", "hue")):
            if short in self._provinces:
                self._provinces.setdefault(alias, self._provinces[short])

    def resolve_province(self, text: str) -> ProvinceRef | None:
        return self._provinces.get(place_key(text))

    def resolve_commune(self, text: str, province_code: str | None = None) -> list[Candidate]:
        """Candidates for a commune name, best first; empty when the name is unknown."""
        rows = self._communes.get(place_key(text), [])
        if province_code is not None:
            in_province = [r for r in rows if r[2] == province_code]
            if in_province:
                rows = in_province
        if not rows:
            return []
        confidence = 1.0 / len(rows)
        return [Candidate(code, name, prov, confidence) for code, name, prov in rows]
