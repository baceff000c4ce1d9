"""Pure analysis helpers: comparison periods, surge (spike) flags, the overview summary."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from vuongmac.codebook import category_label
from vuongmac.fmt import fmt_date, fmt_number

SURGE_RATIO = 2.0  # "rises >= 100% over its previous 4-period mean" (ACLED's surge rule)
SURGE_WINDOW = 4
SURGE_MIN_BASELINE = 5.0  # a baseline under 5 issues a period is too thin to call a surge


def previous_period(date_from: dt.date, date_to: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length that ends the day before ``date_from``."""
    length = (date_to - date_from).days
    end = date_from - dt.timedelta(days=1)
    return end - dt.timedelta(days=length), end


def pct_change(current: float, previous: float) -> float | None:
    if previous == 0:
        return None
    return (current - previous) / previous * 100


@dataclass(frozen=True, slots=True)
class Spike:
    period: dt.date
    province_code: str
    province_name: str
    category_id: str
    count: int
    baseline: float

    @property
    def change_pct(self) -> float:
        return (self.count - self.baseline) / self.baseline * 100


def detect_spikes(
    df: pd.DataFrame,
    grain: str,
    ratio: float = SURGE_RATIO,
    window: int = SURGE_WINDOW,
    min_baseline: float = SURGE_MIN_BASELINE,
) -> list[Spike]:
    """Flag (period, province, category) cells whose count is at least ``ratio`` times the
    mean of the previous ``window`` periods (missing periods count as zero), when that mean
    is at least ``min_baseline``. ``df``: period, province_code, province_name, category_id,
    issue_count. Vectorised: one matrix of periods x (province, category) series."""
    if df.empty:
        return []
    step = pd.DateOffset(weeks=1) if grain == "week" else pd.DateOffset(months=1)
    periods = pd.to_datetime(df["period"])
    axis = pd.date_range(periods.min(), periods.max(), freq=step)
    series = pd.MultiIndex.from_frame(df[["province_code", "category_id"]]).unique()
    matrix = np.zeros((len(axis), len(series)))
    rows = axis.get_indexer(periods)
    cols = series.get_indexer(pd.MultiIndex.from_frame(df[["province_code", "category_id"]]))
    np.add.at(matrix, (rows, cols), df["issue_count"].to_numpy(dtype=float))
    # Mean of the previous `window` periods from a cumulative sum (NaN until a full window).
    csum = np.vstack([np.zeros((1, len(series))), np.cumsum(matrix, axis=0)])
    baseline = np.full_like(matrix, np.nan)
    if len(axis) > window:
        baseline[window:] = (csum[window:-1] - csum[: -window - 1]) / window
    with np.errstate(invalid="ignore"):
        hit = (baseline >= min_baseline) & (matrix >= ratio * baseline)
    names = dict(zip(df["province_code"], df["province_name"], strict=False))
    spikes = [
        Spike(
            axis[r].date(),
            series[c][0],
            names[series[c][0]],
            series[c][1],
            int(matrix[r, c]),
            float(baseline[r, c]),
        )
        for r, c in zip(*np.nonzero(hit), strict=True)
    ]
    return sorted(spikes, key=lambda s: (s.period, s.province_code, s.category_id))


def overview_summary(
    lang: str,
    days: int,
    visit_count: int,
    commune_count: int,
    issue_count: int,
    top_categories: pd.DataFrame,
    date_to: dt.date | None,
) -> str:
    """One plain paragraph: 'Trong 30 ngày qua, 12 đoàn công tác đã làm việc tại 37 xã; ...'."""
    n = lambda v: fmt_number(v, lang)  # noqa: E731
    if visit_count == 0:
        return (
            f"Trong {days} ngày tính đến {fmt_date(date_to, lang)}, chưa có đoàn công tác nào được ghi nhận."
            if lang == "vi"
            else f"In the {days} days to {fmt_date(date_to, lang)}, no visit was recorded."
        )
    tops = [
        f"{category_label(r.category_id, lang).lower() if lang == 'vi' else category_label(r.category_id, lang)} ({n(r.issue_count)})"
        for r in top_categories.head(3).itertuples(index=False)
    ]
    if lang == "vi":
        text = (
            f"Trong {days} ngày tính đến {fmt_date(date_to, lang)}, {n(visit_count)} đoàn công tác đã làm việc "
            f"tại {n(commune_count)} xã, phường và ghi nhận {n(issue_count)} vướng mắc"
        )
        return text + (f"; nhiều nhất là: {', '.join(tops)}." if tops else ".")
    text = (
        f"In the {days} days to {fmt_date(date_to, lang)}, {n(visit_count)} visits worked with "
        f"{n(commune_count)} communes and recorded {n(issue_count)} issues"
    )
    return text + (f"; most frequent: {', '.join(tops)}." if tops else ".")
