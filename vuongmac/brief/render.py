"""Write a Brief as DOCX (python-docx) or PDF (fpdf2), A4, Vietnamese."""

from __future__ import annotations

import io

from vuongmac.brief import FONT_BOLD, FONT_REGULAR, Brief
from vuongmac.brief.figures import category_chart, commune_map, qr_png

NO_DATA = "Không có dữ liệu đã công bố cho lựa chọn này: không có đoàn công tác hay vướng mắc nào trong phạm vi và thời gian đã chọn."


def _images(brief: Brief) -> tuple[bytes | None, bytes | None, bytes]:
    chart = category_chart(brief.by_category) if len(brief.by_category) else None
    map_png = None
    if brief.province_code and brief.commune_values is not None and not brief.empty:
        map_png = commune_map(brief.commune_values, brief.province_code)
    return chart, map_png, qr_png(brief.permalink)


def render_docx(brief: Brief) -> bytes:
    import docx
    from docx.enum.section import WD_ORIENT  # noqa: F401  (A4 portrait)
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "DejaVu Sans")
    style.font.size = Pt(9.5)

    document.add_heading(brief.title, level=1)
    document.add_paragraph(
        f"Thời gian: {brief.period}. Dữ liệu cập nhật: {brief.data_as_of} (bản dựng {brief.build_id})."
    )
    p = document.add_paragraph()
    p.add_run("Bộ lọc: ").bold = True
    p.add_run("; ".join(f"{k}: {v}" for k, v in brief.filters))

    chart, map_png, qr = _images(brief)
    if brief.empty:
        document.add_paragraph(NO_DATA)
    else:
        table = document.add_table(rows=2, cols=len(brief.numbers))
        table.style = "Light Grid Accent 1"
        for i, (label, value, change) in enumerate(brief.numbers):
            table.cell(0, i).text = label
            table.cell(1, i).text = value + (f"\n{change} so với kỳ trước" if change else "")
        for note in brief.notes:
            document.add_paragraph(note).runs[0].italic = True
        if chart:
            document.add_heading("Vướng mắc theo nhóm", level=2)
            document.add_picture(io.BytesIO(chart), width=Cm(12.5))
        if map_png:
            document.add_heading("Bản đồ xã, phường", level=2)
            document.add_picture(io.BytesIO(map_png), width=Cm(8))
        document.add_heading("Năm khó khăn nổi bật", level=2)
        for n, d in enumerate(brief.difficulties, 1):
            item = document.add_paragraph(style="List Number")
            item.add_run(f"{d.label} ({d.count})").bold = True
            for quote, source in d.quotes:
                q = document.add_paragraph(f"“{quote}”", style="Quote")
                q.add_run(f" — {source}").font.color.rgb = RGBColor(0x55, 0x55, 0x55)
            del n
        document.add_heading("Kiến nghị đang mở", level=2)
        if brief.open_proposals:
            table = document.add_table(rows=1, cols=4)
            table.style = "Light Grid Accent 1"
            for i, h in enumerate(("Nội dung", "Cơ quan được giao", "Trạng thái", "Hạn")):
                table.cell(0, i).text = h
            for text, agency, status, due in brief.open_proposals:
                cells = table.add_row().cells
                for cell, value in zip(cells, (text, agency, status, due), strict=True):
                    cell.text = value
        else:
            document.add_paragraph("Không có kiến nghị đang mở.")
        if brief.province_code or brief.unvisited_total:
            document.add_heading("Xã, phường chưa có đoàn làm việc trong kỳ", level=2)
            listed = ", ".join(brief.unvisited)
            more = brief.unvisited_total - len(brief.unvisited)
            document.add_paragraph(
                f"{brief.unvisited_total} xã, phường: {listed}"
                + (f" và {more} nơi khác." if more > 0 else ".")
            )
    footer = section.footer.paragraphs[0]
    footer.text = f"Xem trên bảng điều khiển: {brief.permalink}"
    footer.runs[0].font.size = Pt(7)
    document.add_picture(io.BytesIO(qr), width=Cm(2.4))
    document.add_paragraph(f"Mở đúng khung nhìn này: {brief.permalink}").runs[0].font.size = Pt(7)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def render_pdf(brief: Brief) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(16, 14, 16)
    pdf.set_auto_page_break(True, margin=16)
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_title(brief.title)
    pdf.set_creator("Vướng mắc")

    def footer() -> None:
        pdf.set_y(-12)
        pdf.set_font("DejaVu", "", 6.5)
        pdf.set_text_color(90, 90, 90)
        pdf.cell(0, 4, f"Xem trên bảng điều khiển: {brief.permalink}", link=brief.permalink)
        pdf.set_text_color(0, 0, 0)

    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    nl = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}

    def heading(text: str, size: float = 11) -> None:
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", size)
        pdf.multi_cell(width, size * 0.5, text, **nl)
        pdf.set_font("DejaVu", "", 8.5)

    heading(brief.title, 13)
    pdf.multi_cell(
        width,
        4.2,
        f"Thời gian: {brief.period}. Dữ liệu cập nhật: {brief.data_as_of} (bản dựng {brief.build_id}).",
        **nl,
    )
    pdf.multi_cell(width, 4.2, "Bộ lọc: " + "; ".join(f"{k}: {v}" for k, v in brief.filters), **nl)
    chart, map_png, qr = _images(brief)
    if brief.empty:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(width, 5, NO_DATA, **nl)
    else:
        pdf.ln(2)
        col = width / len(brief.numbers)
        pdf.set_font("DejaVu", "", 7.5)
        for label, _, _ in brief.numbers:
            pdf.cell(col, 4, label, border="LTR", align="C")
        pdf.ln()
        pdf.set_font("DejaVu", "B", 13)
        for _, value, _ in brief.numbers:
            pdf.cell(col, 7, value, border="LR", align="C")
        pdf.ln()
        pdf.set_font("DejaVu", "", 6.5)
        for _, _, change in brief.numbers:
            pdf.cell(col, 4, f"{change} so với kỳ trước" if change else "", border="LBR", align="C")
        pdf.ln()
        if brief.notes:
            pdf.set_font("DejaVu", "", 7)
            pdf.multi_cell(width, 3.5, " ".join(brief.notes), **nl)
        top = pdf.get_y() + 2
        heights = [0.0]
        if chart:
            info = pdf.image(
                io.BytesIO(chart), x=pdf.l_margin, y=top, w=width * (0.6 if map_png else 0.75)
            )
            heights.append(info.rendered_height)
        if map_png:
            info = pdf.image(
                io.BytesIO(map_png), x=pdf.l_margin + width * 0.64, y=top, w=width * 0.34
            )
            heights.append(info.rendered_height)
        pdf.set_y(top + max(heights) + 2)
        heading("Năm khó khăn nổi bật")
        for n, d in enumerate(brief.difficulties, 1):
            pdf.set_font("DejaVu", "B", 8.5)
            pdf.multi_cell(width, 4.2, f"{n}. {d.label} ({d.count})", **nl)
            pdf.set_font("DejaVu", "", 8)
            for quote, source in d.quotes:
                pdf.set_x(pdf.l_margin + 4)
                pdf.multi_cell(width - 4, 3.8, f"“{quote}” — {source}", **nl)
        heading("Kiến nghị đang mở")
        if brief.open_proposals:
            from fpdf.fonts import FontFace

            # "Hạn" fits "11/11/2026" on one line (it wrapped at 8)
            with pdf.table(col_widths=(53, 22, 12, 13), text_align="LEFT", line_height=3.6, padding=0.8,
                           headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235))) as table:  # fmt: skip
                pdf.set_font("DejaVu", "", 7.2)
                row = table.row()
                for h in ("Nội dung", "Cơ quan được giao", "Trạng thái", "Hạn"):
                    row.cell(h)
                for values in brief.open_proposals:
                    row = table.row()
                    for v in values:
                        row.cell(v)
        else:
            pdf.multi_cell(width, 4.2, "Không có kiến nghị đang mở.", **nl)
        if brief.province_code or brief.unvisited_total:
            heading("Xã, phường chưa có đoàn làm việc trong kỳ")
            more = brief.unvisited_total - len(brief.unvisited)
            pdf.multi_cell(width, 4, f"{brief.unvisited_total} xã, phường: " + ", ".join(brief.unvisited)
                           + (f" và {more} nơi khác." if more > 0 else "."), **nl)  # fmt: skip
    pdf.ln(2)
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    y = pdf.get_y()
    pdf.image(io.BytesIO(qr), x=pdf.l_margin, y=y, w=24)
    pdf.set_xy(pdf.l_margin + 27, y + 6)
    pdf.set_font("DejaVu", "", 7.5)
    pdf.multi_cell(
        width - 27,
        3.8,
        f"Quét mã hoặc mở đường dẫn để xem đúng khung nhìn này trên bảng điều khiển:\n{brief.permalink}",
        **nl,
    )
    return bytes(pdf.output())
