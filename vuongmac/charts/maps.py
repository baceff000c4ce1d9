"""Choropleth figures (pure): values per commune or province on shapes served by URL."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vuongmac.charts import FONT

METRICS = (
    "issue_count",  # issues the text attributes to the unit (never a visit's, multiplied)
    "visit_count",
    "issues_per_visit",
    "category_share",
    "coverage",  # visited in the two-tier era
    "visit_wide_count",  # visit-wide issues of the visits that went there: its own layer
)
# Sequential, colour-blind-safe, monotonic in lightness (reads in greyscale print): YlOrRd.
SEQUENTIAL = [
    [0.0, "#ffffb2"], [0.25, "#fecc5c"], [0.5, "#fd8d3c"], [0.75, "#f03b20"], [1.0, "#bd0026"],
]  # fmt: skip
COUNT_METRICS = frozenset({"issue_count", "visit_count", "visit_wide_count"})
NO_DATA = "#eeeeee"
VISITED, NOT_VISITED = "#2166ac", "#f4a582"
_TRANSPARENT = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]


def metric_values(df: pd.DataFrame, metric: str) -> pd.Series:
    if metric == "coverage":  # two-tier era only (docs/counting.md)
        column = "visited_two_tier" if "visited_two_tier" in df else "visit_count"
        return (df[column].astype(float) > 0).astype(float)
    return df[metric].astype(float)


def choropleth_figure(
    df: pd.DataFrame,
    geojson_url: str,
    metric: str,
    *,
    level: str,
    labels: dict[str, str],
    selected: Sequence[str] = (),
    height: int = 680,
) -> go.Figure:
    """``df``: one row per unit (code, name, province_name, issue_count, visit_count,
    issues_per_visit, category_share). ``labels`` holds the translated texts: metric,
    issues, visits, per_visit, share, visited, not_visited, no_data."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    values = metric_values(df, metric)
    # numpy arrays, not lists: plotly validates them by dtype instead of element by element.
    ipv = df["issues_per_visit"].astype(float).round(1).fillna(0).to_numpy()
    share = (df["category_share"].astype(float) * 100).round(0).fillna(0).to_numpy()
    custom = np.column_stack(
        [
            df["name"].to_numpy(dtype=object),
            df["province_name"].to_numpy(dtype=object),
            df["issue_count"].to_numpy(dtype=object),
            df["visit_count"].to_numpy(dtype=object),
            ipv.astype(object),
            share.astype(object),
            df["visit_wide_count"].to_numpy(dtype=object)
            if "visit_wide_count" in df
            else np.zeros(len(df), dtype=object),
        ]
    )
    codes = df["code"].to_numpy(dtype=object)
    hover = (
        "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
        f"{labels['issues']}: %{{customdata[2]}}<br>{labels['visits']}: %{{customdata[3]}}<br>"
        f"{labels['per_visit']}: %{{customdata[4]}}<br>{labels['share']}: %{{customdata[5]}}%"
        + (f"<br>{labels['visit_wide']}: %{{customdata[6]}}" if "visit_wide" in labels else "")
        + "<extra></extra>"
    )
    line_width = 0.15 if level == "commune" else 0.8
    common = {
        "geojson": geojson_url,
        "featureidkey": "properties.code",
        "hovertemplate": hover,
        "marker_line_color": "white",
        "marker_line_width": line_width,
    }
    fig = go.Figure()
    if metric == "coverage":
        fig.add_choropleth(
            locations=codes,
            z=values.to_numpy(),
            customdata=custom,
            colorscale=[[0, NOT_VISITED], [0.5, NOT_VISITED], [0.5, VISITED], [1, VISITED]],
            zmin=0,
            zmax=1,
            colorbar={
                "title": {"text": labels["metric"]},
                "tickvals": [0.25, 0.75],
                "ticktext": [labels["not_visited"], labels["visited"]],
                "len": 0.35,
            },
            **common,
        )
    else:
        has_value = (values.fillna(0) > 0).to_numpy()
        if (~has_value).any():
            fig.add_choropleth(
                locations=codes[~has_value],
                z=np.zeros(int((~has_value).sum())),
                customdata=custom[~has_value],
                colorscale=[[0, NO_DATA], [1, NO_DATA]],
                showscale=False,
                name=labels["no_data"],
                **common,
            )
        if has_value.any():
            vmax = float(values[has_value].max())
            fig.add_choropleth(
                locations=codes[has_value],
                z=values[has_value].round(3).to_numpy(),
                customdata=custom[has_value],
                colorscale=SEQUENTIAL,
                zmin=0,
                zmax=vmax if vmax > 0 else 1,
                colorbar={
                    "title": {"text": labels["metric"]},
                    "len": 0.6,
                    "thickness": 14,
                    "x": 0.98,
                    # counts are whole numbers: no 0.2 ticks on a legend of 1 issue
                    **(
                        {"tick0": 0, "dtick": 1, "tickformat": "d"}
                        if metric in COUNT_METRICS and vmax <= 10
                        else {}
                    ),
                },  # fmt: skip
                **common,
            )
    chosen = [c for c in selected if c in set(df["code"])]
    if chosen:
        fig.add_choropleth(
            locations=chosen,
            z=[1] * len(chosen),
            geojson=geojson_url,
            featureidkey="properties.code",
            colorscale=_TRANSPARENT,
            showscale=False,
            marker_line_color="#111111",
            marker_line_width=2.5,
            hoverinfo="skip",
        )
    fig.update_geos(
        fitbounds="locations",
        visible=False,
        projection_type="mercator",
        bgcolor="white",
        showframe=False,
    )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        font={"family": FONT, "size": 13, "color": "#262730"},
        paper_bgcolor="white",
    )
    return fig
