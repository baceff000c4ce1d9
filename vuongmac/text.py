"""Vietnamese text normalisation: NFC everywhere, accent folding that maps đ/Đ to d."""

from __future__ import annotations

import re
import unicodedata

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
