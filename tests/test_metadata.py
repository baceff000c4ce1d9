"""Source metadata from every kind of file that carries it (fixtures written for the purpose)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from vuongmac.extract.metadata import (
    Metadata,
    date_from_url,
    header_metadata,
    merge_metadata,
    publisher_of,
    registrable_domain,
)
from vuongmac.ingest.readers import read_bytes

BODY = (
    "Ngày 18/11/2025, đoàn công tác của Tỉnh ủy Nghệ An làm việc với xã Chiêu Lưu. "
    "Tuy nhiên, xã còn khó khăn như: đường truyền mạng chưa ổn định; trụ sở làm việc xuống cấp."
)


def test_text_file_with_url_and_date_lines() -> None:
    text = (
        "URL: https://thanhnien.vn/xa-chieu-luu-thieu-may-tinh-185251118104602435.htm\n\n"
        " date 2025-11-19 Xã Chiêu Lưu thiếu máy tính, đường truyền chập chờn\n\n" + BODY
    )
    doc = read_bytes(text.encode(), "bai-bao.txt")
    assert doc.meta.url.startswith("https://thanhnien.vn/")
    assert doc.meta.publisher == "Báo Thanh Niên"
    assert doc.meta.published == dt.date(2025, 11, 19)  # the header line beats the URL's date
    assert doc.title == "Xã Chiêu Lưu thiếu máy tính, đường truyền chập chờn"


def test_text_file_title_is_not_the_url_line() -> None:
    doc = read_bytes(
        (
            "URL: https://baonghean.vn/a-b-c.html\n\nĐoàn công tác làm việc tại xã Chiêu Lưu\n\n"
            + BODY
        ).encode(),
        "x.txt",
    )
    assert doc.title == "Đoàn công tác làm việc tại xã Chiêu Lưu"
    assert doc.meta.publisher == "Báo Nghệ An"


def test_docx_with_a_source_paragraph() -> None:
    import docx

    document = docx.Document()
    document.core_properties.title = "Báo cáo kết quả làm việc tại xã Chiêu Lưu"
    document.add_paragraph(BODY)
    document.add_paragraph(
        "Nguồn: https://baonghean.vn/doan-cong-tac-lam-viec-20251118093000123.html"
    )
    buf = io.BytesIO()
    document.save(buf)
    doc = read_bytes(buf.getvalue(), "bao-cao.docx")
    assert doc.title == "Báo cáo kết quả làm việc tại xã Chiêu Lưu"
    assert doc.meta.url == "https://baonghean.vn/doan-cong-tac-lam-viec-20251118093000123.html"
    assert doc.meta.publisher == "Báo Nghệ An"
    assert doc.meta.published == dt.date(2025, 11, 18)  # from the URL


def test_html_with_meta_tags() -> None:
    html = f"""<!doctype html><html lang="vi"><head>
    <title>Xã Chiêu Lưu kiến nghị hỗ trợ máy tính - Báo Nghệ An</title>
    <meta property="og:title" content="Xã Chiêu Lưu kiến nghị hỗ trợ máy tính">
    <meta property="og:site_name" content="Báo Nghệ An">
    <link rel="canonical" href="https://baonghean.vn/xa-chieu-luu-kien-nghi-post123.html">
    <meta property="article:published_time" content="2025-11-20T08:15:00+07:00">
    </head><body><article><h1>Xã Chiêu Lưu kiến nghị hỗ trợ máy tính</h1>
    <p>{BODY}</p><p>{BODY}</p></article></body></html>"""
    doc = read_bytes(html.encode(), "trang.html")
    assert doc.title.startswith("Xã Chiêu Lưu kiến nghị hỗ trợ máy tính")
    assert doc.meta.url == "https://baonghean.vn/xa-chieu-luu-kien-nghi-post123.html"
    assert doc.meta.publisher == "Báo Nghệ An"
    assert doc.meta.published == dt.date(2025, 11, 20)


def test_pdf_with_title_and_source_line() -> None:
    from fpdf import FPDF

    from vuongmac.brief import FONT_REGULAR

    pdf = FPDF()
    pdf.set_title("Thông báo kết luận làm việc tại xã Si Ma Cai")
    pdf.add_page()
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.set_font("DejaVu", "", 11)
    pdf.multi_cell(0, 6, BODY, new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 6, "Nguồn: https://baolaocai.vn/thong-bao-ket-luan-20251119.html")
    doc = read_bytes(bytes(pdf.output()), "thong-bao.pdf")
    assert doc.title == "Thông báo kết luận làm việc tại xã Si Ma Cai"
    assert doc.meta.url == "https://baolaocai.vn/thong-bao-ket-luan-20251119.html"
    assert doc.meta.publisher == "Báo Lào Cai"
    assert doc.meta.published == dt.date(2025, 11, 19)


def test_what_the_caller_gives_wins() -> None:
    from vuongmac.extract import DocMeta

    doc = read_bytes(
        ("URL: https://thanhnien.vn/a-185251118104602435.htm\n\n" + BODY).encode(),
        "a.txt",
        DocMeta(url="https://example.org/x", published=dt.date(2025, 1, 2), publisher="Tôi"),
    )
    assert (doc.meta.url, doc.meta.published, doc.meta.publisher) == (
        "https://example.org/x",
        dt.date(2025, 1, 2),
        "Tôi",
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://vtv.vn/x-20250924184200841.htm", (dt.date(2025, 9, 24), "day")),
        ("https://thanhnien.vn/a-185250807104602435.htm", (dt.date(2025, 8, 7), "day")),
        ("https://baodongnai.com.vn/english/202511/each-commune", (dt.date(2025, 11, 30), "month")),
        ("https://example.vn/2025/09/24/bai-viet", (dt.date(2025, 9, 24), "day")),
        ("https://example.vn/post-123.html", None),
        ("https://example.vn/a-20251399.html", None),  # no 13th month
        (None, None),
    ],
)
def test_dates_encoded_in_news_urls(url, expected) -> None:  # noqa: ANN001
    assert date_from_url(url) == expected


def test_publisher_table_covers_english_editions() -> None:
    assert publisher_of("https://en.baogialai.com.vn/x") == "Báo Gia Lai"
    assert publisher_of("https://en.baogialai.com.vn/x", "en") == "Gia Lai Newspaper"
    assert publisher_of("https://unknown.example/x") is None
    assert registrable_domain("https://sonoivu.phutho.gov.vn/a") == "phutho.gov.vn"


@given(st.text(max_size=400))
def test_metadata_never_raises(text: str) -> None:
    found = merge_metadata(Metadata(), text)
    header_metadata(text)
    assert found.title is None or len(found.title) <= 300
    date_from_url(text)
    registrable_domain(text)
