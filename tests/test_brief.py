"""Leader brief: DOCX and PDF for Nghệ An and Phú Thọ, checked against the warehouse."""

from __future__ import annotations

import shutil
import subprocess
import sys

import docx
import pytest
from conftest import REPO
from pypdf import PdfReader

from vuongmac.brief import gather
from vuongmac.brief.render import NO_DATA, render_docx, render_pdf
from vuongmac.filters import Filters
from vuongmac.warehouse.runner import Warehouse


@pytest.fixture(scope="module")
def wh(seed_paths):
    w = Warehouse(seed_paths.warehouse)
    yield w
    w.close()


def run_cli(data_dir, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "vuongmac", "--data-dir", str(data_dir), "brief", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=180)  # fmt: skip


def docx_text(path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


@pytest.mark.slow
def test_nghe_an_docx_matches_the_warehouse(wh, seed_paths, tmp_path) -> None:
    out = tmp_path / "nghe-an.docx"
    result = run_cli(seed_paths.root, "--province", "40", "--out", str(out))
    assert result.returncode == 0, result.stderr
    text = docx_text(out)
    assert "Báo cáo nhanh vướng mắc của chính quyền cơ sở — Tỉnh Nghệ An" in text  # its own name
    assert "tỉnh/thành phố" not in text
    assert "Tỉnh, thành phố: Nghệ An" in text and "Dữ liệu cập nhật" in text
    kpis = wh.run("kpis", **Filters(province_codes=("40",)).query_params()).iloc[0]
    assert int(kpis["issue_count"]) == 7 and int(kpis["proposal_count"]) == 7
    numbers = docx.Document(str(out)).tables[0]
    shown = {numbers.cell(0, i).text: numbers.cell(1, i).text for i in range(4)}
    assert shown == {
        "Đoàn công tác": "1",
        "Xã, phường được làm việc": "3",
        "Vướng mắc": "7",
        "Kiến nghị": "7",
    }
    # Evidence quotes of the top difficulties, verbatim from the warehouse.
    assert "Hệ thống phần mềm liên thông hoạt động còn chưa ổn định" in text
    assert "Sở Tài chính" in text and "Sở Xây dựng" in text  # open proposals and agencies
    assert "127 xã, phường" in text  # 130 communes, 3 visited
    assert "?province=40" in text  # the permalink


@pytest.mark.slow
def test_phu_tho_pdf_pages_and_text_layer(seed_paths, tmp_path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.fail("pdftoppm missing: run the README's install command (poppler-utils)")
    out = tmp_path / "phu-tho.pdf"
    result = run_cli(seed_paths.root, "--province", "25", "--out", str(out))
    assert result.returncode == 0, result.stderr
    reader = PdfReader(str(out))
    assert 1 <= len(reader.pages) <= 3
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Phú Thọ" in text  # diacritics survive in the text layer
    assert "Nguồn thu ngân sách hạn hẹp" in text
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(out), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page-*.png"))) == len(reader.pages)


def test_empty_selection_says_so(wh) -> None:
    brief = gather(wh, Filters(province_codes=("15",), categories=("legal_guidance",)))
    assert brief.empty
    assert NO_DATA in "\n".join(
        p.text for p in docx.Document(__import__("io").BytesIO(render_docx(brief))).paragraphs
    )
    pdf = render_pdf(brief)
    text = "\n".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert "Không có dữ liệu đã công bố" in text.replace("\n", " ")


@pytest.mark.slow
def test_cli_rejects_bad_arguments(seed_paths, tmp_path) -> None:
    bad = run_cli(seed_paths.root, "--province", "99", "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "99" in bad.stderr
    bad = run_cli(seed_paths.root, "--from", "2025-13-01", "--out", str(tmp_path / "x.pdf"))
    assert bad.returncode == 2 and "not a date" in bad.stderr
    bad = run_cli(seed_paths.root, "--out", str(tmp_path / "x.txt"))
    assert bad.returncode == 2 and ".docx or .pdf" in bad.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_button_and_cli_produce_the_same_brief(wh, seed_paths, monkeypatch) -> None:
    """The sidebar's button renders gather() for the current filters, like the CLI."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(seed_paths.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["province"] = "40"
    at.run()
    assert not at.exception
    buttons = [b for b in at.get("download_button") if getattr(b, "label", "") in {"DOCX", "PDF"}]
    assert len(buttons) == 2
    cli = gather(wh, Filters(province_codes=("40",)))
    assert cli.title.endswith("Nghệ An") and [n[1] for n in cli.numbers] == ["1", "3", "7", "7"]


def test_the_brief_file_is_named_after_its_place_and_period() -> None:
    import datetime as dt

    from vuongmac.brief import file_stem
    from vuongmac.filters import Filters

    names = {"40": "Nghệ An", "12345": "Đồng Hới · Quảng Trị"}
    quarter = Filters(province_codes=("40",), date_from=dt.date(2026, 10, 1),
                      date_to=dt.date(2026, 12, 31))  # fmt: skip
    assert file_stem(quarter, names) == "bao-cao-vuong-mac-nghe-an-2026-10-01-den-2026-12-31"
    assert (
        file_stem(Filters(commune_codes=("12345",)), names) == "bao-cao-vuong-mac-dong-hoi-tat-ca"
    )
    assert file_stem(Filters(province_codes=("40", "42")), names).startswith(
        "bao-cao-vuong-mac-2-tinh-"
    )
    assert file_stem(Filters(date_from=dt.date(2025, 7, 1)), names) == (
        "bao-cao-vuong-mac-toan-quoc-2025-07-01-den-nay"
    )


def test_brief_lists_unvisited_communes_in_vietnamese_order_and_colours_every_bar(wh) -> None:
    """Code-point order put "Bích" before "Bạch"; a five-colour list made bars 6–10 repeat."""
    from vuongmac.charts import CATEGORY_COLORS
    from vuongmac.text import vi_sort_key

    brief = gather(wh, Filters(province_codes=("40",)))
    assert brief.unvisited and brief.unvisited == sorted(brief.unvisited, key=vi_sort_key)
    ids = brief.by_category["category_id"].head(10).tolist()
    assert len({CATEGORY_COLORS[i] for i in ids}) == len(ids)  # one colour per bar
