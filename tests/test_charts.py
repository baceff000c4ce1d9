import numpy as np
import pandas as pd

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


def test_count_legends_have_whole_number_ticks() -> None:
    import pandas as pd

    from vuongmac.charts.maps import choropleth_figure

    df = pd.DataFrame({"code": ["a", "b"], "name": ["A", "B"], "province_name": ["P", "P"],
                       "issue_count": [1, 0], "visit_count": [1, 0], "issues_per_visit": [1.0, None],
                       "category_share": [None, None], "visit_wide_count": [0, 0]})  # fmt: skip
    labels = {k: k for k in ("metric", "issues", "visits", "per_visit", "share", "visited",
                             "not_visited", "no_data")}  # fmt: skip
    fig = choropleth_figure(df, "x.json", "issue_count", level="commune", labels=labels)
    bar = next(tr for tr in fig.data if tr.showscale is not False).colorbar
    assert (bar.dtick, bar.tickformat) == (1, "d")
    ratio = choropleth_figure(df, "x.json", "issues_per_visit", level="commune", labels=labels)
    assert next(tr for tr in ratio.data if tr.showscale is not False).colorbar.dtick is None
