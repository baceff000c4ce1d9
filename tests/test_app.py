"""AppTest per page: default view, a filter change and its effect, empty result, bad URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import REPO
from streamlit.testing.v1 import AppTest

APP = str(REPO / "app.py")


def app_maker(root, monkeypatch):  # noqa: ANN001, ANN201
    """``make(page=None, **query)``: the app on the data folder ``root``, run from its URL
    query, switched to ``page``, with no exception (the stacks are shown if there is one)."""
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(root))

    def make(page: str | None = None, **query: str | list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        for key, value in query.items():
            at.query_params[key] = value
        at.run()
        if page:
            at.switch_page(page).run()
        assert not at.exception, stacks(at)
        return at

    return make


@pytest.fixture
def app(seed_paths, monkeypatch):
    return app_maker(seed_paths.root, monkeypatch)


def stacks(at: AppTest) -> str:
    """The Python stack of every exception the app raised (messages are redacted in the UI)."""
    out = []
    for e in at.exception:
        try:
            out.append("\n".join(e.stack))
        except AttributeError:
            out.append(str(e.message))
    return "\n---\n".join(out)


def url_values(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return [value] if isinstance(value, str) else list(value)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_overview_default_shows_seed_counts(app) -> None:
    at = app()
    assert at.title[0].value == "Tổng quan"
    # the default view is the two-tier era: the 2022 report (seed_003) is left out, and said so
    assert metrics(at) == {
        "Đoàn công tác": "4",
        "Xã, phường được làm việc": "10",
        "Vướng mắc": "30",
        "Kiến nghị": "12",
        "Nguồn": "4",
    }
    assert any("1 đoàn trước 1/7/2025 không được tính" in c.value for c in at.caption)
    at.sidebar.toggle(key="flt_before").set_value(True).run()
    assert metrics(at) == {
        "Đoàn công tác": "5",
        "Xã, phường được làm việc": "10",  # coverage stays two-tier only
        "Vướng mắc": "33",
        "Kiến nghị": "12",
        "Nguồn": "5",
    }
    assert url_values(at, "era") == ["all"]


def test_overview_province_filter_changes_numbers_and_url(app) -> None:
    at = app()
    at.sidebar.multiselect(key="flt_province").set_value(["40"]).run()
    assert metrics(at)["Vướng mắc"] == "7"
    assert metrics(at)["Kiến nghị"] == "7"
    assert url_values(at, "province") == ["40"]


def test_overview_category_filter(app) -> None:
    at = app()
    at.sidebar.multiselect(key="flt_category").set_value(["it_infrastructure"]).run()
    assert metrics(at)["Vướng mắc"] == "6"
    assert metrics(at)["Đoàn công tác"] == "4"


def test_overview_from_url_and_empty_result(app) -> None:
    at = app(**{"province": "25", "from": "2025-11-01"})
    assert metrics(at)["Vướng mắc"] == "5"
    at = app(**{"province": "15", "category": "legal_guidance"})
    assert metrics(at)["Vướng mắc"] == "0"
    assert any("Không có dữ liệu" in i.value for i in at.info)


def test_malformed_url_params_give_a_notice_not_an_exception(app) -> None:
    at = app(
        **{
            "province": ["40", "<script>alert(1)</script>"],
            "from": "not-a-date",
            "category": "'; DROP TABLE fct_issue; --",
            "bogus": "1",
        }
    )
    assert metrics(at)["Vướng mắc"] == "7"
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "bogus" in warnings and "from" in warnings and "category" in warnings
    assert url_values(at, "province") == ["40"]  # the URL is cleaned to what is applied


def test_filters_survive_page_switch(app) -> None:
    at = app()
    at.sidebar.multiselect(key="flt_province").set_value(["96"]).run()
    at.switch_page("pages/issues.py").run()
    assert not at.exception
    assert at.sidebar.multiselect(key="flt_province").value == ["96"]
    assert at.caption[0].value == "9 vướng mắc"


def test_issues_page_table_search_and_download(app) -> None:
    at = app("pages/issues.py")
    assert at.title[0].value == "Vướng mắc"
    assert at.caption[0].value == "30 vướng mắc"
    table = at.dataframe[0].value
    assert len(table) == 30 and "Trích dẫn" in table.columns
    at.text_input(key="issue_search").input("chu ky so").run()
    assert at.caption[0].value == "2 vướng mắc"
    assert all("chữ ký số" in e for e in at.dataframe[0].value["Trích dẫn"])
    at.sidebar.multiselect(key="flt_province").set_value(["40"]).run()
    assert at.caption[0].value == "1 vướng mắc"


def test_issues_page_empty(app) -> None:
    at = app("pages/issues.py", province="15", category="legal_guidance")
    assert at.caption[0].value == "0 vướng mắc"
    assert any("Không có dữ liệu" in i.value for i in at.info)


def test_codebook_page(app) -> None:
    at = app("pages/codebook.py")
    assert at.title[0].value == "Bảng mã"
    table = at.dataframe[0].value
    assert len(table) == 14
    assert table["Số vướng mắc"].sum() == 30  # follows the filters: two-tier era by default


def test_english_toggle(app) -> None:
    at = app(lang="en")
    assert at.title[0].value == "Overview"
    assert "Issues" in metrics(at)
    at = app("pages/codebook.py", lang="en")
    assert at.title[0].value == "Codebook"
    assert "Finance and budget" in set(at.dataframe[0].value["Label"])


def test_map_page_default_and_province_filter(app) -> None:
    at = app("pages/map.py")
    assert at.title[0].value == "Bản đồ"
    assert not at.warning
    captions = " ".join(c.value for c in at.caption)
    assert "10 / 3.321 xã, phường đã có đoàn làm việc" in captions
    assert "gần đúng" in captions
    at.sidebar.multiselect(key="flt_province").set_value(["40"]).run()
    captions = " ".join(c.value for c in at.caption)
    assert "3 / 130 xã, phường" in captions


def test_map_page_metrics_and_levels(app) -> None:
    at = app("pages/map.py")
    for metric in ("visit_count", "issues_per_visit", "coverage", "category_share",
                   "visit_wide_count"):  # fmt: skip
        at.selectbox(key="map_metric").set_value(metric).run()
        assert not at.exception, metric
    at.selectbox(key="map_metric").set_value("issue_count").run()
    at.segmented_control(key="map_level").set_value("province").run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "4 / 34 tỉnh, thành phố đã có đoàn làm việc" in captions
    top = at.dataframe[0].value
    assert len(top) == 4
    assert set(top.iloc[:2, 0]) == {"Lào Cai", "Cà Mau"}  # 9 issues each


def test_map_selection_shows_evidence(app) -> None:
    at = app("pages/map.py", commune="31834")
    assert at.subheader[0].value == "Vướng mắc tại nơi đã chọn"
    texts = [t.value for t in at.text]
    assert len(texts) == 9
    assert (
        "phần mềm xử lý hành chính chưa tích hợp tốt, ảnh hưởng tiến độ giải quyết hồ sơ" in texts
    )


def test_map_click_callback_toggles_filter() -> None:
    from vuongmac.ui.maps import clicked_location

    event = {"selection": {"points": [{"curve_number": 1, "location": "17254", "z": 7}]}}
    assert clicked_location(event) == "17254"
    assert clicked_location({"selection": {"points": []}}) is None
    assert clicked_location(None) is None
    assert clicked_location({"selection": {"points": [{"location": 5}]}}) is None
    # an island marker carries no location: its unit's code ends its customdata
    marker = {
        "selection": {"points": [{"lon": 112.1, "customdata": ["Đặc khu Hoàng Sa", 0, "20333"]}]}
    }
    assert clicked_location(marker) == "20333"


def test_coverage_lists_the_unvisited_communes(app) -> None:
    """ "Which communes have never been visited?": one metric switch, names in a table that
    sorts in Vietnamese order and exports, for the chosen province and period."""
    from vuongmac.text import vi_sort_key

    at = app("pages/map.py", province="40")
    at.selectbox(key="map_metric").set_value("coverage").run()
    assert not at.exception
    assert at.subheader[0].value == "Xã, phường chưa có đoàn làm việc (127)"
    table = at.dataframe[0].value
    assert list(table.columns) == ["Tỉnh", "Xã, phường", "Mã hành chính"]
    assert len(table) == 127 and set(table["Tỉnh"]) == {"Nghệ An"}
    names = table["Xã, phường"].tolist()
    assert names == sorted(names, key=vi_sort_key)
    assert {b.label for b in at.get("download_button")} >= {"Tải CSV", "Tải Excel"}
    # the same list at province level: still communes
    at.segmented_control(key="map_level").set_value("province").run()
    assert at.subheader[0].value == "Xã, phường chưa có đoàn làm việc (127)"


PAGES = [
    "pages/overview.py", "pages/map.py", "pages/issues.py", "pages/timeline.py",
    "pages/categories.py", "pages/proposals.py", "pages/sources.py", "pages/codebook.py",
]  # fmt: skip


@pytest.mark.parametrize("page", PAGES)
def test_every_page_default_and_malformed_params(app, page) -> None:
    at = app(page)
    assert at.title and not at.exception
    bad = app(page, province=["zz", "40"], **{"from": "2025-99-01", "category": "nope"})
    assert not bad.exception
    assert any("bỏ qua" in w.value for w in bad.sidebar.warning)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_empty_result(app, page) -> None:
    at = app(page, province="15", category="legal_guidance")  # Lào Cai raised no legal issue
    assert not at.exception


def test_timeline_page_grain_and_filter(app) -> None:
    at = app("pages/timeline.py")
    assert at.title[0].value == "Dòng thời gian"
    assert "ACLED" in " ".join(c.value for c in at.caption)
    at.segmented_control(key="timeline_grain").set_value("week").run()
    assert not at.exception
    at = app("pages/timeline.py", province="40")
    assert not at.exception
    at = app("pages/timeline.py", province="15", category="legal_guidance")
    assert any("Không có vướng mắc nào có ngày" in i.value for i in at.info)


def test_categories_page_evidence_follows_category(app) -> None:
    at = app("pages/categories.py")
    at.selectbox(key="evidence_category").set_value("legal_guidance").run()
    texts = [t.value for t in at.text]
    assert texts and all("chưa kịp thời" in t or "lúng túng" in t for t in texts)
    at.segmented_control(key="heat_mode").set_value("share").run()
    assert not at.exception
    at = app("pages/categories.py", province="96")
    assert at.selectbox(key="evidence_category").value in {"it_infrastructure", "software_data_signature",
        "facilities_equipment", "public_service_delivery", "staff_capacity", "organization_coordination"}  # fmt: skip


def test_proposals_page_counts_and_ranking(app) -> None:
    at = app("pages/proposals.py")
    assert at.title[0].value == "Kiến nghị"
    assert {m.label: m.value for m in at.metric}["Kiến nghị"] == "12"
    # distinct agencies, not proposals with an agency (10 proposals go to 7 agencies)
    assert {m.label: m.value for m in at.metric}["Cơ quan được giao"] == "7"
    at.sidebar.multiselect(key="flt_province").set_value(["40"]).run()
    assert {m.label: m.value for m in at.metric}["Kiến nghị"] == "7"
    at.number_input(key="min_proposals").set_value(2).run()
    ranking = at.dataframe[1].value
    assert list(ranking.iloc[:, 0]) == ["Sở Văn hóa, Thể thao và Du lịch"]  # canonical name


def test_difficulty_agency_status_table(app) -> None:
    """ "Top difficulties in Nghệ An and who is assigned": the Kiến nghị page reads it off
    the reviewed proposal -> category links, per agency, with open and overdue counts."""
    at = app("pages/proposals.py", province="40")
    assert at.subheader[0].value == "Vướng mắc → cơ quan được giao → tình trạng"
    links = at.dataframe[0].value
    assert list(links.columns) == ["Nhóm", "Cơ quan được giao", "Kiến nghị", "Đang mở",
                                   "Đã giải quyết", "Quá hạn"]  # fmt: skip
    rows = set(zip(links["Nhóm"], links["Cơ quan được giao"], strict=True))
    assert ("Thiên tai, sạt lở, tái định cư", "Sở Nông nghiệp và Môi trường") in rows
    assert ("Giao thông, hạ tầng kỹ thuật", "Sở Xây dựng") in rows
    assert ("Chưa gắn nhóm", "UBND tỉnh") not in rows  # every Nghệ An proposal is linked
    # a proposal answering two categories is on both rows; each row counts it once
    assert links.loc[links["Nhóm"] == "Thiên tai, sạt lở, tái định cư", "Kiến nghị"].sum() == 2
    table = at.dataframe[2].value
    assert "Thiên tai, sạt lở, tái định cư" in " ".join(table["Nhóm"])
    en = app("pages/proposals.py", province="40", lang="en")
    assert "Natural disasters, landslides, resettlement" in set(en.dataframe[0].value["Category"])


def test_sources_page_lists_documents_and_quality(app) -> None:
    at = app("pages/sources.py")
    docs = at.dataframe[0].value
    assert len(docs) == 5 and docs["Vướng mắc"].sum() == 33
    texts = " ".join(t.value for t in at.text)
    assert "đã công bố: 33" in texts  # issues by review status
    assert "đơn vị cũ, đã chia tách: 3" in texts  # thị xã Sơn Tây


def test_issue_drilldown_opens_the_visit(app) -> None:
    """The open visit and the search text are in the URL (a row click sets them: the
    browser test), so a shared link opens the same drill-down."""
    at = app("pages/issues.py", commune="31834")
    assert at.caption[0].value == "9 vướng mắc"
    assert not any(s.value == "Chi tiết đoàn công tác" for s in at.subheader)
    at = app("pages/issues.py", commune="31834", visit="v-seed_001-1", q="  phần   mềm ")
    assert any(s.value == "Chi tiết đoàn công tác" for s in at.subheader)
    assert any("Nguyễn Hồ Hải" in c.value for c in at.caption)
    assert at.text_input(key="issue_search").value == "phần mềm"
    assert at.query_params["q"] == "phần mềm" and at.query_params["visit"] == "v-seed_001-1"
    # a visit id that is no id at all is refused with a notice, not looked up
    at = app("pages/issues.py", visit="'; DROP TABLE visits; --")
    assert not any(s.value == "Chi tiết đoàn công tác" for s in at.subheader)
    assert any("visit" in w.value for w in at.sidebar.warning)


def test_overview_answers_where_and_who(app) -> None:
    """The overview's first block: each difficulty's top provinces, communes and assigned
    agencies (a static table in the UI's number format); one switch lists the communes not
    visited, for the province chosen."""
    at = app()
    table = at.table[0].value
    assert list(table.columns) == ["Nhóm", "Vướng mắc", "Tỉnh nhiều nhất", "Xã, phường nhiều nhất",
                                   "Giao cho"]  # fmt: skip
    it = table[table["Nhóm"] == "Hạ tầng công nghệ thông tin"].iloc[0]
    assert it["Vướng mắc"] == "6"
    assert it["Tỉnh nhiều nhất"] == "Cà Mau (2), Lào Cai (2)"  # top 2, ties by name
    assert it["Xã, phường nhiều nhất"] == "Phường Vĩnh Trạch (Cà Mau) (1)"
    assert it["Giao cho"] == "Sở Tài chính (1)"
    shown = len(table) + (len(at.table[1].value) if len(at.table) > 1 else 0)
    assert shown == 11 and len(table) == 8  # 11 categories with issues; 3 under "Các nhóm khác (3)"
    at = app(province="40")
    table = at.table[0].value
    assert {p.split(" (")[0] for p in table["Tỉnh nhiều nhất"]} == {"Nghệ An"}
    offices = table[table["Nhóm"] == "Trụ sở, cơ sở vật chất, trang thiết bị"]
    assert offices["Giao cho"].iloc[0] == "Sở Tài chính (1), Sở Văn hóa, Thể thao và Du lịch (1)"
    at.segmented_control(key="overview_side").set_value("unvisited").run()
    assert not at.exception
    assert at.query_params["side"] == "unvisited"
    assert "**Xã, phường chưa có đoàn làm việc (127)**" in [m.value for m in at.markdown]
    assert len(at.dataframe[0].value) == 127
    en = app(lang="en")
    assert en.table[0].value.columns[2] == "Top provinces"


def test_page_views_round_trip_through_the_url(app) -> None:
    """Each page's toggles are URL values: set from a link, written back when changed, and
    only the page on screen puts its own in the URL."""
    at = app("pages/map.py", level="province", metric="coverage")
    assert at.segmented_control(key="map_level").value == "province"
    assert at.selectbox(key="map_metric").value == "coverage"
    at.selectbox(key="map_metric").set_value("visit_count").run()
    assert at.query_params["metric"] == "visit_count" and at.query_params["level"] == "province"
    at.switch_page("pages/timeline.py").run()
    assert "metric" not in at.query_params and "level" not in at.query_params
    at.segmented_control(key="timeline_grain").set_value("week").run()
    assert at.query_params["grain"] == "week"
    at.switch_page("pages/map.py").run()  # the map view was kept for the session
    assert at.selectbox(key="map_metric").value == "visit_count"
    at = app("pages/map.py", metric="nope", level="province")
    assert at.selectbox(key="map_metric").value == "issue_count"
    assert any("metric" in w.value for w in at.sidebar.warning)


def test_overview_summary_and_period_change(app) -> None:
    at = app()
    summary = at.info[0].value
    assert summary.startswith("Trong 30 ngày tính đến 21/11/2025, 1 đoàn công tác")
    at = app(**{"from": "2025-07-01", "to": "2025-07-31"})
    deltas = [m.delta for m in at.metric]
    assert any(d and "so với kỳ trước" in d for d in deltas)


@pytest.mark.slow
def test_empty_warehouse_renders_every_page(tmp_path, monkeypatch) -> None:
    from conftest import copy_dataset

    paths = copy_dataset(tmp_path)
    for f in paths.curated.glob("*.csv"):
        f.write_text(f.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    monkeypatch.setenv("VUONGMAC_DATA_DIR", str(paths.root))
    for page in PAGES:
        at = AppTest.from_file(APP, default_timeout=60)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, (page, stacks(at))


def test_a_period_preset_is_one_click_and_stays_in_the_url(app) -> None:
    """ "Quý này": one choice sets both dates to this quarter and puts period=q in the
    URL; typing a date by hand makes the range one's own; "Tất cả" clears the dates."""
    from vuongmac.periods import Period, period_range, today_vn

    at = app()
    control = at.segmented_control(key="flt_period")
    assert control.value == "all" and [o for o in control.options] == [
        "Tháng này", "Quý này", "6 tháng", "Từ 1/7/2025", "Tất cả",
    ]  # fmt: skip
    control.set_value("q").run()
    start, end = period_range(Period.QUARTER, today_vn())
    assert url_values(at, "period") == ["q"] and "from" not in at.query_params
    assert at.date_input(key="flt_from").value == start
    assert at.date_input(key="flt_to").value == end
    chip = [b for b in at.button if b.key and b.key.startswith("chip_") and "Quý này" in b.label]
    assert len(chip) == 1  # one chip for the preset, not two dates
    at.date_input(key="flt_from").set_value(start.replace(day=2)).run()
    assert "period" not in at.query_params and url_values(at, "from") == [
        start.replace(day=2).isoformat()
    ]
    assert at.segmented_control(key="flt_period").value is None  # a range of one's own
    at.segmented_control(key="flt_period").set_value("all").run()
    assert "from" not in at.query_params and "to" not in at.query_params
    at.segmented_control(key="flt_period").set_value("q").run()
    told = today_vn()  # this quarter is told up to today, not to its last day
    summary = at.info[0].value
    assert f"{(told - start).days + 1} ngày" in summary and told.strftime("%d/%m/%Y") in summary
    opened = app(period="reform")  # a shared link
    assert opened.date_input(key="flt_from").value == dt.date(2025, 7, 1)
    assert not opened.sidebar.warning  # no notice: the value is known


def test_exports_have_headers_in_the_ui_language_and_dates_as_dates(seed_paths) -> None:
    """An export's headers were raw field names and its dates "2025-07-23 00:00:00"."""
    import io

    import openpyxl
    import pandas as pd

    from vuongmac.exports import to_csv, to_xlsx
    from vuongmac.filters import Filters
    from vuongmac.ui.components import export_frame
    from vuongmac.warehouse.runner import Warehouse

    wh = Warehouse(seed_paths.warehouse)
    rows = wh.run("issue_table", **Filters().query_params(), search=None, row_limit=None)
    vi = export_frame(rows.drop(columns=["label_en"]), "vi")
    assert {"Ngày", "Tỉnh", "Nhóm", "Trích dẫn", "issue_id"} <= set(vi.columns)
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(vi, [("a", "b")], "Dữ liệu", "Bộ lọc")))
    sheet = book["Dữ liệu"]
    header = [c.value for c in sheet[1]]
    date_cell = sheet.cell(row=2, column=header.index("Ngày") + 1)
    assert date_cell.is_date and date_cell.value.hour == 0 and date_cell.number_format != "General"
    en = pd.read_csv(io.BytesIO(to_csv(export_frame(rows.drop(columns=["label_vi"]), "en"))),
                     encoding="utf-8-sig")  # fmt: skip
    assert {"Date", "Province", "Category", "Evidence"} <= set(en.columns)
    assert en["Date"].dropna().str.fullmatch(r"\d{4}-\d{2}-\d{2}").all()


def test_a_large_excel_export_is_prepared_with_progress_then_downloaded(app, monkeypatch) -> None:
    """Above XLSX_PROGRESS_ROWS rows the Excel file is prepared on a click (a progress
    bar while rows are fetched and written), then a download button; the file has the
    rows, headers in Vietnamese, codes by their names and no page total column."""
    import io

    import openpyxl

    from vuongmac.ui import components

    monkeypatch.setattr(components, "XLSX_PROGRESS_ROWS", 5)
    at = app("pages/issues.py")
    prepare = [b for b in at.button if b.label.startswith("Chuẩn bị tệp Excel")]
    assert [b.label for b in prepare] == ["Chuẩn bị tệp Excel (30 dòng)"]
    assert "Tải Excel" not in {b.label for b in at.get("download_button")}
    prepare[0].click().run()
    assert not at.exception, stacks(at)
    assert [b.label for b in at.get("download_button")].count("Tải Excel") == 1
    assert any("Tệp Excel đã sẵn sàng (30 dòng" in c.value for c in at.caption)
    at.run()  # a rerun keeps the prepared file while the view is unchanged
    assert "Tải Excel" in {b.label for b in at.get("download_button")}
    data = at.session_state["xlsx_ready_vuong-mac"][1]
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Dữ liệu"]
    header = [c.value for c in sheet[1]]
    assert {"Ngày", "Tỉnh", "Nhóm", "Trích dẫn", "Gắn với"} <= set(header)
    assert not {"total_rows", "label_en", "date_precision"} & set(header)
    assert sheet.max_row == 31
    attributed = {sheet.cell(row=r, column=header.index("Gắn với") + 1).value for r in range(2, 32)}
    assert attributed <= {"một xã cụ thể", "cả đoàn công tác"} and attributed
