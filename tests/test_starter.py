"""The starter dataset (data/curated): 128 hand-coded documents as published records.

- The overview's numbers equal a hand count made here straight from the gold files
  (data/starter/gold) and the supplement's codings, by the rules of docs/counting.md.
- No publisher's full text is in the repository (needs ../shared to compare; skips without).
- The import, re-run from the gold corpus, reproduces the committed records, and every
  quote it keeps is verbatim in its article (needs ../shared).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
import unicodedata
from pathlib import Path

import pytest
from conftest import REPO, SEED_CURATED, SHARED_CORPUS, run_cli

from vuongmac.config import DataPaths
from vuongmac.domain import QUOTE_MAX_CHARS, REFORM_DATE, publish_problems
from vuongmac.filters import Filters
from vuongmac.geo.admin import default_gazetteer, load_communes
from vuongmac.ingest.gold import read_supplement, shorten
from vuongmac.warehouse.build import build
from vuongmac.warehouse.runner import Warehouse

STARTER = REPO / "data" / "starter"
CURATED = REPO / "data" / "curated"
RECORD_FILES = ("sources", "visits", "visit_sources", "visit_communes", "issues", "proposals")


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    root = tmp_path_factory.mktemp("starter")
    shutil.copytree(CURATED, root / "curated")
    shutil.copytree(REPO / "data" / "sources", root / "sources")
    shutil.copy(REPO / "data" / "DATASET.json", root / "DATASET.json")
    paths = DataPaths(root)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    return paths


def _rows(name: str, folder: Path = CURATED) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _period_end(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


def hand_count() -> dict[str, int]:
    """The overview's headline numbers computed from the gold files and the supplement
    alone (plus each source's publication date, which the article header states), with the
    counting rules: relevant documents; one occasion per gold visit, or one report per
    placed document without a visit; eras from the date's whole period, else the curator's
    era, else the publication date; default view = two-tier + unknown era; a national
    occasion is in no province; coverage counts two-tier visits' communes."""
    gazetteer = default_gazetteer()
    supplement = read_supplement(STARTER)
    published = {r["url"]: r["published_date"] for r in _rows("sources")}
    out = dict.fromkeys(
        ("visit_count", "report_count", "issue_count", "proposal_count", "commune_count",
         "national_issue_count", "before_visit_count", "undated_visit_count"), 0,
    )  # fmt: skip
    communes: set[str] = set()
    for path in sorted((STARTER / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if not gold["relevant"]:
            continue
        coding = supplement.documents.get(gold["id"])
        occasions = gold["visits"] or [
            {"date": coding.date if coding else None, "report": True,
             "national": bool(coding and coding.scope == "national"),
             "province_2025": coding.province if coding else None, "communes": []}
        ]  # fmt: skip
        if not gold["visits"] and not (occasions[0]["national"] or occasions[0]["province_2025"]):
            continue  # a report nobody can place is not imported (see IMPORT-REPORT.txt)
        pub = published.get(gold["url"]) or ""
        for n, v in enumerate(occasions):
            date = v.get("date") or ""
            if date and _period_start(date) >= REFORM_DATE:
                era = "two_tier"
            elif date and _period_end(date) < REFORM_DATE:
                era = "before"
            elif coding and coding.era:
                era = coding.era
            elif pub:
                era = "before" if pub < REFORM_DATE.isoformat() else "two_tier"
            else:
                era = "unknown"
            report = v.get("report", False)
            national = v.get("national") or not v.get("province_2025")
            if era == "before":
                out["before_visit_count"] += 0 if report else 1
                continue
            if report:
                out["report_count"] += 1
            else:
                out["visit_count"] += 1
                out["undated_visit_count"] += 0 if date else 1
                if era == "two_tier":
                    province = gazetteer.resolve_province(v["province_2025"] or "")
                    for name in v["communes"]:
                        code = supplement.places.get((gold["id"], name))
                        found = gazetteer.resolve(name, province).commune_codes
                        code = code or (found[0] if len(found) == 1 else None)
                        if code:
                            communes.add(code)
            if n == 0:  # a document's issues and proposals go to its first occasion's era
                issues = {(i["category"], i.get("commune"), i["evidence"]) for i in gold["issues"]}
                out["issue_count"] += len(issues)
                out["national_issue_count"] += len(issues) if national else 0
                out["proposal_count"] += len(gold["proposals"])
    out["commune_count"] = len(communes)
    return out


def _period_start(date: str) -> dt.date:
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def test_overview_counts_equal_the_hand_count_from_the_gold_files(starter) -> None:
    wh = Warehouse(starter.warehouse)
    kpis = wh.run("kpis", **Filters().query_params()).iloc[0]
    expected = hand_count()
    got = {k: int(kpis[k]) for k in expected}
    assert got == expected
    # the province chart and the category chart add up to the same issues
    by_province = wh.run("issues_by_province", **Filters().query_params())
    assert int(by_province["issue_count"].sum()) == expected["issue_count"]
    by_category = wh.run("issues_by_category", **Filters().query_params())
    assert int(by_category["issue_count"].sum()) == expected["issue_count"]


def test_the_map_shows_coded_communes_of_25_provinces(starter) -> None:
    wh = Warehouse(starter.warehouse)
    params = Filters(include_before=True).query_params()
    params.pop("commune_codes")
    rows = wh.run("map_communes", **params, share_category="")
    coded = rows[(rows["issue_count"] > 0) | (rows["visit_count"] > 0)]
    coded = coded[coded["province_name"].notna()]
    assert coded["province_name"].nunique() >= 25  # with the era toggle (24 in the default view)
    places = {
        r["commune_code"] for r in _rows("visit_communes")
    }  # every coded commune: visits' and reports'
    province_of = dict(
        zip(load_communes()["commune_code"], load_communes()["province_code"], strict=True)
    )
    provinces = {province_of[code] for code in places}
    assert len(provinces) >= 25


def test_records_obey_the_publish_rules_and_quote_lengths() -> None:
    sources = {r["source_id"]: r for r in _rows("sources")}
    quote_only = {sid for sid, r in sources.items() if not r["file"]}
    assert len(quote_only) >= 120
    for name, field in (("issues", "evidence"), ("proposals", "text"), ("visits", "evidence")):
        for row in _rows(name):
            if name != "visits" and row["source_id"] in quote_only:
                assert len(row[field]) <= QUOTE_MAX_CHARS, row
    assert all(len(r["content_hash"]) == 64 for r in sources.values())
    # a year-only date is never drawn as January: reports without a month keep no date
    assert not [r for r in _rows("visits") if r["date_precision"] == "year" and r["era"]]


def test_quote_only_sources_are_checked_by_the_build(tmp_path) -> None:
    shutil.copytree(CURATED, tmp_path / "curated")
    rows = _rows("issues", tmp_path / "curated")
    sources = {r["source_id"]: r for r in _rows("sources")}
    victim = next(r for r in rows if not sources[r["source_id"]]["file"])
    victim["evidence"] = victim["evidence"] + " x" * 200
    with (tmp_path / "curated" / "issues.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    from vuongmac.warehouse.build import BuildError

    with pytest.raises(BuildError, match="quote-only source"):
        build(tmp_path / "curated", tmp_path / "w.duckdb", sources_dir=tmp_path)


def test_publish_refuses_a_long_quote_of_a_quote_only_source() -> None:
    visit = {"visit_id": "v1", "province_code": "01", "evidence": "x", "scope": "province"}
    issue = {"issue_id": "i1", "category_id": "other", "evidence": "y" * 301, "source_id": "s"}
    problems = publish_problems(
        visit, [], [issue], [], [{"source_id": "s", "file": ""}],
        province_codes={"01"}, commune_province={}, category_ids={"other"},
    )  # fmt: skip
    assert any("quote-only" in p for p in problems)
    issue["evidence"] = "y" * 300
    assert not publish_problems(
        visit, [], [issue], [], [{"source_id": "s", "file": ""}],
        province_codes={"01"}, commune_province={}, category_ids={"other"},
    )  # fmt: skip


def test_shorten_keeps_a_verbatim_prefix() -> None:
    text = "một, " * 100
    short = shorten(text, 300)
    assert len(short) <= 300 and text.startswith(short) and short.endswith("một")
    assert shorten("ngắn", 300) == "ngắn"
    assert shorten("a" * 400, 300) == "a" * 300


def test_banner_names_the_dataset(starter, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(starter.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    assert not at.exception
    banner = [i.value for i in at.info if "văn bản" in i.value]
    assert banner, [i.value for i in at.info]
    assert "mã hoá thủ công" in banner[0] and "127 văn bản" in banner[0]
    assert "toàn văn tại nguồn" in banner[0]


needs_shared = pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="needs ../shared/corpus")


@needs_shared
def test_no_news_full_text_is_stored_in_the_repository() -> None:
    """Every stored source text is a seed article; no file of the repository's data holds a
    news article's text (a 400-character window of any of them)."""
    news = {}
    for path in sorted((SHARED_CORPUS / "articles").glob("news_*.txt")):
        text = " ".join(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")).split())
        news[path.stem] = text
    stored = sorted((REPO / "data" / "sources").iterdir())
    assert {p.stem for p in stored} == {f"seed_{i:03d}" for i in range(5)}
    haystacks = [p for p in (REPO / "data").rglob("*") if p.is_file() and p.suffix in {".csv", ".txt", ".json", ".md"}]  # fmt: skip
    bodies = {
        p: " ".join(unicodedata.normalize("NFC", p.read_text(encoding="utf-8", errors="replace")).split())
        for p in haystacks
    }  # fmt: skip
    for name, text in news.items():
        windows = [text[i : i + 400] for i in range(0, max(len(text) - 400, 1), 400)]
        for p, body in bodies.items():
            assert not any(w in body for w in windows if len(w) == 400), (name, p)


@needs_shared
@pytest.mark.slow
def test_import_reproduces_the_committed_records_with_verbatim_quotes(tmp_path) -> None:
    shutil.copytree(SEED_CURATED, tmp_path / "curated")
    shutil.copytree(REPO / "data" / "sources", tmp_path / "sources")
    done = run_cli("--data-dir", str(tmp_path), "import-gold", str(SHARED_CORPUS),
                   "--supplement", str(STARTER))  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in RECORD_FILES:
        assert _rows(name, tmp_path / "curated") == _rows(name), name
    texts = {}
    for path in (SHARED_CORPUS / "gold").glob("*.json"):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = SHARED_CORPUS / "articles" / f"{gold['id']}.txt"
        texts[gold["url"]] = " ".join(
            unicodedata.normalize("NFC", article.read_text(encoding="utf-8")).split()
        )
    sources = {r["source_id"]: texts.get(r["url"]) for r in _rows("sources") if not r["file"]}
    for name, field in (("issues", "evidence"), ("proposals", "text")):
        for row in _rows(name):
            if row["source_id"] not in sources:
                continue  # a seed, kept with its text: the build checks its quotes
            text = sources[row["source_id"]]
            assert text is not None and " ".join(row[field].split()) in text, row
    # what could not be mapped is listed, and each line is one of the explained kinds
    report = (STARTER / "IMPORT-REPORT.txt").read_text(encoding="utf-8")
    assert "news_063" in report  # the one report nobody can place


def test_display_title_replaces_generic_headlines() -> None:
    from vuongmac.ingest.gold import TITLE_MAX_CHARS, display_title

    text = (
        "URL: https://bao.vn/x\n\nLiên hệ Quảng cáo: (04)39.431.943 - (04)39.447.011\n\n"
        "Ngày 6/9, đồng chí Nguyễn Văn A, Phó Bí thư Tỉnh ủy, làm việc với xã Phố Cáo về"
        " tình hình vận hành chính quyền địa phương hai cấp và những khó khăn còn tồn tại."
    )
    for generic in (
        "Tin tức",
        "Vietnam.vn - Nền tảng quảng bá Việt Nam",
        "Wednesday, 6/8/2025 | 06:01",
    ):
        title = display_title(generic, text, "Vietnam.vn")
        assert title.startswith("Ngày 6/9, đồng chí") and len(title) <= TITLE_MAX_CHARS
        assert title.endswith("…")
    own = "Liên Sơn: Lắng nghe công dân để gỡ “nút thắt” bức xúc sau sáp nhập"
    assert display_title(own, text, "Báo Bắc Giang") == own


def test_sources_page_names_every_status_in_vietnamese(starter, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(starter.root))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60).run()
    at.switch_page("pages/sources.py").run()
    assert not at.exception
    shown = [x.value for x in at.text]
    assert "không liên quan, đã gác lại: 19" in shown
    assert not [s for s in shown if s.split(":")[0] in {"dismissed", "draft", "withdrawn"}]
