"""Brief images drawn offline with matplotlib (Agg): category bars, a province's commune map,
the QR code of the permalink. PNG bytes in, nothing written to disk."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import qrcode  # noqa: E402

from vuongmac.charts import CATEGORY_COLORS  # noqa: E402
from vuongmac.geo.serve import read_layer  # noqa: E402

plt.rcParams["font.family"] = "DejaVu Sans"


def _png(fig) -> bytes:  # noqa: ANN001
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=200, bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()


def category_chart(by_category: pd.DataFrame) -> bytes:
    """Horizontal bars of issues per category (largest on top), each in its category's
    colour (as on the dashboard; a short colour list made bars 6–10 repeat 1–5)."""
    data = by_category.head(10).iloc[::-1]
    fig, ax = plt.subplots(figsize=(6.2, 0.32 * len(data) + 0.6))
    colors = [CATEGORY_COLORS.get(i, "#0072B2") for i in data["category_id"]]
    ax.barh(data["label"], data["issue_count"], color=colors)
    for y, v in enumerate(data["issue_count"]):
        ax.text(v, y, f" {v:,}".replace(",", "."), va="center", fontsize=8)
    ax.set_xlabel("Số vướng mắc", fontsize=8)
    ax.tick_params(labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    ax.xaxis.get_major_locator().set_params(integer=True)
    return _png(fig)


def commune_map(values: pd.DataFrame, province_code: str) -> bytes:
    """The province's communes shaded by issue count (approximate boundaries)."""
    shapes = read_layer("communes")
    shapes = shapes[shapes["province_code"] == province_code].merge(values, on="code", how="left")
    shapes["issue_count"] = shapes["issue_count"].fillna(0)
    fig, ax = plt.subplots(figsize=(4.2, 4.2))
    shapes[shapes["issue_count"] == 0].plot(
        ax=ax, color="#eeeeee", edgecolor="white", linewidth=0.2
    )
    hot = shapes[shapes["issue_count"] > 0]
    if len(hot):
        hot.plot(ax=ax, column="issue_count", cmap="YlOrRd", edgecolor="#555555", linewidth=0.3, vmin=0,
                 legend=True, legend_kwds={"shrink": 0.6, "label": "Vướng mắc"})  # fmt: skip
    ax.set_axis_off()
    ax.set_title("Ranh giới xã là gần đúng", fontsize=7, color="#555555")
    return _png(fig)


def qr_png(url: str) -> bytes:
    image = qrcode.make(url, box_size=6, border=2)
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
