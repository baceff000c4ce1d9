"""Vietnamese text normalisation: NFC everywhere, accent folding that maps đ/Đ to d."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache, cached_property, lru_cache

# đ/Đ are letters of their own, not d + combining mark: NFD keeps them, so they need a map.
# U+00D0 (Ð, Icelandic eth) is a frequent look-alike in badly encoded Vietnamese text.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_SPACES = re.compile(r"\s+")
# Combining marks of the Latin script (Vietnamese tones and vowel marks are all here).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    """Return text in Unicode NFC with zero-width characters removed."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))


def _build_fold_table() -> dict[int, str]:
    """Every precomposed Latin letter (lower case) -> its base letters, đ -> d."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x2000):
        ch = chr(code)
        if not ch.isalpha() or ch != ch.lower():
            continue
        base = _COMBINING.sub("", unicodedata.normalize("NFD", ch.translate(_D_MAP)))
        if base != ch and base.isascii():
            table[code] = base
    table.update({ord("đ"): "d", ord("ð"): "d"})
    return table


_FOLD_TABLE = _build_fold_table()
FOLD_TABLE = _FOLD_TABLE  # lower case -> folded, one character each


def fold(text: str) -> str:
    """Accent- and case-insensitive key: 'Đắk Lắk' -> 'dak lak'.

    Must stay equal to the warehouse macro ``fold_text`` (tests check both agree).
    """
    text = text.lower().translate(_FOLD_TABLE)
    if _COMBINING.search(text):  # decomposed input (NFD) or marks on other letters
        text = _COMBINING.sub("", unicodedata.normalize("NFD", text).translate(_FOLD_TABLE))
    return _SPACES.sub(" ", text).strip()


def fold_chars(text: str) -> str | None:
    """A fold that keeps every character's position (no space collapsing), or None when the
    text cannot be folded that way (decomposed marks, case changes that alter length).

    ``squash(fold_chars(t)[i:j]) == fold(t[i:j])`` for the texts it accepts, so long texts can
    be folded once and sliced instead of folded span by span.
    """
    low = text.lower().translate(_FOLD_TABLE)
    if len(low) != len(text) or _COMBINING.search(low):
        return None
    return low


def squash(folded: str) -> str:
    """Collapse whitespace and strip, as ``fold`` does (str.split's whitespace is \\s's)."""
    return " ".join(folded.split())


# Upper-case Latin letters, Vietnamese included ("À-Ỹ" as a range also spans lower case).
UPPER = "A-Z" + "".join(
    ch for ch in map(chr, range(0x00C0, 0x1F00)) if ch.isupper() and ch.isalpha()
)


def _trie_pattern(phrases: list[str]) -> str:
    """A regex for a set of literal phrases as a character trie: a scan tests one branch per
    character instead of every phrase in turn. Longer continuations come first, so at one
    position the longest phrase wins as with a longest-first alternation; the closing word
    boundary is tested after the trie, so a shorter phrase is used when a longer one would
    end inside a word."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        branches = [
            re.escape(ch) + build(child)
            for ch, child in sorted(((c, n) for c, n in node.items() if c), key=lambda x: x[0])
        ]
        end = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not end else "(?:" + "|".join(branches) + ")"
        if end:  # the phrase may stop here: the branches are optional, tried first
            body = (body if len(branches) > 1 else "(?:" + branches[0] + ")") + "?"
        return body

    return build(trie)


@cache
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One compiled alternation of whole-word folded phrases (at one position the longest
    that ends on a word boundary wins)."""
    return re.compile(r"(?<![0-9a-z])(?:" + _trie_pattern(sorted(set(phrases))) + r")(?![0-9a-z])")


# Vietnamese letters with a diacritic: a clause with none of them was typed without marks.
_MARKED = re.compile("[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


@lru_cache(maxsize=8192)
def unaccented(lower: str) -> bool:
    return lower.isascii() or _MARKED.search(lower) is None


class Terms:
    """A set of phrases matched on folded text and confirmed on the accented text."""

    def __init__(self, phrases: Iterable[str]) -> None:
        spelled: dict[str, set[str]] = {}
        for phrase in phrases:
            phrase = nfc(phrase).lower().strip()
            if phrase:
                spelled.setdefault(fold(phrase), set()).add(phrase)
        self._spelled = spelled
        self.folded: tuple[str, ...] = tuple(sorted(spelled, key=lambda p: (-len(p), p)))
        self._checks: dict[str, re.Pattern[str] | None] = {}

    def __iter__(self) -> Iterator[str]:
        return iter(self.folded)

    def __len__(self) -> int:
        return len(self.folded)

    def __contains__(self, folded: object) -> bool:
        return folded in self._spelled

    def spellings(self, folded: str) -> set[str]:
        return set(self._spelled.get(folded, ()))

    @cached_property
    def regex(self) -> re.Pattern[str]:
        return phrase_regex(self.folded)

    def without(self, folded: Iterable[str]) -> Terms:
        drop = set(folded)
        return Terms(s for f, ss in self._spelled.items() if f not in drop for s in ss)

    def _check(self, folded: str) -> re.Pattern[str] | None:
        """The regex of the accented spellings of one folded term (None: nothing to check,
        the term is written without diacritics, as English terms are)."""
        if folded not in self._checks:
            spellings = self._spelled.get(folded, set())
            if folded in spellings or not spellings:
                self._checks[folded] = None
            else:
                alternation = "|".join(re.escape(s) for s in sorted(spellings, key=len)[::-1])
                self._checks[folded] = re.compile(r"(?<![^\W_])(?:" + alternation + r")(?![^\W_])")
        return self._checks[folded]

    def confirmed(self, folded_hit: str, lower: str | None) -> bool:
        if lower is None or unaccented(lower):
            return True  # no accents to check: the folded match is all there is
        check = self._check(folded_hit)
        return check is None or check.search(lower) is not None

    def finditer(self, folded: str, lower: str | None = None) -> Iterator[re.Match[str]]:
        for m in self.regex.finditer(folded):
            if self.confirmed(m.group(0), lower):
                yield m

    def search(self, folded: str, lower: str | None = None) -> re.Match[str] | None:
        m = self.regex.search(folded)
        if m is None or self.confirmed(m.group(0), lower):
            return m
        return next(self.finditer(folded, lower), None)

    def any(self, folded: str, lower: str | None = None) -> bool:
        return self.search(folded, lower) is not None

    def findall(self, folded: str, lower: str | None = None) -> list[str]:
        return [m.group(0) for m in self.finditer(folded, lower)]


# Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y
# (f j w z of loanwords where the Latin alphabet has them), then tones (none, huyền, hỏi,
# ngã, sắc, nặng) only to break ties. Numbers compare as numbers ("Phường 2" < "Phường 10").
# Code-point order puts "Bích" before "Bạch" because ạ (U+1EA1) sorts after i.
_LETTERS = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_LETTERS)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_SORT_TOKEN = re.compile(r"\d+|[^\W\d_]+|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=4096)
def _collation_char(ch: str) -> tuple[tuple[int, int, str], int]:
    parts = unicodedata.normalize("NFD", ch)
    tone = next((_TONES[m] for m in parts if m in _TONES), 0)
    letter = unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES))
    rank = _LETTER_RANK.get(letter)
    # letters of other scripts by code point, after the Vietnamese alphabet
    return ((2, rank, "") if rank is not None else (3, 0, letter), tone)


@lru_cache(maxsize=65536)
def _collation_word(word: str) -> tuple[object, ...]:
    if word.isdecimal():  # int() reads every Unicode decimal digit (not '²')
        return (0, (int(word),), ())
    if not word.isalpha():  # punctuation: after numbers, before words
        return (1, (word,), ())
    chars = [_collation_char(ch) for ch in word]
    return (2, tuple(c for c, _ in chars), tuple(t for _, t in chars))


def vi_sort_key(text: str) -> tuple[tuple[object, ...], str]:
    """Sort key for Vietnamese names in dictionary order: syllable by syllable, letters in
    the Vietnamese alphabet first and tones to break ties ("Ba Vì" < "Bà Rịa" < "Bạch" <
    "Bích" < "Đà Nẵng"); numbers as numbers. Case-insensitive."""
    return tuple(_collation_word(w) for w in _SORT_TOKEN.findall(nfc(text).lower())), text
