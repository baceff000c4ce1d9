"""Choropleth figures (pure): values per commune or province on shapes served by URL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from vuongmac.charts import FONT
from vuongmac.fmt import fmt_number

METRICS = (
    "issue_count",  # issues the text attributes to the unit (never a visit's, multiplied)
    "visit_count",
    "issues_per_visit",
    "category_share",
    "coverage",  # visited in the two-tier era
    "visit_wide_count",  # visit-wide issues of the visits that went there: its own layer
)
# Sequential, colour-blind-safe, monotonic in lightness (reads in greyscale print): ColorBrewer
# YlOrRd, with the class count's own set so 3 classes are not 3 of the 5-class colours.
YLORRD = {
    1: ("#fd8d3c",),
    2: ("#feb24c", "#f03b20"),
    3: ("#ffeda0", "#feb24c", "#f03b20"),
    4: ("#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"),
    5: ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"),
}
MAX_CLASSES = max(YLORRD)
COUNT_METRICS = frozenset({"issue_count", "visit_count", "visit_wide_count"})
NO_DATA = "#eeeeee"
VISITED, NOT_VISITED = "#2166ac", "#f4a582"
OUTLINE = "#5a5a5a"
_TRANSPARENT = [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]]


@dataclass(frozen=True)
class Classes:
    """Colour classes of the positive values: class i holds lower[i] <= v <= upper[i]."""

    lower: tuple[float, ...]
    upper: tuple[float, ...]

    def __len__(self) -> int:
        return len(self.upper)

    def index(self, values: np.ndarray) -> np.ndarray:
        return np.searchsorted(np.asarray(self.upper), np.asarray(values, dtype=float), "left")

    def labels(self, lang: str, decimals: int = 0, suffix: str = "") -> list[str]:
        def show(v: float) -> str:
            return fmt_number(v, lang, decimals) + suffix

        return [show(lo) if show(lo) == show(hi) else f"{show(lo)}–{show(hi)}"
                for lo, hi in zip(self.lower, self.upper, strict=True)]  # fmt: skip


def classify(
    values: Sequence[float] | np.ndarray, k: int = MAX_CLASSES, integer: bool = True
) -> Classes:
    """Quantile classes that keep ties together: each class takes an equal share of what is
    left, so when half the communes have exactly one issue, "1" is one class and the other
    k - 1 still split the rest (a plain quantile cut would collapse into two or three).
    Counts get contiguous whole-number ranges ("1", "2–3", "4–9"); ratios get the range of
    their members. Zero and missing values are not classed (they are "no data")."""
    v = np.asarray(values, dtype=float)
    v = np.sort(v[np.isfinite(v) & (v > 0)])
    if v.size == 0:
        return Classes((), ())
    uppers: list[float] = []
    rest = v
    for i in range(k):
        if rest.size == 0:
            break
        cut = float(np.quantile(rest, 1 / (k - i), method="inverted_cdf"))
        upper = float(rest[-1]) if i == k - 1 else cut
        uppers.append(upper)
        rest = rest[rest > upper]
    lowers = []
    for i, upper in enumerate(uppers):
        members = v[(v <= upper) & (v > uppers[i - 1])] if i else v[v <= upper]
        lowers.append(float(uppers[i - 1] + 1) if integer and i else float(members.min()))
        if not integer:
            uppers[i] = float(members.max())
    return Classes(tuple(lowers), tuple(uppers))


def _discrete_scale(colors: Sequence[str]) -> list[list[object]]:
    n = len(colors)
    scale: list[list[object]] = []
    for i, color in enumerate(colors):
        scale += [[i / n, color], [(i + 1) / n, color]]
    return scale


def place_labels(points: pd.DataFrame, px_per_degree: float, font_px: float = 10) -> pd.DataFrame:
    """The labels that fit without overlapping, bigger units first (plotly draws every text
    it is given, on top of each other). ``points``: name, lon, lat, area_km2."""
    kept: list[tuple[float, float, float, float]] = []
    rows = []
    for row in points.sort_values("area_km2", ascending=False).itertuples(index=False):
        half_w = len(row.name) * 0.58 * font_px / px_per_degree / 2
        half_h = 1.25 * font_px / px_per_degree / 2 / np.cos(np.radians(row.lat))
        box = (row.lon - half_w, row.lon + half_w, row.lat - half_h, row.lat + half_h)
        if any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in kept):
            continue
        kept.append(box)
        rows.append(row)
    return pd.DataFrame(rows, columns=points.columns)


def metric_values(df: pd.DataFrame, metric: str) -> pd.Series:
    if metric == "coverage":  # two-tier era only (docs/counting.md)
        column = "visited_two_tier" if "visited_two_tier" in df else "visit_count"
        return (df[column].astype(float) > 0).astype(float)
    return df[metric].astype(float)


@dataclass(frozen=True)
class MapLayers:
    """What is drawn over the values: province outlines (by URL, the codes to outline),
    province labels (name, lon, lat, area_km2; national view only) and the island markers
    (code, province_code, name, lon, lat)."""

    outline_url: str | None = None
    outline_codes: Sequence[str] = ()
    province_labels: pd.DataFrame | None = None
    islands: pd.DataFrame | None = None


def _legend(title: str) -> dict[str, object]:
    # inside the map, over the East Sea, so the country gets the whole width
    return {"title": {"text": title, "side": "top"}, "x": 0.99, "xanchor": "right", "y": 0.93,
            "yanchor": "top", "len": 0.42, "thickness": 14, "bgcolor": "rgba(255,255,255,0.85)",
            "outlinewidth": 0}  # fmt: skip


def choropleth_figure(
    df: pd.DataFrame,
    geojson_url: str,
    metric: str,
    *,
    level: str,
    labels: dict[str, str],
    selected: Sequence[str] = (),
    height: int = 640,
    lang: str = "vi",
    layers: MapLayers = MapLayers(),
) -> go.Figure:
    """``df``: one row per unit (code, name, province_name, issue_count, visit_count,
    issues_per_visit, category_share). ``labels`` holds the translated texts: metric,
    issues, visits, per_visit, share, visited, not_visited, no_data.

    Values are drawn in quantile classes (``classify``) with the legend in the same classes;
    zero is "no data" grey. Every trace's customdata ends with the unit's code, so a click on
    an island marker selects its unit as a click on its polygon does."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}")
    values = metric_values(df, metric)
    # numpy arrays, not lists: plotly validates them by dtype instead of element by element.
    ipv = df["issues_per_visit"].astype(float).round(1).fillna(0).to_numpy()
    share = (df["category_share"].astype(float) * 100).round(0).fillna(0).to_numpy()
    codes = df["code"].to_numpy(dtype=object)
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
            codes,
        ]
    )
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
    colors = np.full(len(df), NO_DATA, dtype=object)  # each unit's fill, for its marker
    if metric == "coverage":
        visited = values.to_numpy() > 0
        colors[visited], colors[~visited] = VISITED, NOT_VISITED
        fig.add_choropleth(
            locations=codes,
            z=values.to_numpy(),
            customdata=custom,
            colorscale=[[0, NOT_VISITED], [0.5, NOT_VISITED], [0.5, VISITED], [1, VISITED]],
            zmin=0,
            zmax=1,
            colorbar={
                **_legend(labels["metric"]),
                "tickvals": [0.25, 0.75],
                "ticktext": [labels["not_visited"], labels["visited"]],
                "len": 0.22,
            },  # fmt: skip
            **common,
        )
    else:
        raw = values.to_numpy()
        shown = np.where(metric == "category_share", raw * 100, raw)
        has_value = np.nan_to_num(shown) > 0
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
            integer = metric in COUNT_METRICS
            classes = classify(shown[has_value], integer=integer)
            palette = YLORRD[len(classes)]
            index = classes.index(shown[has_value])
            colors[has_value] = np.asarray(palette, dtype=object)[index]
            decimals = 0 if integer or metric == "category_share" else 1
            fig.add_choropleth(
                locations=codes[has_value],
                z=index,
                customdata=custom[has_value],
                colorscale=_discrete_scale(palette),
                zmin=-0.5,
                zmax=len(classes) - 0.5,
                colorbar={
                    **_legend(labels["metric"]),
                    "tickvals": list(range(len(classes))),
                    "ticktext": classes.labels(
                        lang, decimals, "%" if metric == "category_share" else ""
                    ),
                    "len": min(0.42, 0.08 * len(classes) + 0.06),
                },
                **common,
            )
    if layers.outline_url and layers.outline_codes and level == "commune":
        fig.add_choropleth(
            locations=list(layers.outline_codes),
            z=[0] * len(layers.outline_codes),
            geojson=layers.outline_url,
            featureidkey="properties.code",
            colorscale=_TRANSPARENT,
            showscale=False,
            marker_line_color=OUTLINE,
            marker_line_width=0.9,
            hoverinfo="skip",
        )
    if layers.province_labels is not None and not layers.province_labels.empty:
        lab = layers.province_labels
        fig.add_scattergeo(
            lon=lab["lon"].to_numpy(),
            lat=lab["lat"].to_numpy(),
            text=lab["name"].to_numpy(dtype=object),
            mode="text",
            textfont={"size": 10, "color": "#1f1f1f", "family": FONT, "shadow": "auto"},
            hoverinfo="skip",
            showlegend=False,
        )
    if layers.islands is not None and not layers.islands.empty:
        key = "code" if level == "commune" else "province_code"
        position = {c: i for i, c in enumerate(codes)}
        isl = layers.islands[layers.islands[key].isin(position)]
        if not isl.empty:
            rows = [position[c] for c in isl[key]]
            fig.add_scattergeo(
                lon=isl["lon"].to_numpy(),
                lat=isl["lat"].to_numpy(),
                text=isl["name"].to_numpy(dtype=object),
                customdata=custom[rows],
                hovertemplate=hover,
                mode="markers+text",
                textposition="bottom center",
                textfont={"size": 10, "color": "#1f1f1f", "family": FONT},
                marker={"size": 11, "color": colors[rows], "line": {"color": OUTLINE, "width": 1}},
                showlegend=False,
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
        showlegend=False,
    )
    return fig
