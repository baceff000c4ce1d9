"""Gazetteer: resolve place names as written to 2025 commune and province codes.

Pure: the index is built from DataFrames (``vuongmac.geo.admin`` loads them from the
``vietnamadminunits`` package), so tests can build one from a handful of rows.

- Matching ignores case, diacritics (đ folds to d), spaces and leading unit words
  (xã, phường, thị trấn, đặc khu, thị xã, huyện, quận, tỉnh, thành phố, TP.).
- Current 2025 names are tried first, then pre-2025 wards, districts and provinces, which
  convert to the 2025 units they became (``conversion``: unchanged / merged / split).
- A name shared by several units resolves by context (a province in the text, or the
  article's province). When still ambiguous, every candidate is returned with a confidence
  instead of a guess; an unknown name gives ``not_found``, never an exception.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from vuongmac.text import fold, nfc

COMMUNE_WORDS = ("thi tran", "dac khu", "phuong", "xa")
DISTRICT_WORDS = ("thi xa", "huyen", "quan")
PROVINCE_WORDS = ("tinh",)
CITY_WORDS = ("thanh pho", "tp.", "tp")  # a province-level or a district-level city
_ALL_WORDS = sorted(
    COMMUNE_WORDS + DISTRICT_WORDS + PROVINCE_WORDS + CITY_WORDS, key=len, reverse=True
)
_UNIT_PREFIX = re.compile(
    r"^(" + "|".join(re.escape(w) for w in _ALL_WORDS) + r")(?=[\s.]|$)\.?\s*"
)
_NON_WORD = re.compile(r"[^0-9a-z]+")
_PROVINCE_ALIASES = {"hcm": "hochiminh", "tphcm": "hochiminh", "saigon": "hochiminh"}


def split_unit(text: str) -> tuple[str | None, str]:
    """('phuong', 'bac lieu') for 'Phường Bạc Liêu'; (None, name) without a unit word."""
    folded = fold(text).strip(" ,.;:()")
    match = _UNIT_PREFIX.match(folded)
    if not match:
        return None, folded
    return match.group(1).rstrip("."), folded[match.end() :].strip()


def _exact_name(text: str) -> str:
    """Lower-case NFC name without its unit word, diacritics kept."""
    words = nfc(text).lower().split()
    unit, _ = split_unit(text)
    if unit is not None:
        words = words[len(unit.split()) :]
    return " ".join(words).strip(" .,")


def place_key(text: str) -> str:
    """Folded name without unit word or spaces: 'Phường Bạc Liêu' -> 'baclieu'."""
    unit, name = split_unit(text)
    key = _NON_WORD.sub("", name)
    while True:  # "TP. Thành phố Huế" and other doubled prefixes
        unit2, rest = split_unit(name)
        if unit2 is None or not rest:
            break
        name, key = rest, _NON_WORD.sub("", rest)
    return key


class Status(StrEnum):
    RESOLVED = "resolved"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"


class Level(StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"  # pre-2025 districts only
    PROVINCE = "province"


@dataclass(frozen=True, slots=True)
class Unit:
    """A 2025 commune (or, for province-level places, only the province)."""

    commune_code: str | None
    commune_name: str | None
    province_code: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Resolution:
    as_written: str
    status: Status
    level: Level | None = None
    conversion: str | None = None  # current / unchanged / merged / split
    units: tuple[Unit, ...] = field(default_factory=tuple)
    old_name: str | None = None  # the pre-2025 unit matched, when converted

    @property
    def commune_codes(self) -> tuple[str, ...]:
        return tuple(u.commune_code for u in self.units if u.commune_code)

    @property
    def province_code(self) -> str | None:
        provinces = {u.province_code for u in self.units}
        return provinces.pop() if len(provinces) == 1 else None


@dataclass(frozen=True, slots=True)
class _Commune:
    code: str
    name: str
    province_code: str

    @property
    def unit(self) -> str | None:
        return split_unit(self.name)[0]


@dataclass(frozen=True, slots=True)
class _OldWard:
    name: str
    district_key: str
    old_province_code: str
    province_code: str  # 2025 province
    targets: tuple[str, ...]
    conversion: str


class Gazetteer:
    def __init__(
        self,
        communes: pd.DataFrame,
        provinces: pd.DataFrame,
        legacy: pd.DataFrame | None = None,
        old_provinces: pd.DataFrame | None = None,
    ) -> None:
        self._memo: dict[tuple[str, str | None], Resolution] = {}
        self._communes: dict[str, list[_Commune]] = defaultdict(list)
        self._commune_by_code: dict[str, _Commune] = {}
        for code, name, short, prov in communes[
            ["commune_code", "commune_name", "commune_short_name", "province_code"]
        ].itertuples(index=False):
            c = _Commune(code, name, prov)
            self._communes[place_key(short)].append(c)
            self._commune_by_code[code] = c
        self._province_names: dict[str, str] = {}
        self._province_phrases: list[tuple[str, str]] = []  # (folded name with spaces, code)
        self._provinces: dict[str, str] = {}  # key -> 2025 province code
        for code, name, short in provinces[
            ["province_code", "province_name", "province_short_name"]
        ].itertuples(index=False):
            self._province_names[code] = short
            self._province_phrases.append((fold(short), code))
            for key in (place_key(short), place_key(name)):
                self._provinces[key] = code
        for alias, target in _PROVINCE_ALIASES.items():
            if target in self._provinces:
                self._provinces[alias] = self._provinces[target]
        if "hochiminh" in self._provinces:  # how the press writes the city in running text
            for phrase in ("tp.hcm", "tphcm", "tp hcm", "sai gon", "hcm city", "hcmc"):
                self._province_phrases.append((phrase, self._provinces["hochiminh"]))
        if "hanoi" in self._provinces:  # English writes the capital as one word
            self._province_phrases.append(("hanoi", self._provinces["hanoi"]))
        self._old_provinces: dict[str, tuple[str, str]] = {}  # key -> (old code, new code)
        if old_provinces is not None:
            for old_code, name, short, new_code in old_provinces[
                [
                    "old_province_code",
                    "old_province_name",
                    "old_province_short_name",
                    "province_code",
                ]
            ].itertuples(index=False):
                for key in (place_key(short), place_key(name)):
                    self._old_provinces[key] = (old_code, new_code)
                if (fold(short), new_code) not in self._province_phrases:
                    self._province_phrases.append((fold(short), new_code))
        self._old_wards: dict[str, list[_OldWard]] = defaultdict(list)
        self._old_districts: dict[str, dict[tuple[str, str], list[_OldWard]]] = defaultdict(dict)
        if legacy is not None:
            self._index_legacy(legacy)

    def _index_legacy(self, legacy: pd.DataFrame) -> None:
        cols = [
            "ward_name", "ward_short_name", "ward_aliases", "district_code", "district_short_name",
            "district_aliases", "old_province_code", "targets", "conversion",
        ]  # fmt: skip
        for name, short, aliases, dcode, dshort, daliases, old_prov, targets, conv in legacy[
            cols
        ].itertuples(index=False):
            targets = tuple(t for t in targets if t in self._commune_by_code)
            if not targets:
                continue
            new_prov = self._commune_by_code[targets[0]].province_code
            dkey = place_key(dshort)
            ward = _OldWard(name, dkey, old_prov, new_prov, targets, conv)
            for key in {place_key(short), *(place_key(a) for a in aliases)}:
                if key:
                    self._old_wards[key].append(ward)
            for key in {dkey, *(place_key(a) for a in daliases)}:
                if key:
                    self._old_districts[key].setdefault((dcode, old_prov), []).append(ward)

    # -- provinces ---------------------------------------------------------------------

    def province_keys(self) -> list[tuple[str, str]]:
        """(folded name, 2025 code) of every current and pre-2025 province, for text search."""
        return list(self._province_phrases)

    def province_name(self, code: str) -> str | None:
        return self._province_names.get(code)

    def resolve_province(self, text: str) -> str | None:
        """2025 province code for a current or pre-2025 province name, else None."""
        key = place_key(text)
        if key in self._provinces:
            return self._provinces[key]
        if key in self._old_provinces:
            return self._old_provinces[key][1]
        return None

    def _old_province_code(self, text: str) -> str | None:
        entry = self._old_provinces.get(place_key(text))
        return entry[0] if entry else None

    # -- places ------------------------------------------------------------------------

    _MEMO_LIMIT = 100_000

    def resolve(self, text: str, province_code: str | None = None) -> Resolution:
        """Resolve one place as written, e.g. 'xã Kim Bôi, huyện Kim Bôi, tỉnh Hòa Bình'.

        ``province_code`` is context (the article's 2025 province), used when the text
        names none. Results are memoised: the index never changes after construction.
        """
        key = (text, province_code)
        found = self._memo.get(key)
        if found is None:
            if len(self._memo) >= self._MEMO_LIMIT:
                self._memo.clear()
            found = self._memo[key] = self._resolve(text, province_code)
        return found

    def _resolve(self, text: str, province_code: str | None) -> Resolution:
        parts = [p for p in re.split(r"[,;\n]", text) if p.strip()]
        if not parts:
            return Resolution(text, Status.NOT_FOUND)
        head, context = parts[0], parts[1:]
        old_province = None
        district_key = None
        for part in context:
            unit, _ = split_unit(part)
            code = self.resolve_province(part)
            if code and unit not in DISTRICT_WORDS:
                province_code = code
                old_province = self._old_province_code(part)
            elif unit in DISTRICT_WORDS + CITY_WORDS or unit is None:
                district_key = place_key(part)
        unit, _ = split_unit(head)
        key = place_key(head)
        if not key:
            return Resolution(text, Status.NOT_FOUND)

        if unit in PROVINCE_WORDS or (unit in CITY_WORDS and self.resolve_province(head)):
            return self._province_resolution(text, head)
        if unit in DISTRICT_WORDS or unit in CITY_WORDS:
            return self._district_resolution(text, key, province_code, old_province)
        if unit in COMMUNE_WORDS and district_key is not None:
            # "xã X, huyện Y" is a pre-2025 address: the old ward wins over a 2025 namesake.
            found = self._old_ward_resolution(text, key, province_code, old_province, district_key)
            if found.status is not Status.NOT_FOUND:
                return found
        found = self._commune_resolution(text, key, province_code, unit, head)
        if found.status is not Status.NOT_FOUND:
            return found
        found = self._old_ward_resolution(text, key, province_code, old_province, district_key)
        if found.status is not Status.NOT_FOUND:
            return found
        if unit is None:
            found = self._district_resolution(text, key, province_code, old_province)
            if found.status is not Status.NOT_FOUND:
                return found
            if self.resolve_province(head):
                return self._province_resolution(text, head)
        return Resolution(text, Status.NOT_FOUND)

    def _province_resolution(self, text: str, head: str) -> Resolution:
        code = self.resolve_province(head)
        if code is None:
            return Resolution(text, Status.NOT_FOUND)
        conversion = "current" if place_key(head) in self._provinces else "merged"
        return Resolution(
            text, Status.RESOLVED, Level.PROVINCE, conversion, (Unit(None, None, code),)
        )

    def _commune_resolution(
        self,
        text: str,
        key: str,
        province_code: str | None,
        unit: str | None = None,
        head: str | None = None,
    ) -> Resolution:
        rows = self._communes.get(key, [])
        if province_code is not None:
            rows = [r for r in rows if r.province_code == province_code]
        if unit in COMMUNE_WORDS:  # "phường X" prefers the ward X over the commune X
            rows = [r for r in rows if r.unit == unit] or rows
        if len(rows) > 1 and head is not None and not head.isascii():
            # Written with diacritics: "Lượng Minh" is not "Lương Minh".
            written = _exact_name(head)
            rows = [r for r in rows if _exact_name(r.name) == written] or rows
        if not rows:
            return Resolution(text, Status.NOT_FOUND)
        status = Status.RESOLVED if len(rows) == 1 else Status.AMBIGUOUS
        confidence = 1.0 / len(rows)
        units = tuple(Unit(r.code, r.name, r.province_code, confidence) for r in rows)
        return Resolution(text, status, Level.COMMUNE, "current", units)

    def _unit(self, code: str, confidence: float = 1.0) -> Unit:
        c = self._commune_by_code[code]
        return Unit(c.code, c.name, c.province_code, confidence)

    def _old_ward_resolution(
        self,
        text: str,
        key: str,
        province_code: str | None,
        old_province: str | None,
        district_key: str | None,
    ) -> Resolution:
        wards = self._old_wards.get(key, [])
        if old_province is not None:
            wards = [w for w in wards if w.old_province_code == old_province]
        elif province_code is not None:
            wards = [w for w in wards if w.province_code == province_code]
        if district_key is not None:
            in_district = [w for w in wards if w.district_key == district_key]
            wards = in_district or wards
        if not wards:
            return Resolution(text, Status.NOT_FOUND)
        if len(wards) == 1:
            w = wards[0]
            return Resolution(
                text, Status.RESOLVED, Level.COMMUNE, w.conversion,
                tuple(self._unit(t) for t in w.targets), old_name=w.name,
            )  # fmt: skip
        confidence = 1.0 / len(wards)
        units = tuple(self._unit(w.targets[0], confidence) for w in wards)
        return Resolution(text, Status.AMBIGUOUS, Level.COMMUNE, None, units)

    def _district_resolution(
        self, text: str, key: str, province_code: str | None, old_province: str | None
    ) -> Resolution:
        districts = self._old_districts.get(key, {})
        matches = [
            (dkey, wards)
            for dkey, wards in districts.items()
            if (old_province is None or dkey[1] == old_province)
            and (province_code is None or wards[0].province_code == province_code)
        ]
        if not matches:
            return Resolution(text, Status.NOT_FOUND)
        if len(matches) > 1:
            confidence = 1.0 / len(matches)
            units = tuple(
                Unit(None, None, wards[0].province_code, confidence) for _, wards in matches
            )
            return Resolution(text, Status.AMBIGUOUS, Level.DISTRICT, None, units)
        wards = matches[0][1]
        targets = list(dict.fromkeys(t for w in wards for t in w.targets))
        conversion = "merged" if len(targets) == 1 else "split"
        return Resolution(
            text, Status.RESOLVED, Level.DISTRICT, conversion, tuple(self._unit(t) for t in targets)
        )

    def search(self, text: str, limit: int = 20) -> list[Unit]:
        """Communes whose name starts with the typed text (accent-insensitive), for search boxes."""
        key = place_key(text)
        if not key:
            return []
        hits = [c for k, cs in self._communes.items() if k.startswith(key) for c in cs]
        hits.sort(key=lambda c: (len(c.name), c.name))
        return [Unit(c.code, c.name, c.province_code) for c in hits[:limit]]

    def communes_in(self, codes: Iterable[str]) -> list[Unit]:
        return [self._unit(c) for c in codes if c in self._commune_by_code]
