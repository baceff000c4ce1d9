"""The XLSX writer: what a spreadsheet reads back (openpyxl), for typed and hostile cells."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vuongmac import xlsx
from vuongmac.exports import to_xlsx


def read(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def rows(book: openpyxl.Workbook, sheet: str) -> list[list[object]]:
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


def test_cells_read_back_with_their_types() -> None:
    nfd = unicodedata.normalize("NFD", "Nghệ An")
    df = pd.DataFrame(
        {
            "Tỉnh": [nfd, '=HYPERLINK("x")', 'a\x07b <&> "q"\r\n', None],
            "Số": [1, 2, 30_000, 4],
            "Tỷ lệ": [0.5, float("nan"), 1e-7, 2.25],
            "Ngày": [dt.date(2025, 7, 23), "07/2025", None, dt.date(2026, 1, 2)],
            "Khi": pd.to_datetime(["2025-07-23", None, "2026-12-01", "2025-01-01"]).tz_localize(
                "UTC"
            ),
            "Quá hạn": [True, False, True, False],
            "Ví dụ": [["a", "b"], ("c",), None, []],
        }
    )
    book = read(to_xlsx(df, [("Bộ lọc", "Tất cả"), ("Nguồn", "x")], "Dữ liệu", "Bộ lọc"))
    assert book.sheetnames == ["Bộ lọc", "Dữ liệu"]
    assert rows(book, "Bộ lọc") == [["Bộ lọc", "Tất cả"], ["Nguồn", "x"]]
    data = rows(book, "Dữ liệu")
    assert data[0] == list(df.columns)
    assert [r[0] for r in data[1:]] == ["Nghệ An", '\'=HYPERLINK("x")', 'ab <&> "q"\r\n', None]
    assert [r[1] for r in data[1:]] == [1, 2, 30_000, 4]
    assert [r[2] for r in data[1:]] == [0.5, None, 1e-7, 2.25]
    assert [r[3] for r in data[1:]] == [
        dt.datetime(2025, 7, 23),
        "07/2025",
        None,
        dt.datetime(2026, 1, 2),
    ]
    assert [r[4] for r in data[1:]] == [
        dt.datetime(2025, 7, 23),
        None,
        dt.datetime(2026, 12, 1),
        dt.datetime(2025, 1, 1),
    ]
    assert [r[5] for r in data[1:]] == [True, False, True, False]
    assert [r[6] for r in data[1:]] == ["a; b", "c", None, None]
    sheet = book["Dữ liệu"]
    assert sheet["D2"].number_format == "dd/mm/yyyy" and sheet["D2"].is_date
    assert sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.max_row == 5 and sheet.max_column == 7
    english = read(to_xlsx(df, [], "Data", "Filters", lang="en"))
    assert english["Data"]["D2"].number_format == "d mmm yyyy"


def test_an_empty_table_and_long_names() -> None:
    df = pd.DataFrame({"a": pd.Series([], dtype=object), "b": pd.Series([], dtype=float)})
    book = read(to_xlsx(df, [], "D" * 40, "H" * 40))
    assert book.sheetnames == ["H" * 31, "D" * 31]
    assert rows(book, "D" * 31) == [["a", "b"]]


def test_wide_tables_get_column_letters_past_z() -> None:
    assert [xlsx._letters(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]
    df = pd.DataFrame({f"c{i}": [i] for i in range(30)})
    assert rows(read(to_xlsx(df, [], "d", "h")), "d")[1] == list(range(30))


def test_progress_is_reported_per_chunk_and_at_the_end(monkeypatch) -> None:
    monkeypatch.setattr(xlsx, "CHUNK_ROWS", 10)
    seen: list[tuple[int, int]] = []
    df = pd.DataFrame({"n": range(25), "t": [f"dòng {i}" for i in range(25)]})
    book = read(to_xlsx(df, [], "d", "h", progress=lambda done, total: seen.append((done, total))))
    assert seen == [(10, 25), (20, 25), (25, 25), (25, 25)]
    assert [r[1] for r in rows(book, "d")[1:]] == [f"dòng {i}" for i in range(25)]


def expected_text(value: str) -> str | None:
    """What a spreadsheet cell should show for ``value``: NFC, XML-forbidden characters
    dropped, a formula-like start quoted, cut at 32,767 characters."""
    text = unicodedata.normalize("NFC", value)
    if text.startswith(xlsx.FORMULA_PREFIXES):
        text = "'" + text
    text = text[: xlsx.MAX_CELL_CHARS]
    text = "".join(
        c for c in text if not (c < " " and c not in "\t\n\r") and c not in "\ufffe\uffff"
    )
    return text or None


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40),
        min_size=1,
        max_size=8,
    )
)
def test_any_text_reads_back_as_written(values: list[str]) -> None:
    df = pd.DataFrame({"text": values})
    got = [r[0] for r in rows(read(to_xlsx(df, [], "d", "h")), "d")[1:]]
    # openpyxl reads "\r\n" in a cell as written; a cell of only forbidden characters is empty
    assert [g if g != "" else None for g in got] + [None] * (len(values) - len(got)) == [
        expected_text(v) for v in values
    ]


@pytest.mark.slow
def test_a_cell_at_the_spreadsheet_limit() -> None:
    df = pd.DataFrame({"t": ["x" * 40_000]})
    (cell,) = rows(read(to_xlsx(df, [], "d", "h")), "d")[1]
    assert cell == "x" * xlsx.MAX_CELL_CHARS
