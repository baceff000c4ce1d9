import unicodedata

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from vuongmac.fmt import fmt_date, fmt_number
from vuongmac.text import fold, fold_chars, nfc, squash


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đắk Lắk", "dak lak"),
        ("ĐÀ NẴNG", "da nang"),
        ("Ðà Nẵng", "da nang"),  # U+00D0 look-alike
        ("chữ ký số", "chu ky so"),
        ("  Sín   Chéng ", "sin cheng"),
        (unicodedata.normalize("NFD", "Lượng Minh"), "luong minh"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_nfc_composes_and_drops_zero_width() -> None:
    decomposed = unicodedata.normalize("NFD", "Nghệ An")
    assert decomposed != "Nghệ An"
    assert nfc(decomposed + "\u200b") == "Nghệ An"


def test_sql_fold_matches_python(seed_paths) -> None:
    samples = ["Đắk Lắk", "ĐÀ NẴNG", "chữ ký số", "Phường Vĩnh Trạch", "Ðồng  Tháp", "Hợp Kim"]
    with duckdb.connect(str(seed_paths.warehouse), read_only=True) as con:
        for s in samples:
            assert con.execute("SELECT fold_text($s)", {"s": s}).fetchone()[0] == fold(s), s


def test_number_and_date_formats() -> None:
    import datetime as dt

    assert fmt_number(1234.5, "vi", 1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_date(dt.date(2025, 7, 1), "vi") == "01/07/2025"
    assert fmt_date(dt.date(2025, 7, 1), "vi", "month") == "07/2025"
    assert fmt_date(None, "vi") == "–"
    import pandas as pd

    # English: "d Mon yyyy", for dates and the Timestamps query results carry (no time)
    assert fmt_date(dt.date(2025, 7, 1), "en") == "1 Jul 2025"
    assert fmt_date(pd.Timestamp("2025-07-23"), "en") == "23 Jul 2025"
    assert fmt_date(pd.Timestamp("2025-07-23"), "vi") == "23/07/2025"


@given(
    st.text(
        alphabet=st.sampled_from(
            list("aăâbdđeêioôơuưyAĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậềếểễệồốổỗộờớởỡợừứửữựỳýỷỹỵ ,.;:\n\t\xa0-")
        ),
        max_size=80,
    ),
    st.integers(0, 80),
    st.integers(0, 80),
)
def test_fold_once_and_slice_equals_fold_of_the_slice(text: str, i: int, j: int) -> None:
    """The extractor folds a document once and slices it: that must equal folding each span."""
    text = nfc(text)
    folded = fold_chars(text)
    assert folded is not None
    assert squash(folded[i:j]) == fold(text[i:j])
    assert fold_chars("e\u0301") is None  # decomposed marks: the caller falls back to fold


def test_vietnamese_dictionary_order() -> None:
    """Code-point order puts "Bích" before "Bạch" and "Đà Nẵng" after "Zeta"."""
    from vuongmac.text import vi_sort_key

    names = ["Bích", "Đà Nẵng", "Bạch", "Ba Vì", "Bà Rịa", "Dương", "Ấp", "An Giang", "Ân Thi",
             "Phường 10", "Phường 2", "Êa Súp", "Ea Kar", "Zeta", "ĐẮK LẮK"]  # fmt: skip
    assert sorted(names, key=vi_sort_key) == [
        "An Giang", "Ân Thi", "Ấp", "Ba Vì", "Bà Rịa", "Bạch", "Bích", "Dương", "Đà Nẵng",
        "ĐẮK LẮK", "Ea Kar", "Êa Súp", "Phường 2", "Phường 10", "Zeta",
    ]  # fmt: skip


@given(st.lists(st.text(max_size=12), max_size=30))
def test_vietnamese_sort_key_is_total(names: list[str]) -> None:
    from vuongmac.text import vi_sort_key

    ordered = sorted(names, key=vi_sort_key)
    assert sorted(ordered, key=vi_sort_key) == ordered and sorted(ordered) == sorted(names)
