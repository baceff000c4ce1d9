"""Vietnamese text normalisation: NFC everywhere, accent folding that maps đ/Đ to d."""

from __future__ import annotations

import re
import unicodedata

# đ/Đ are letters of their own, not d + combining mark: NFD keeps them, so they need a map.
# U+00D0 (Ð, Icelandic eth) is a frequent look-alike in badly encoded Vietnamese text.
_D_MAP = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_SPACES = re.compile(r"\s+")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def nfc(text: str) -> str:
    """Return text in Unicode NFC with zero-width characters removed."""
    return _ZERO_WIDTH.sub("", unicodedata.normalize("NFC", text))


def fold(text: str) -> str:
    """Accent- and case-insensitive key: 'Đắk Lắk' -> 'dak lak'.

    Must stay equal to the warehouse macro ``fold_text`` (tests check both agree).
    """
    text = unicodedata.normalize("NFD", text.translate(_D_MAP).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()
