import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from vuongmac.charts import CATEGORY_COLORS, category_bar_figure, monthly_issues_figure


def values(arr) -> list:
    """plotly 7 encodes numeric arrays as base64 {dtype, bdata} in to_plotly_json."""
    if isinstance(arr, dict) and "bdata" in arr:
        import base64

        return np.frombuffer(base64.b64decode(arr["bdata"]), dtype=arr["dtype"]).tolist()
    return list(arr)


def test_category_bars_sorted_with_stable_colours() -> None:
    df = pd.DataFrame(
        {
            "category_id": ["finance_budget", "legal_guidance", "other"],
            "label_vi": ["Tài chính, ngân sách", "Văn bản, hướng dẫn pháp lý", "Khác"],
            "label_en": ["Finance and budget", "Legal framework and guidance", "Other"],
            "sort_order": [6, 7, 14],
            "issue_count": [2, 5, 1],
        }
    )
    fig = category_bar_figure(df, "vi", "Số vướng mắc")
    bar = fig.to_plotly_json()["data"][0]
    # horizontal bars are drawn bottom-up: largest last = on top
    assert values(bar["x"]) == [1, 2, 5]
    assert list(bar["y"])[-1] == "Văn bản, hướng dẫn pháp lý"
    assert list(bar["customdata"])[-1] == "legal_guidance"
    assert list(bar["marker"]["color"])[-1] == CATEGORY_COLORS["legal_guidance"]
    en = category_bar_figure(df, "en", "Issues").to_plotly_json()["data"][0]
    assert list(en["y"])[-1] == "Legal framework and guidance"
    assert len(set(CATEGORY_COLORS.values())) == 14


def test_monthly_stack_fills_missing_months_with_zero() -> None:
    df = pd.DataFrame(
        {
            "visit_month": pd.to_datetime(["2025-07-01", "2025-07-01", "2025-09-01"]).date,
            "category_id": ["finance_budget", "other", "finance_budget"],
            "issue_count": [3, 1, 2],
        }
    )
    fig = monthly_issues_figure(df, "vi", "Số vướng mắc", "Tháng")
    traces = {t.name: t for t in fig.data}
    assert set(traces) == {"Tài chính, ngân sách", "Khác"}
    assert list(traces["Khác"].y) == [1, 0]
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.barmode == "stack"


def _units(counts: list[float]) -> pd.DataFrame:
    n = len(counts)
    return pd.DataFrame({"code": [f"{i:05d}" for i in range(n)], "name": [f"X{i}" for i in range(n)],
                         "province_name": ["P"] * n, "issue_count": counts, "visit_count": [1] * n,
                         "issues_per_visit": [c / 2 for c in counts], "category_share": [None] * n,
                         "visit_wide_count": [0] * n})  # fmt: skip


LABELS = {k: k for k in ("metric", "issues", "visits", "per_visit", "share", "visited",
                         "not_visited", "no_data")}  # fmt: skip


def test_count_legend_is_the_colour_classes() -> None:
    """Skewed counts (most communes 1 or 2, a few hot spots) get five classes, not a linear
    ramp that leaves everything pale: the legend lists exactly the classes drawn."""
    from vuongmac.charts.maps import YLORRD, choropleth_figure

    counts = [0] * 10 + [1] * 50 + [2] * 20 + [3, 4, 5, 6, 8, 9, 12, 15, 40, 90]
    fig = choropleth_figure(_units(counts), "x.json", "issue_count", level="commune", labels=LABELS)
    valued = next(tr for tr in fig.data if tr.showscale is not False)
    bar = valued.colorbar
    assert list(bar.ticktext) == ["1", "2", "3–6", "7–12", "13–90"]
    assert list(bar.tickvals) == [0, 1, 2, 3, 4]
    assert {c for _, c in valued.colorscale} == set(YLORRD[5])
    assert sorted(set(valued.z)) == [0, 1, 2, 3, 4]
    # the zero units are grey "no data", not the palest class
    grey = next(tr for tr in fig.data if tr.showscale is False and tr.name == "no_data")
    assert len(grey.locations) == 10
    assert "0,5" not in " ".join(bar.ticktext)  # whole numbers: no 0.5 class bounds

    en = choropleth_figure(_units([1000, 2000, 3000, 4000, 5000, 6000]), "x.json", "issue_count",
                           level="commune", labels=LABELS, lang="en")  # fmt: skip
    assert (
        "1,000–2,000" in next(tr for tr in en.data if tr.showscale is not False).colorbar.ticktext
    )


def test_ratio_legend_keeps_decimals() -> None:
    from vuongmac.charts.maps import choropleth_figure

    fig = choropleth_figure(
        _units([1, 2, 3]), "x.json", "issues_per_visit", level="commune", labels=LABELS
    )
    assert list(next(tr for tr in fig.data if tr.showscale is not False).colorbar.ticktext) == [
        "0,5", "1,0", "1,5"
    ]  # fmt: skip


@given(st.lists(st.integers(0, 5000), max_size=300), st.integers(1, 5))
@settings(max_examples=200, deadline=None)
def test_classes_cover_every_positive_count_once(values: list[int], k: int) -> None:
    from vuongmac.charts.maps import classify

    classes = classify(values, k=k)
    positive = np.array([v for v in values if v > 0])
    assert len(classes) <= min(k, len(set(positive.tolist())))
    if positive.size == 0:
        assert len(classes) == 0
        return
    index = classes.index(positive)
    assert index.min() >= 0 and index.max() < len(classes)
    assert set(index.tolist()) == set(range(len(classes)))  # no empty class in the legend
    for i, v in zip(index, positive, strict=True):
        assert classes.lower[i] <= v <= classes.upper[i]
    assert classes.lower[0] == positive.min() and classes.upper[-1] == positive.max()
    for i in range(1, len(classes)):  # contiguous whole-number ranges
        assert classes.lower[i] == classes.upper[i - 1] + 1


def test_province_labels_do_not_overlap() -> None:
    from vuongmac.charts.maps import place_labels

    points = pd.DataFrame({"name": ["Hà Nội", "Bắc Ninh", "Hưng Yên", "Nghệ An"],
                           "lon": [105.80, 105.85, 106.05, 104.9], "lat": [21.02, 21.05, 20.45, 19.2],
                           "area_km2": [3300.0, 4700.0, 2500.0, 16800.0]})  # fmt: skip
    kept = place_labels(points, px_per_degree=33)
    assert set(kept["name"]) == {"Bắc Ninh", "Hưng Yên", "Nghệ An"}  # Hà Nội sits on Bắc Ninh
    assert len(place_labels(points, px_per_degree=3000)) == 4  # zoomed in, all fit


def test_phone_map_keeps_fewer_province_labels() -> None:
    """At a phone's scale the decluttering drops labels (they overlapped at 390 px)."""
    from vuongmac.charts.maps import place_labels
    from vuongmac.geo.serve import label_points, read_layer
    from vuongmac.ui.maps import NATIONAL_PX_PER_DEGREE, PHONE_PX_PER_DEGREE

    points = label_points(read_layer("provinces"))
    laptop = set(place_labels(points, NATIONAL_PX_PER_DEGREE)["name"])
    phone = set(place_labels(points, PHONE_PX_PER_DEGREE)["name"])
    assert len(phone) < len(laptop) < 34 and {"Nghệ An", "Gia Lai"} <= phone


def test_long_axis_labels_wrap_at_spaces() -> None:
    from vuongmac.charts import heatmap_figure, wrap_label

    assert wrap_label("Trụ sở, cơ sở vật chất, trang thiết bị", 22) == (
        "Trụ sở, cơ sở vật<br>chất, trang thiết bị"
    )
    assert wrap_label("Huế", 22) == "Huế"
    fig = heatmap_figure([[1.0]], ["Cà Mau"], ["Trụ sở, cơ sở vật chất, trang thiết bị"], "n")
    assert fig.data[0].y == ("Trụ sở, cơ sở vật chất,<br>trang thiết bị",)
    assert fig.data[0].customdata[0][0] == "Trụ sở, cơ sở vật chất, trang thiết bị · Cà Mau"


def test_heatmap_grows_with_its_rows_and_keeps_a_phones_columns_apart() -> None:
    """34 provinces as rows: 26 px each; a phone with 14 category columns draws one-line
    upright labels and no cell numbers (a tap shows them); 6 columns keep their numbers."""
    from vuongmac.charts import HEATMAP_ROW_PX, PHONE_TEXT_COLUMNS, heatmap_figure

    cats = [f"Nhóm số {i} có tên rất dài, nhiều chữ" for i in range(14)]
    rows = [f"Tỉnh {i}" for i in range(34)]
    z = [[float(i * j) for j in range(14)] for i in range(34)]
    few = heatmap_figure(z[:3], cats, rows[:3], "n")
    many = heatmap_figure(z, cats, rows, "n")
    assert many.layout.height - few.layout.height == 31 * HEATMAP_ROW_PX
    assert many.data[0].texttemplate == "%{text}" and many.layout.xaxis.tickangle == -40
    phone = heatmap_figure(z, cats, rows, "n", phone=True)
    assert phone.data[0].texttemplate == "" and phone.layout.xaxis.tickangle == -90
    assert all("<br>" not in label and len(label) <= 26 for label in phone.data[0].x)
    assert phone.data[0].customdata[0][1] == f"Tỉnh 0 · {cats[1]}"  # hover keeps it whole
    narrow = heatmap_figure(
        [r[:PHONE_TEXT_COLUMNS] for r in z], cats[:PHONE_TEXT_COLUMNS], rows, "n", phone=True
    )
    assert narrow.data[0].texttemplate == "%{text}"


def test_plotly_locale_config() -> None:
    from vuongmac.fmt import PLOTLY_LOCALE_VI, plotly_locale_config

    vi = plotly_locale_config("vi")
    assert vi["locale"] == "vi" and vi["locales"]["vi"] is PLOTLY_LOCALE_VI
    assert len(PLOTLY_LOCALE_VI["format"]["months"]) == 12
    assert PLOTLY_LOCALE_VI["format"]["shortDays"][1] == "T2"  # index 0 is Sunday for plotly
    assert plotly_locale_config("en") == {"locale": "en"}
