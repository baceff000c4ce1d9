"""Pure figure builders: DataFrame in, plotly Figure out (no Streamlit, no DuckDB)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from vuongmac.codebook import category_label, load_codebook
from vuongmac.fmt import fmt_number

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


# plotly's toolbar floats over the top-right corner of the plot: a top margin this tall
# keeps it off the top bar (a click meant for the bar hit the toolbar; on a phone it hid
# the bars) and off value labels.
TOOLBAR_MARGIN = 34


def _layout(fig: go.Figure, height: int) -> go.Figure:
    fig.update_layout(
        height=height + TOOLBAR_MARGIN - 10,
        margin={"l": 10, "r": 30, "t": TOOLBAR_MARGIN, "b": 10},
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
            texttemplate="%{text:,d}",  # thousands separator of the figure's language
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,d}<extra></extra>",
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


UNDATED_DOMAIN = (0.93, 1.0)  # the "undated" panel, right of the date axis


MAX_TICK_LABELS = 12


def _date_axis(fig: go.Figure, periods: list, grain: str) -> None:
    """Each labelled period's tick sits at the middle of its bar (a month's bar is centred
    on its month: a tick on the month's first day fell between two bars). Up to 12 periods
    are all labelled; a longer axis labels every k-th period from the first, so there are
    at most 12 labels and each is still under its own bar. A little margin on both sides
    (a lone bar otherwise fills the axis and loses its label)."""
    if not periods:
        return
    first, last = pd.Timestamp(min(periods)), pd.Timestamp(max(periods))
    starts = list(pd.date_range(first, last, freq="MS" if grain == "month" else "7D"))
    if grain == "month":
        ends = [s + pd.offsets.MonthBegin(1) for s in starts]
        fmt = "%m/%Y"
    else:
        ends = [s + pd.Timedelta(days=7) for s in starts]
        fmt = "%d/%m/%Y"
    step = -(-len(starts) // MAX_TICK_LABELS)  # ceil
    pad = pd.Timedelta(days=10 if grain == "month" else 2)
    if len(starts) <= MAX_TICK_LABELS:
        # a lone position gives plotly no spacing to size its bars from: give them a width
        day_ms = 24 * 3600 * 1000
        fig.update_traces(
            width=(24 if grain == "month" else 5.5) * day_ms,
            selector=lambda tr: tr.type == "bar" and tr.xaxis in (None, "x"),
        )
    labelled = list(zip(starts, ends, strict=True))[::step]
    fig.update_xaxes(
        selector={"type": "date"},
        range=[starts[0] - pad, ends[-1] + pad],
        tickmode="array",
        tickvals=[s + (e - s) / 2 for s, e in labelled],
        ticktext=[s.strftime(fmt) for s, _ in labelled],
        ticklabelmode="instant",
    )


def _undated_axis(fig: go.Figure, show: bool) -> None:
    """Give undated records their own labelled bar beside the date axis (never dropped):
    x2 is a one-category axis sharing the count axis."""
    if not show:
        return
    fig.update_layout(
        xaxis={"domain": [0.0, UNDATED_DOMAIN[0] - 0.02]},
        xaxis2={
            "domain": list(UNDATED_DOMAIN),
            "anchor": "y",
            "type": "category",
            "title": {"text": ""},
            "linecolor": "#999",
            "ticks": "outside",
            "automargin": True,
        },
    )


def period_issues_figure(
    df: pd.DataFrame,
    lang: str,
    count_label: str,
    period_label: str,
    grain: str = "month",
    spikes: list | None = None,
    spike_text: str = "",
    undated_label: str = "",
) -> go.Figure:
    """Issues per period stacked by category, in codebook order, on a real date axis.

    ``df``: period, category_id, issue_count; rows with no period (undated visits) become
    one "undated" bar (``undated_label``) beside the axis. ``spikes``
    (vuongmac.analysis.Spike) are marked above their bar with the rule explained on hover."""
    label_col = "label_vi" if lang == "vi" else "label_en"
    fig = go.Figure()
    undated = df[df["period"].isna()]
    df = df[df["period"].notna()]
    periods = sorted(df["period"].unique())
    xperiod = "M1" if grain == "month" else 7 * 24 * 3600 * 1000
    fmt = "%m/%Y" if grain == "month" else "%d/%m/%Y"
    for cat in load_codebook():
        sub = df[df["category_id"] == cat.category_id]
        loose = undated[undated["category_id"] == cat.category_id]
        name = getattr(cat, label_col)
        if not sub.empty:
            counts = sub.set_index("period")["issue_count"].reindex(periods, fill_value=0)
            fig.add_bar(
                x=[pd.Timestamp(p).strftime("%Y-%m-%d") for p in periods],
                y=counts.tolist(),
                name=name,
                legendgroup=cat.category_id,
                marker_color=CATEGORY_COLORS[cat.category_id],
                xperiod=xperiod,
                xperiodalignment="middle",
                customdata=[cat.category_id] * len(periods),
                hovertemplate=f"%{{x|{fmt}}}: %{{y}}<extra>%{{fullData.name}}</extra>",
            )
        if not loose.empty:
            fig.add_bar(
                x=[undated_label],
                y=[int(loose["issue_count"].sum())],
                name=name,
                legendgroup=cat.category_id,
                showlegend=sub.empty,
                marker_color=CATEGORY_COLORS[cat.category_id],
                xaxis="x2",
                customdata=[cat.category_id],
                hovertemplate="%{x}: %{y}<extra>%{fullData.name}</extra>",
            )
    if spikes:
        totals = df.groupby("period")["issue_count"].sum()
        fig.add_scatter(
            x=[pd.Timestamp(sp.period).strftime("%Y-%m-%d") for sp in spikes],
            y=[float(totals.get(sp.period, sp.count)) * 1.05 + 0.3 for sp in spikes],
            mode="markers",
            marker={"symbol": "triangle-down", "size": 13, "color": "#b2182b"},
            name=spike_text.split(":")[0] if spike_text else "Spike",
            xperiod=xperiod,
            xperiodalignment="middle",
            hovertext=[
                spike_text.format(
                    province=sp.province_name,
                    category=category_label(sp.category_id, lang),
                    count=sp.count,
                    baseline=f"{sp.baseline:.1f}",
                    change=f"{sp.change_pct:.0f}",
                )
                for sp in spikes
            ],
            hoverinfo="text",
        )
    fig.update_layout(
        barmode="stack",
        # at the bottom of the figure, below the axis whatever room its (rotated, on a
        # phone) tick labels take: at y = -0.2 of the plot it covered them on a phone
        legend={
            "orientation": "h",
            "yref": "container",
            "yanchor": "bottom",
            "y": 0,
            "x": 0,
            "font": {"size": 12},
        },  # fmt: skip
    )
    fig.update_xaxes(title_text=period_label, type="date", tickformat=fmt, ticklabelmode="period")
    _date_axis(fig, periods, grain)
    _undated_axis(fig, not undated.empty)
    period_max = max(
        df.groupby("period")["issue_count"].sum().max() if len(df) else 0,
        undated["issue_count"].sum() if len(undated) else 0,
    )
    fig.update_yaxes(
        title_text=count_label,
        gridcolor="#eee",
        rangemode="tozero",
        **_count_axis_ticks(period_max),
    )
    return _layout(fig, height=460)


def monthly_issues_figure(
    df: pd.DataFrame, lang: str, count_label: str, month_label: str, undated_label: str = ""
) -> go.Figure:
    """Issues per month stacked by category (``df``: visit_month, category_id, issue_count)."""
    return period_issues_figure(
        df.rename(columns={"visit_month": "period"}), lang, count_label, month_label, "month",
        undated_label=undated_label,
    )  # fmt: skip


def visits_figure(
    df: pd.DataFrame, count_label: str, period_label: str, grain: str, undated_label: str = ""
) -> go.Figure:
    """Visits per period (``df``: period, visit_count); undated visits as their own bar."""
    fmt = "%m/%Y" if grain == "month" else "%d/%m/%Y"
    undated = df[df["period"].isna()]
    df = df[df["period"].notna()]
    fig = go.Figure(
        go.Bar(
            x=[pd.Timestamp(p).strftime("%Y-%m-%d") for p in df["period"]],
            y=df["visit_count"].tolist(),
            marker_color="#4d4d4d",
            xperiod="M1" if grain == "month" else 7 * 24 * 3600 * 1000,
            xperiodalignment="middle",
            hovertemplate=f"%{{x|{fmt}}}: %{{y}}<extra></extra>",
            showlegend=False,
        )
    )
    if not undated.empty:
        fig.add_bar(
            x=[undated_label], y=[int(undated["visit_count"].sum())], marker_color="#9e9e9e",
            xaxis="x2", hovertemplate="%{x}: %{y}<extra></extra>", showlegend=False,
        )  # fmt: skip
    fig.update_xaxes(title_text=period_label, type="date", tickformat=fmt, ticklabelmode="period")
    _date_axis(fig, list(df["period"]), grain)
    _undated_axis(fig, not undated.empty)
    top = max(df["visit_count"].max() if len(df) else 0, undated["visit_count"].sum())
    fig.update_yaxes(
        title_text=count_label, gridcolor="#eee", rangemode="tozero", **_count_axis_ticks(top),
    )  # fmt: skip
    return _layout(fig, height=260)


def ranked_bar_figure(
    labels: list[str], values: list[float], ids: list[str], count_label: str, color: str = "#0072B2"
) -> go.Figure:
    """Horizontal bars, largest on top; ``customdata`` carries the ids for click-to-filter."""
    order = list(range(len(values)))[::-1]
    fig = go.Figure(
        go.Bar(
            x=[values[i] for i in order],
            y=[labels[i] for i in order],
            orientation="h",
            marker_color=color,
            customdata=[ids[i] for i in order],
            text=[values[i] for i in order],
            texttemplate="%{text:,}",
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,}<extra></extra>",
        )
    )
    fig.update_xaxes(
        title_text=count_label, gridcolor="#eee", rangemode="tozero",
        **_count_axis_ticks(max(values) if values else 0),
    )  # fmt: skip
    fig.update_yaxes(automargin=True)
    return _layout(fig, height=max(200, 30 * len(values) + 70))


def _shorten(text: str, width: int) -> str:
    """``text`` cut at a word to at most ``width`` characters, with "…" when cut."""
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def wrap_label(text: str, width: int = 18) -> str:
    """A long axis label over several lines (plotly's ``<br>``), broken at spaces: a
    category name no longer pushes the heatmap off a phone's screen."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


# Cell numbers need about this many columns' room to be read: above it a phone shows the
# colours (and the number on a tap) rather than numbers on top of each other.
PHONE_TEXT_COLUMNS = 6
HEATMAP_ROW_PX = 26


def heatmap_figure(
    z: list[list[float]],
    x: list[str],
    y: list[str],
    value_label: str,
    percent: bool = False,
    lang: str = "vi",
    phone: bool = False,
) -> go.Figure:
    """A sequential heatmap (YlOrRd: readable in greyscale and for colour-blind readers).

    ``y`` are the rows (one per ``z`` row, drawn top to bottom in order): put the long
    dimension there (34 provinces), since the height grows with it, 26 px a row, while the
    columns share the width. Column labels are wrapped and slanted so neighbours never
    overlap; on a phone with more than 6 columns the cells carry no numbers (they would
    overlap) and a tap shows the value."""
    numbers = not (phone and len(x) > PHONE_TEXT_COLUMNS)
    text = [
        [("" if v == 0 else fmt_number(v, lang) + ("%" if percent else "")) for v in row]
        for row in z
    ]
    # labels wrapped for the axes only: hover shows them whole
    y_axis = [wrap_label(v, 16 if phone else 24) for v in y]
    upright = phone and len(x) > PHONE_TEXT_COLUMNS  # 20 px columns: one line, vertical
    x_axis = [_shorten(v, 26) if upright else wrap_label(v, 18) for v in x]
    fig = go.Figure(
        go.Heatmap(
            z=z, x=x_axis, y=y_axis, text=text, texttemplate="%{text}" if numbers else "",
            customdata=[[f"{yy} · {xx}" for xx in x] for yy in y],
            colorscale=[[0, "#ffffff"], [0.01, "#ffffb2"], [0.35, "#fecc5c"], [0.65, "#fd8d3c"],
                        [1, "#e34a33"]],
            # under the grid (the column labels are above it), its title over it
            colorbar={"title": {"text": value_label, "side": "top"}, "thickness": 10,
                      "orientation": "h", "yref": "paper", "y": 0, "yanchor": "top",
                      "ypad": 24, "len": 0.9 if phone else 0.5, "x": 0, "xanchor": "left",
                      **({} if percent else _count_axis_ticks(max((max(r) for r in z), default=0)))},
            textfont={"color": "#1a1a1a", "size": 11 if len(x) > 10 else 12},
            hovertemplate="%{customdata}: %{text}<extra></extra>",
            xgap=1, ygap=1,
        )
    )  # fmt: skip
    angle = -90 if upright else -40 if len(x) > 4 else 0
    fig.update_xaxes(tickangle=angle, side="top", tickfont={"size": 10 if upright else 11})
    fig.update_yaxes(autorange="reversed", tickfont={"size": 11 if phone else 12})
    lines = max((label.count("<br>") + 1 for label in x_axis), default=1)
    header = (  # room for the column labels above the grid
        150 if upright else (40 + 26 * lines) if len(x) > 4 else 30 + 16 * lines
    )
    # a row's height: one line of label, or as many lines as the longest wrapped label
    row_lines = max((label.count("<br>") + 1 for label in y_axis), default=1)
    row_px = HEATMAP_ROW_PX if row_lines == 1 else 16 * row_lines + 4
    fig = _layout(fig, height=row_px * max(len(y), 2) + header + 120)
    # the colour bar goes under the plot; the toolbar keeps its strip above the labels
    fig.update_layout(margin={"b": 100, "t": header + TOOLBAR_MARGIN})
    return fig
