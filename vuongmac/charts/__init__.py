"""Pure figure builders: DataFrame in, plotly Figure out (no Streamlit, no DuckDB)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vuongmac.codebook import load_codebook

# Colour-blind-safe qualitative palette (Okabe-Ito, then Paul Tol's muted set), one fixed
# colour per category so a category looks the same in every chart.
_PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#332288", "#88CCEE", "#117733", "#999933", "#AA4499", "#882255", "#7F7F7F",
)  # fmt: skip
CATEGORY_COLORS = {
    c.category_id: _PALETTE[i % len(_PALETTE)] for i, c in enumerate(load_codebook())
}
FONT = "Noto Sans, Arial, sans-serif"


def _count_axis_ticks(max_count: float) -> dict[str, object]:
    """Counts are whole numbers: never a 0.5 tick."""
    if max_count <= 10:
        return {"tick0": 0, "dtick": 1, "tickformat": "d"}
    return {"tickformat": ",d"}


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 30, "t": 10, "b": 10},
        font={"family": FONT, "size": 13, "color": "#262730"},
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font_family": FONT},
    )
    fig.update_xaxes(automargin=True, linecolor="#999", ticks="outside")
    fig.update_yaxes(automargin=True)
    return fig


def category_bar_figure(df: pd.DataFrame, lang: str, count_label: str) -> go.Figure:
    """Horizontal bars, most frequent category on top; ``customdata`` holds category ids."""
    label_col = "label_vi" if lang == "vi" else "label_en"
    ordered = df.sort_values(["issue_count", "sort_order"], ascending=[True, False])
    fig = go.Figure(
        go.Bar(
            x=ordered["issue_count"].tolist(),
            y=ordered[label_col].tolist(),
            orientation="h",
            marker_color=[CATEGORY_COLORS.get(c, "#7F7F7F") for c in ordered["category_id"]],
            customdata=ordered["category_id"].tolist(),
            text=ordered["issue_count"].tolist(),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text=count_label,
        showgrid=True,
        gridcolor="#eee",
        rangemode="tozero",
        **_count_axis_ticks(ordered["issue_count"].max() if len(ordered) else 0),
    )
    fig.update_yaxes(title_text=None, automargin=True)
    return _layout(fig, height=max(220, 34 * len(ordered) + 60))


def monthly_issues_figure(
    df: pd.DataFrame, lang: str, count_label: str, month_label: str
) -> go.Figure:
    """Issues per month stacked by category, in codebook order."""
    label_col = "label_vi" if lang == "vi" else "label_en"
    fig = go.Figure()
    months = sorted(df["visit_month"].unique())
    for cat in load_codebook():
        sub = df[df["category_id"] == cat.category_id]
        if sub.empty:
            continue
        counts = sub.set_index("visit_month")["issue_count"].reindex(months, fill_value=0)
        fig.add_bar(
            x=[pd.Timestamp(m).strftime("%Y-%m-01") for m in months],
            y=counts.tolist(),
            name=getattr(cat, label_col),
            marker_color=CATEGORY_COLORS[cat.category_id],
            xperiod="M1",
            xperiodalignment="middle",
            hovertemplate="%{x|%m/%Y}: %{y}<extra>%{fullData.name}</extra>",
        )
    # A real time axis: months without visits stay visible as gaps, not silently closed.
    fig.update_layout(
        barmode="stack",
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0, "font": {"size": 12}},
    )
    fig.update_xaxes(
        title_text=month_label, type="date", tickformat="%m/%Y", ticklabelmode="period"
    )
    monthly_max = df.groupby("visit_month")["issue_count"].sum().max() if len(df) else 0
    fig.update_yaxes(
        title_text=count_label,
        gridcolor="#eee",
        rangemode="tozero",
        **_count_axis_ticks(monthly_max),
    )
    return _layout(fig, height=460)
