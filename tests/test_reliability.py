"""Reliability: crashes mid-write, disk full, bad documents, query limits, fuzzing."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib

import pytest
from conftest import REPO, copy_dataset
from hypothesis import given, settings
from hypothesis import strategies as st

from vuongmac.geo.admin import default_gazetteer
from vuongmac.warehouse.build import build


def state(paths):
    from vuongmac.store import open_store

    store = open_store(paths.root)
    return {t: store.rows(t) for t in ("sources", "visits", "issues", "proposals", "changes")}


@pytest.mark.slow
def test_kill_build_ingest_and_publish_reduced() -> None:
    """The CI form of ``python -m bench.crash --trials 50`` (run here as a subprocess)."""
    env = {k: v for k, v in os.environ.items() if k != "VUONGMAC_STORE_URL"}
    result = subprocess.run([sys.executable, "-m", "bench.crash", "--trials", "4"], cwd=REPO,
                            capture_output=True, text=True, timeout=900, env=env)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["build", "ingest", "publish"]
    assert all("0 failures" in line for line in lines)


def test_disk_full_during_ingest_changes_nothing(tmp_path, monkeypatch) -> None:
    paths = copy_dataset(tmp_path)
    before = state(paths)
    import vuongmac.ingest.drafts as drafts

    real = drafts._store_source_text
    calls = {"n": 0}

    def failing(*args):  # noqa: ANN002
        calls["n"] += 1
        if calls["n"] == 2:  # the second document of the batch hits a full disk
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args)

    monkeypatch.setattr(drafts, "_store_source_text", failing)
    from vuongmac.extract import extract
    from vuongmac.ingest.readers import read_document
    from vuongmac.store import open_store

    doc = read_document(REPO / "data" / "sources" / "seed_000.txt")
    docs = [
        doc.__class__(
            name=f"x{n}.txt", text=doc.text + f"\nBổ sung {n}.", meta=doc.meta, title=doc.title
        )
        for n in range(2)
    ]
    with pytest.raises(OSError, match="No space"):
        drafts.add_drafts(
            [(d, extract(d.text)) for d in docs], open_store(paths.root), paths.sources
        )
    assert state(paths) == before  # one transaction: the first document is not half-stored


def test_disk_full_during_build_keeps_the_warehouse(work_paths, monkeypatch) -> None:
    before = work_paths.warehouse.read_bytes()
    import vuongmac.warehouse.build as b

    def failing(path):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(b, "_fsync", failing)
    with pytest.raises(OSError, match="No space"):
        build(work_paths.curated, work_paths.warehouse, sources_dir=work_paths.sources)
    assert work_paths.warehouse.read_bytes() == before
    assert not list(work_paths.root.glob(".warehouse.duckdb.*"))


def test_query_timeout(seed_paths, tmp_path) -> None:
    from vuongmac.warehouse.runner import QueryError, Warehouse

    (tmp_path / "slow.sql").write_text(
        "-- A query that would run for minutes.\n-- params:\n-- returns: n\n"
        "SELECT count(*) AS n FROM range(100000000000) a\n"
    )
    wh = Warehouse(seed_paths.warehouse, queries_dir=tmp_path, timeout_seconds=0.5)
    with pytest.raises(QueryError, match="longer than"):
        wh.run("slow")
    wh.close()


def test_server_limits_configured() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["maxUploadSize"] <= 50
    assert config["client"]["showErrorDetails"] == "none"


@settings(deadline=None)
@given(st.text(max_size=80), st.one_of(st.none(), st.sampled_from(["01", "40", "79", "xx"])))
def test_gazetteer_fuzz(text, province) -> None:
    result = default_gazetteer().resolve(text, province)
    assert result.status in {"resolved", "ambiguous", "not_found"}


@pytest.mark.slow
def test_batch_with_bad_documents_keeps_going_and_changes_nothing_for_them(tmp_path) -> None:
    paths = copy_dataset(tmp_path)
    before = state(paths)
    files = {
        "empty.txt": b"",
        "blank.txt": b"  \n \t ",
        "binary.txt": os.urandom(2048).replace(b"\x00", b"\x01") + b"\x00" * 10,
        "truncated.docx": b"PK\x03\x04\x14\x00truncated",
        "truncated.pdf": b"%PDF-1.7\n1 0 obj\n<<",
        "../../escape.txt": None,
    }
    names = []
    for name, data in files.items():
        target = tmp_path / "in" / name.replace("../", "")
        target.parent.mkdir(parents=True, exist_ok=True)
        if data is not None:
            target.write_bytes(data)
            names.append(str(target))
    names.append(str(tmp_path / "in" / "missing.txt"))
    result = subprocess.run([sys.executable, "-m", "vuongmac", "--data-dir", str(paths.root), "ingest", *names],
                            cwd=REPO, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 1
    for reason in (
        "no text in the document",
        "binary data",
        "not a valid DOCX",
        "not a readable PDF",
        "file not found",
    ):
        assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert state(paths) == before


# Legacy 8-bit font encodings as they look when decoded: TCVN3 (ABC) and VNI-Windows.
TCVN3 = (
    "Tr\xaa\xadng hîp c\xb8n bé x\xb7 cßn thiÕu, trô së lµm viÖc ch\xad\xa8 ®¸p øng yªu cÇu. " * 5
)
VNI = "Tröôøng hôïp caùn boä xaõ coøn thieáu, truï sôû laøm vieäc chöa ñaùp öùng yeâu caàu. " * 5


@pytest.mark.parametrize("text", [TCVN3, VNI])
def test_legacy_font_encodings_are_rejected_clearly(text) -> None:
    from vuongmac.ingest.readers import DocumentError, read_bytes

    with pytest.raises(DocumentError, match="legacy Vietnamese font encoding"):
        read_bytes(text.encode("cp1252", errors="replace"), "old.txt")


def test_other_awkward_inputs() -> None:
    import io
    import unicodedata

    from pypdf import PdfWriter

    from vuongmac.extract import extract
    from vuongmac.ingest.readers import DocumentError, read_bytes

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(DocumentError, match="password-protected PDF"):
        read_bytes(buf.getvalue(), "locked.pdf")

    mixed = unicodedata.normalize("NFD", "Trụ sở làm việc còn chật hẹp ở xã ") + "Kim Bôi\u200b."
    doc = read_bytes(("Khó khăn: " + mixed).encode(), "mixed.txt")
    assert doc.text == unicodedata.normalize("NFC", doc.text) and "\u200b" not in doc.text
    assert any(i.category == "facilities_equipment" for i in extract(doc.text).issues)

    long_line = ("Tuy nhiên, thiếu cán bộ chuyên môn, " * 200_000).encode()  # one 7 MB line
    assert read_bytes(long_line, "long.txt").text


@pytest.mark.slow
def test_fifty_megabyte_text_is_handled(tmp_path) -> None:
    big = tmp_path / "big.txt"
    chunk = (
        "Ngày 21/11/2025, đoàn công tác làm việc với xã Kim Bôi. Khó khăn: trụ sở làm việc còn chật hẹp.\n"
        * 1000
    ).encode()
    with big.open("wb") as f:
        while f.tell() < 50 * 1000 * 1000:
            f.write(chunk)
    result = subprocess.run([sys.executable, "-m", "vuongmac", "extract", str(big), "--out", str(tmp_path / "out")],
                            cwd=REPO, capture_output=True, text=True, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "big.json").stat().st_size > 0


def test_upload_names_are_never_paths(tmp_path) -> None:
    """A hostile upload name only labels the document; its text is stored under its hash."""
    from vuongmac.extract import extract
    from vuongmac.ingest.drafts import add_drafts
    from vuongmac.ingest.readers import read_bytes

    paths = copy_dataset(tmp_path / "ds")
    text = "Ngày 20/11/2025, làm việc với xã Con Cuông, Nghệ An. Khó khăn: trụ sở làm việc còn chật hẹp."
    doc = read_bytes(text.encode(), "../../../../etc/passwd.txt")
    from vuongmac.store import open_store

    result = add_drafts([(doc, extract(doc.text))], open_store(paths.root), paths.sources)
    (source_id,) = result.added_sources
    assert (paths.sources / f"{source_id}.txt").read_text(encoding="utf-8") == doc.text
    assert not (tmp_path / "etc").exists() and not list(tmp_path.rglob("passwd*"))
