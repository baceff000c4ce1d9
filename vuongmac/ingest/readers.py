"""Read documents (text, HTML, DOCX, PDF) into NFC text plus metadata. IO at the edge.

Every failure is a ``DocumentError`` naming the file and the reason; nothing is written.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from vuongmac.extract import DocMeta, clean_input
from vuongmac.extract.metadata import Metadata, merge_metadata

MAX_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a DOCX that unpacks to more is a zip bomb
MAX_PDF_PAGES = 500  # a working-visit report is a few pages; 5,000 pages blocked a server
logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are reported as DocumentError
TEXT_SUFFIXES = {".txt", ".md", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


class DocumentError(ValueError):
    """A document that cannot be read; the message names the file and the reason, in
    Vietnamese and in English (curators read it in the app, scripts in the CLI)."""

    @classmethod
    def of(cls, name: object, vi: str, en: str, detail: object = None) -> DocumentError:
        """ "<file>: <Vietnamese> / <English> (<detail>)"."""
        return cls(f"{name}: {vi} / {en}" + (f" ({detail})" if detail is not None else ""))


@dataclass(frozen=True, slots=True)
class Document:
    name: str
    text: str
    meta: DocMeta
    title: str | None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


_VI_UNICODE = re.compile("[ăđơưĂĐƠƯ\u1ea0-\u1ef9]")  # none of these exists in Latin-1
_LATIN1_MARKS = re.compile("[\u00c0-\u00ff\u00a1-\u00bf]")
_LETTERS = re.compile(r"[^\W\d_]")


def legacy_font_encoding(text: str) -> bool:
    """Text typed with a legacy Vietnamese font encoding (TCVN3/ABC, VNI) decodes to Latin-1
    look-alikes: many accented Latin letters and symbols, none of Unicode Vietnamese."""
    sample = text[:200_000]
    letters = len(_LETTERS.findall(sample))
    if letters < 50 or _VI_UNICODE.search(sample):
        return False
    return len(_LATIN1_MARKS.findall(sample)) / letters > 0.08


def decode_text(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:4096]:
        raise DocumentError.of(
            name, "dữ liệu nhị phân, không phải văn bản", "binary data, not a text document"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None:
        text = data.decode("cp1252", errors="replace")
        if legacy_font_encoding(text):  # the caller names the legacy encoding precisely
            return text
        raise DocumentError.of(
            name,
            "không rõ bảng mã (hãy lưu dưới dạng UTF-8)",
            "unknown text encoding (save it as UTF-8)",
        )
    return data.decode(best.encoding, errors="replace")


def _iso_date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        m = re.search(r"(\d{4})-?(\d{2})-?(\d{2})", value)  # ISO, or PDF's "D:20250924…"
        if m:
            try:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                return None
    return None


def _read_html(data: bytes, name: str) -> tuple[str, Metadata]:
    import trafilatura

    html = decode_text(data, name)
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text:
        text = trafilatura.html2txt(html) or ""
    # Meta tags: <title>/og:title, <link rel=canonical>/og:url, article:published_time and
    # the like, og:site_name (trafilatura reads them all).
    # not extensive: a date is taken from the page's metadata only, never guessed from a
    # year in its text (a copy of an article got "2025-01-01" that way)
    meta = trafilatura.extract_metadata(html, extensive=False)
    if meta is None:
        return text, Metadata()
    return text, Metadata(
        title=meta.title,
        url=meta.url,
        publisher=meta.sitename,
        published=_iso_date(meta.date),
        published_from="html" if meta.date else None,
    )


def _check_unpacked(data: bytes, name: str) -> None:
    """Refuse an archive that unpacks to more than MAX_UNPACKED_BYTES (read from its
    directory, before anything is decompressed)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise DocumentError.of(
            name, "không phải tệp DOCX hợp lệ", "not a valid DOCX file", exc
        ) from exc
    if total > MAX_UNPACKED_BYTES:
        raise DocumentError.of(
            name,
            f"giải nén ra {total // 1024**2:,} MB (quá {MAX_UNPACKED_BYTES // 1024**2} MB:"
            " nghi là bom zip); từ chối",
            f"unpacks to {total // 1024**2:,} MB (more than"
            f" {MAX_UNPACKED_BYTES // 1024**2} MB: a zip bomb?); refused",
        )


def _read_docx(data: bytes, name: str) -> tuple[str, Metadata]:
    import docx

    _check_unpacked(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as exc:  # lxml: SyntaxError
        raise DocumentError.of(
            name, "không phải tệp DOCX hợp lệ", "not a valid DOCX file", exc
        ) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    props = document.core_properties
    return "\n\n".join(parts), Metadata(title=(props.title or "").strip() or None)


def _read_pdf(data: bytes, name: str) -> tuple[str, Metadata]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 (pypdf raises several types)
                raise DocumentError.of(name, "PDF có mật khẩu", "password-protected PDF") from exc
            if not ok:
                raise DocumentError.of(name, "PDF có mật khẩu", "password-protected PDF")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DocumentError.of(
                name,
                f"{len(reader.pages):,} trang (quá {MAX_PDF_PAGES}); từ chối",
                f"{len(reader.pages):,} pages (more than {MAX_PDF_PAGES}); refused",
            )
        text = "\n\n".join(page.extract_text() or "" for page in reader.pages)
        info = reader.metadata or {}
        title = str(info.get("/Title") or "").strip() or None
        return text, Metadata(title=title)
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError.of(name, "không đọc được PDF", "not a readable PDF", exc) from exc


def read_bytes(data: bytes, name: str, meta: DocMeta | None = None) -> Document:
    """Read a document given as bytes (an upload, or a file's content)."""
    if len(data) > MAX_BYTES:
        raise DocumentError.of(
            name, f"lớn hơn {MAX_BYTES // 1024**2} MB", f"larger than {MAX_BYTES // 1024**2} MB"
        )
    suffix = Path(name).suffix.lower()
    found = Metadata()
    if suffix in HTML_SUFFIXES:
        text, found = _read_html(data, name)
    elif suffix == ".docx":
        text, found = _read_docx(data, name)
    elif suffix == ".pdf":
        text, found = _read_pdf(data, name)
    elif suffix in TEXT_SUFFIXES:
        text = decode_text(data, name)
    else:
        raise DocumentError.of(
            name,
            f"không đọc loại tệp '{suffix}' (dùng .txt, .html, .docx, .pdf)",
            f"unsupported file type '{suffix}' (use .txt, .html, .docx, .pdf)",
        )
    text = clean_input(text)
    if not text.strip():
        raise DocumentError.of(name, "tài liệu không có chữ", "no text in the document")
    if legacy_font_encoding(text):
        raise DocumentError.of(
            name,
            "văn bản dùng bảng mã phông cũ (TCVN3/ABC hoặc VNI); hãy chuyển sang Unicode"
            " (ví dụ bằng công cụ chuyển mã của UniKey) rồi thêm lại",
            "text in a legacy Vietnamese font encoding (TCVN3/ABC or VNI); convert it"
            " to Unicode first (e.g. UniKey's converter) and add it again",
        )
    meta = meta or DocMeta()
    # What the caller says wins, then the file's own metadata, then its text (header lines,
    # "Nguồn:" line, the URL's date, the publisher table).
    given = Metadata(
        title=found.title,
        url=meta.url or found.url,
        publisher=meta.publisher or found.publisher,
        published=meta.published or found.published,
        published_from="given" if meta.published else found.published_from,
    )
    merged = merge_metadata(given, text)
    return Document(
        name=name,
        text=text,
        meta=DocMeta(url=merged.url, published=merged.published, publisher=merged.publisher),
        title=merged.title[:300] if merged.title else None,
    )


def file_bytes(path: Path) -> bytes:
    """The bytes of a document file, or a clear error when it is missing or too big."""
    if not path.is_file():
        raise DocumentError.of(path, "không tìm thấy tệp", "file not found")
    if path.stat().st_size > MAX_BYTES:
        raise DocumentError.of(
            path, f"lớn hơn {MAX_BYTES // 1024**2} MB", f"larger than {MAX_BYTES // 1024**2} MB"
        )
    return path.read_bytes()


def read_document(path: Path, meta: DocMeta | None = None) -> Document:
    return read_bytes(file_bytes(path), str(path), meta)
