"""Counting honestly: a hand-made dataset holding every counting trap (tests/fixtures/traps),
and the numbers each page and export must show for it, computed by hand from the rules in
docs/counting.md.

The traps:
- v_wide: Lào Cai, 10 communes, 3 visit-wide issues and 1 of Phường Lào Cai;
- v_na: a National Assembly speech recorded with Điện Biên, scope national (2 issues);
- v_2012: a 2012 report in Hà Nội (2 issues, 1 proposal): before the reform;
- v_und1 (source published 2025-10-01) and v_und2 (no date at all): undated, Nghệ An;
- v_dup: one article stored twice (t_html, t_txt: the same address written two ways), each
  copy giving the same 2 issues and the same proposal;
- v_en: an English article with places written without diacritics, and proposals to role
  words ("the province", "State", "Central Government") and to "Department of Finance".
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest
from test_app import app_maker

from vuongmac.config import DataPaths
from vuongmac.exports import map_values_geojson, to_csv
from vuongmac.filters import Filters
from vuongmac.warehouse.runner import Warehouse

TODAY = dt.date(2026, 1, 15)

# -- hand-computed expectations ---------------------------------------------------------------
# Default view (two-tier era + unknown era): every visit but v_2012.
DEFAULT_KPIS = {
    "visit_count": 6,  # v_wide, v_na, v_und1, v_und2, v_dup, v_en
    "commune_count": 13,  # two-tier visits: 10 (v_wide) + Thành Vinh + Hà Giang 1 + Ngọc Đường
    "issue_count": 13,  # 4 + 2 + 2 + 1 + 2 (v_dup: 4 rows, 2 quotes) + 2
    "proposal_count": 6,  # v_na 1 + v_dup 1 (two copies) + v_en 4
    "source_count": 6,  # t_html and t_txt are one document
    "undated_visit_count": 2,
    "national_issue_count": 2,
    "before_visit_count": 1,  # v_2012, hidden by the era toggle
    "report_count": 0,
}
ALL_ERAS_KPIS = {
    **DEFAULT_KPIS,
    "visit_count": 7,
    "issue_count": 15,
    "proposal_count": 7,
    "source_count": 7,
    "before_visit_count": 0,
    # coverage stays two-tier only: the 2012 visit's communes do not count
}
BY_PROVINCE = [("Nghệ An", 5), ("Lào Cai", 4), ("Toàn quốc", 2), ("Tuyên Quang", 2)]
BY_MONTH = {"2025-09": 4, "2025-10": 2, "2025-11": 4, None: 3}  # None: the undated bar
VISITS_BY_MONTH = {"2025-09": 1, "2025-10": 1, "2025-11": 2, None: 2}
COMMUNE_ISSUES = {"02647": 1, "16690": 1, "00694": 1}  # only what the text attributes
VISIT_WIDE = {
    **{c: 3 for c in ("02647", "02671", "02680", "02683", "02686", "02695", "02701", "02707",
                      "02725", "02728")},
    "16681": 4,  # v_und1 (2) and v_dup (2)
    "00694": 1,
    "00700": 1,
}  # fmt: skip
PROVINCE_ISSUES = {"15": 4, "40": 5, "08": 2}  # Điện Biên (11): 0, the speech is national
AGENCY_RANKING = [("Sở Tài chính", 2), ("Chính phủ", 1)]  # role words are not ranked


@pytest.fixture(scope="module")
def traps(trap_paths) -> DataPaths:
    return trap_paths


@pytest.fixture(scope="module")
def wh(traps) -> Warehouse:
    return Warehouse(traps.warehouse)


def q(f: Filters) -> dict[str, object]:
    return f.query_params()


def era_views() -> list[Filters]:
    return [Filters(), Filters(include_before=True)]


# -- the warehouse ---------------------------------------------------------------------------


def test_headline_numbers(wh) -> None:
    assert wh.run("kpis", **q(Filters())).iloc[0].to_dict() == DEFAULT_KPIS
    assert wh.run("kpis", **q(Filters(include_before=True))).iloc[0].to_dict() == ALL_ERAS_KPIS


def test_national_row_and_no_province_inflated(wh) -> None:
    rows = wh.run("issues_by_province", **q(Filters()))
    assert list(zip(rows["province_name"], rows["issue_count"], strict=True)) == BY_PROVINCE
    assert "Điện Biên" not in set(rows["province_name"])
    national = rows[rows["province_name"] == "Toàn quốc"].iloc[0]
    assert pd.isna(national["province_code"])
    # a province filter never includes national records
    assert wh.run("kpis", **q(Filters(province_codes=("11",)))).iloc[0]["issue_count"] == 0


def test_timelines_keep_undated_records(wh) -> None:
    def by_month(frame: pd.DataFrame, column: str) -> dict:
        out: dict = {}
        for period, n in zip(frame["period"], frame[column], strict=True):
            key = None if pd.isna(period) else pd.Timestamp(period).strftime("%Y-%m")
            out[key] = out.get(key, 0) + int(n)
        return out

    issues = wh.run("issues_by_period", **q(Filters()), grain="month")
    assert by_month(issues, "issue_count") == BY_MONTH
    assert sum(BY_MONTH.values()) == DEFAULT_KPIS["issue_count"]  # nothing silently dropped
    visits = wh.run("visits_by_period", **q(Filters()), grain="month")
    assert by_month(visits, "visit_count") == VISITS_BY_MONTH
    monthly = wh.run("issues_by_month", **q(Filters()))
    assert int(monthly["issue_count"].sum()) == DEFAULT_KPIS["issue_count"]
    # a date range is a date range: undated visits do not match it
    dated = Filters(date_from=dt.date(2025, 7, 1), date_to=dt.date(2025, 12, 31))
    assert wh.run("kpis", **q(dated)).iloc[0]["issue_count"] == 10


def test_eras(traps) -> None:
    import duckdb

    with duckdb.connect(str(traps.warehouse), read_only=True) as con:
        rows = con.execute("SELECT visit_id, era, era_basis FROM fct_visit").fetchall()
    visits = {vid: (era, basis) for vid, era, basis in rows}
    assert visits == {
        "v_wide": ("two_tier", "visit_date"),
        "v_na": ("two_tier", "visit_date"),
        "v_2012": ("before", "visit_date"),
        "v_und1": ("two_tier", "published"),
        "v_und2": ("unknown", None),
        "v_dup": ("two_tier", "visit_date"),
        "v_en": ("two_tier", "visit_date"),
    }


def commune_map(wh, f: Filters) -> pd.DataFrame:
    return wh.run(
        "map_communes", province_codes=list(f.province_codes), categories=list(f.categories),
        date_from=f.date_from, date_to=f.date_to, eras=list(f.eras), share_category=None,
    )  # fmt: skip


def test_commune_map_counts_only_attributed_issues(wh) -> None:
    data = commune_map(wh, Filters())
    counted = data[data["issue_count"] > 0].set_index("code")["issue_count"].to_dict()
    assert counted == COMMUNE_ISSUES
    wide = data[data["visit_wide_count"] > 0].set_index("code")["visit_wide_count"].to_dict()
    assert wide == VISIT_WIDE
    assert int(data["visited_two_tier"].sum()) == DEFAULT_KPIS["commune_count"]
    # the 2012 report's communes: counted with the toggle, never as coverage
    old = commune_map(wh, Filters(include_before=True)).set_index("code")
    assert old.loc["00004", "issue_count"] == 1 and not old.loc["00004", "visited_two_tier"]


def test_province_map(wh) -> None:
    data = wh.run(
        "map_provinces", commune_codes=[], categories=[], date_from=None, date_to=None,
        eras=list(Filters().eras), share_category=None,
    ).set_index("code")  # fmt: skip
    assert data[data["issue_count"] > 0]["issue_count"].to_dict() == PROVINCE_ISSUES
    assert data.loc["15", "visit_wide_count"] == 3 and data.loc["15", "communes_visited"] == 10
    assert data.loc["11", "issue_count"] == 0 and data.loc["11", "visit_count"] == 0
    assert int(data["visited_two_tier"].sum()) == 3


def attributed(wh, f: Filters) -> int:
    rows = wh.run("issue_table", **q(f), search=None, row_limit=None)
    return int((rows["attribution"] == "commune").sum())


@settings(max_examples=60, deadline=None)
@given(
    provinces=st.lists(st.sampled_from(["15", "40", "08", "01", "11"]), max_size=2, unique=True),
    categories=st.lists(
        st.sampled_from(
            [
                "it_infrastructure",
                "facilities_equipment",
                "finance_budget",
                "transport_infrastructure",
                "organization_coordination",
            ]
        ),
        max_size=2,
        unique=True,
    ),  # fmt: skip
    before=st.booleans(),
    month=st.sampled_from([None, 9, 10, 11]),
)
def test_commune_map_sum_never_exceeds_attributed_issues(
    wh, provinces, categories, before, month
) -> None:
    span = (dt.date(2025, month, 1), dt.date(2025, month, 28)) if month else (None, None)
    f = Filters(tuple(provinces), (), tuple(categories), *span, include_before=before)
    data = commune_map(wh, f)
    assert int(data["issue_count"].sum()) == attributed(wh, f)


def test_commune_map_sum_on_the_seed_data(seed_paths) -> None:
    seed = Warehouse(seed_paths.warehouse)
    for f in era_views():
        assert int(commune_map(seed, f)["issue_count"].sum()) == attributed(seed, f)


def test_commune_filter_includes_visit_wide_issues_of_visits_there(wh) -> None:
    # Bát Xát (02683): no issue of its own, the 3 visit-wide issues of the visit that went there
    assert wh.run("kpis", **q(Filters(commune_codes=("02683",)))).iloc[0]["issue_count"] == 3
    rows = wh.run(
        "issue_table", **q(Filters(commune_codes=("02647",))), search=None, row_limit=None
    )
    assert sorted(rows["attribution"]) == ["commune", "visit", "visit", "visit"]


def test_one_article_twice_is_one_document_and_corroborations(wh) -> None:
    rows = wh.run("issue_table", **q(Filters(province_codes=("40",))), search=None, row_limit=None)
    dup = rows[rows["visit_id"] == "v_dup"]
    assert len(dup) == 2 and set(dup["source_count"]) == {2}
    docs = wh.run("source_table", row_limit=None).set_index("source_id")
    assert docs.loc["t_html", "copies"] == docs.loc["t_txt", "copies"] == 2
    assert docs.loc["t_html", "issue_count"] == docs.loc["t_txt", "issue_count"] == 2


def test_agencies_are_canonical_and_role_words_are_not_ranked(wh) -> None:
    ranking = wh.run("proposals_by_agency", **q(Filters()), today=TODAY, min_count=1)
    assert list(zip(ranking["assigned_agency"], ranking["proposal_count"], strict=True)) == (
        AGENCY_RANKING
    )
    assert list(ranking["agency_name_en"]) == ["Department of Finance", "Government"]
    table = wh.run("proposal_table", **q(Filters()), today=TODAY, row_limit=None)
    assert len(table) == DEFAULT_KPIS["proposal_count"]
    roles = table[table["assigned_agency"].isna()]
    assert sorted(roles["agency_as_written"]) == ["Central Government", "State", "the province"]


def test_places_in_their_2025_vietnamese_form(wh) -> None:
    rows = wh.run("issue_table", **q(Filters(province_codes=("08",))), search=None, row_limit=None)
    by_id = rows.set_index("issue_id")
    assert by_id.loc["i_en_1", "places"] == "Phường Hà Giang 1"
    assert by_id.loc["i_en_2", "places"] == "Phường Hà Giang 1, Xã Ngọc Đường"
    assert by_id.loc["i_en_2", "places_as_written"] == "Ha Giang 1 ward, Ngoc Duong commune"
    latest = wh.run("latest_visits", **q(Filters(province_codes=("08",))), row_limit=5)
    assert latest.iloc[0]["places"] == "Phường Hà Giang 1, Xã Ngọc Đường"


# -- the exports -----------------------------------------------------------------------------


def test_exports_carry_the_same_numbers(wh) -> None:
    issues = pd.read_csv(
        io.BytesIO(to_csv(wh.run("issue_table", **q(Filters()), search=None, row_limit=None))),
        encoding="utf-8-sig",
    )
    assert len(issues) == DEFAULT_KPIS["issue_count"]
    assert (issues["province_name"] == "Toàn quốc").sum() == 2
    assert "Ha Giang 1 ward, Ngoc Duong commune" in set(issues["places_as_written"])
    proposals = pd.read_csv(
        io.BytesIO(to_csv(wh.run("proposal_table", **q(Filters()), today=TODAY, row_limit=None))),
        encoding="utf-8-sig",
    )
    assert len(proposals) == DEFAULT_KPIS["proposal_count"]
    assert proposals["assigned_agency"].value_counts().to_dict() == dict(AGENCY_RANKING)
    data = commune_map(wh, Filters())
    shapes = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": c}, "geometry": None} for c in data["code"]
        ],
    }
    geo = json.loads(map_values_geojson(shapes, data, "issue_count"))
    assert sum(f["properties"]["issue_count"] for f in geo["features"]) == 3
    assert sum(f["properties"]["visited_two_tier"] for f in geo["features"]) == 13


def test_brief_numbers_and_notes(wh) -> None:
    from vuongmac.brief import gather

    brief = gather(wh, Filters(), today=TODAY)
    assert [(label, value) for label, value, _ in brief.numbers] == [
        ("Đoàn công tác", "6"), ("Xã, phường được làm việc", "13"), ("Vướng mắc", "13"),
        ("Kiến nghị", "6"),
    ]  # fmt: skip
    assert any("1 đoàn trước 1/7/2025" in n for n in brief.notes)
    assert any("2 đoàn không rõ ngày" in n for n in brief.notes)
    assert any("2 vướng mắc phạm vi toàn quốc" in n for n in brief.notes)
    agencies = {agency for _, agency, _, _ in brief.open_proposals}
    assert {"Tỉnh", "Trung ương"}.isdisjoint(agencies)


# -- every page (AppTest) --------------------------------------------------------------------


@pytest.fixture
def app(traps, monkeypatch):
    return app_maker(traps.root, monkeypatch)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def figures(at: AppTest) -> dict[str, dict]:
    return {c.proto.id: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def figure(at: AppTest, key: str) -> dict:
    return next(spec for pid, spec in figures(at).items() if key in pid)


def test_overview_page(app) -> None:
    at = app()
    assert metrics(at) == {
        "Đoàn công tác": "6", "Xã, phường được làm việc": "13", "Vướng mắc": "13",
        "Kiến nghị": "6", "Nguồn": "6",
    }  # fmt: skip
    notes = captions(at)
    assert "1 đoàn trước 1/7/2025 không được tính" in notes
    assert "2 đoàn không rõ ngày" in notes and "2 vướng mắc thuộc phạm vi toàn quốc" in notes
    bars = figure(at, "chart_by_province")["data"][0]
    assert dict(zip(bars["y"], bars["x"], strict=True)) == dict(BY_PROVINCE)
    monthly = figure(at, "chart_by_month")["data"]
    undated = [tr for tr in monthly if tr.get("xaxis") == "x2"]
    assert sum(sum(tr["y"]) for tr in undated) == BY_MONTH[None]
    assert {x for tr in undated for x in tr["x"]} == {"Không rõ ngày"}
    assert sum(sum(tr["y"]) for tr in monthly) == DEFAULT_KPIS["issue_count"]
    at.sidebar.toggle(key="flt_before").set_value(True).run()
    assert metrics(at)["Vướng mắc"] == "15" and metrics(at)["Xã, phường được làm việc"] == "13"
    assert "trước 1/7/2025 không được tính" not in captions(at)


def test_map_page(app) -> None:
    at = app("pages/map.py")
    assert "13 / 3.321 xã, phường đã có đoàn làm việc" in captions(at)
    top = at.dataframe[0].value
    assert int(top["Vướng mắc"].sum()) == 3  # never a visit's issues multiplied over communes
    at.selectbox(key="map_metric").set_value("visit_wide_count").run()
    assert not at.exception
    at.segmented_control(key="map_level").set_value("province").run()
    assert "3 / 34 tỉnh, thành phố đã có đoàn làm việc" in captions(at)
    top = at.dataframe[0].value.set_index("Địa bàn")
    assert int(top["Vướng mắc"].sum()) == sum(PROVINCE_ISSUES.values())
    assert "Điện Biên" not in set(top.index)


def test_issues_page(app) -> None:
    at = app("pages/issues.py")
    assert at.caption[0].value == "13 vướng mắc"
    table = at.dataframe[0].value
    assert (table["Tỉnh"] == "Toàn quốc").sum() == 2
    assert "Phường Hà Giang 1" in set(table["Địa bàn"])
    assert "Ha Giang 1 ward" not in " ".join(table["Địa bàn"].fillna(""))
    assert table["Số nguồn"].max() == 2
    at = app("pages/issues.py", era="all")
    assert at.caption[0].value == "15 vướng mắc"


def test_timeline_page(app) -> None:
    at = app("pages/timeline.py")
    spec = figure(at, "chart_timeline")
    assert sum(sum(tr["y"]) for tr in spec["data"] if tr.get("type") == "bar") == 13
    undated = [tr for tr in spec["data"] if tr.get("xaxis") == "x2"]
    assert sum(sum(tr["y"]) for tr in undated) == 3
    visits = figure(at, "chart_visits")["data"]
    assert [sum(tr["y"]) for tr in visits] == [4, 2]  # dated visits, then the undated bar
    assert "2 đoàn không rõ ngày" in captions(at)


def test_categories_page(app) -> None:
    at = app("pages/categories.py")
    heat = figure(at, "chart_heatmap")["data"][0]
    assert "Toàn quốc" in heat["y"] and "Điện Biên" not in heat["y"]  # provinces are rows
    assert sum(sum(row) for row in heat["z"]) == 13


def test_proposals_page(app) -> None:
    at = app("pages/proposals.py")
    assert metrics(at)["Kiến nghị"] == "6"
    ranking = at.dataframe[1].value  # [0] is the difficulty -> agency table
    assert list(zip(ranking.iloc[:, 0], ranking.iloc[:, 1], strict=True)) == AGENCY_RANKING
    table = at.dataframe[2].value
    assert "Central Government" in set(table["Cơ quan như trong văn bản"])
    at = app("pages/proposals.py", lang="en")
    ranking = at.dataframe[1].value
    assert list(ranking.iloc[:, 0]) == ["Department of Finance", "Government"]


def test_sources_page(app) -> None:
    at = app("pages/sources.py")
    docs = at.dataframe[0].value
    assert len(docs) == 8  # every file is listed, with how many copies of its document
    assert sorted(docs["Số bản"]) == [1, 1, 1, 1, 1, 1, 2, 2]


def test_codebook_page(app) -> None:
    at = app("pages/codebook.py")
    counts = at.dataframe[0].value["Số vướng mắc"]
    assert int(counts.sum()) == 13


@pytest.mark.slow
def test_counting_page_and_link_from_every_page(app) -> None:
    at = app("pages/counting.py")
    text = "\n".join(m.value for m in at.markdown)
    assert "một lần cho mỗi đoàn, mỗi nhóm và mỗi trích" in text
    at = app("pages/counting.py", lang="en")
    assert "once per visit, category and quote" in "\n".join(m.value for m in at.markdown)
    for page in ("pages/overview.py", "pages/map.py", "pages/issues.py", "pages/timeline.py",
                 "pages/categories.py", "pages/proposals.py", "pages/sources.py",
                 "pages/codebook.py"):  # fmt: skip
        at = app(page)
        links = [e for e in at.get("page_link")]
        assert any("Cách đếm" in link.proto.label for link in links), page


def test_counting_doc_sections_are_complete() -> None:
    from vuongmac.counting import counting_sections

    sections = counting_sections(Path(REPO / "docs" / "counting.md"))
    for vi, en in [("Toàn quốc", "national"), ("1/7/2025", "1/7/2025"),
                   ("Không rõ ngày", "Undated"), ("Cơ quan", "Agencies")]:  # fmt: skip
        assert vi in sections["vi"] and en in sections["en"]
