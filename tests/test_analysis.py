"""Pure analysis helpers: surge flags and comparison periods."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from vuongmac.analysis import SURGE_MIN_BASELINE, detect_spikes, pct_change, previous_period


def _monthly(counts: list[int], province: str = "40", category: str = "staff_capacity"):  # noqa: ANN202
    periods = pd.date_range("2025-07-01", periods=len(counts), freq="MS")
    return pd.DataFrame(
        {
            "period": periods,
            "province_code": province,
            "province_name": "Nghệ An",
            "category_id": category,
            "issue_count": counts,
        }
    )


def test_a_surge_needs_a_baseline_of_five() -> None:
    """4 a month then 20 is noise in thin data; 5 a month then 10 is a surge."""
    assert SURGE_MIN_BASELINE == 5.0
    assert detect_spikes(_monthly([4, 4, 4, 4, 20]), "month") == []
    spikes = detect_spikes(_monthly([5, 5, 5, 5, 10]), "month")
    assert [(s.period, s.count, s.baseline) for s in spikes] == [(dt.date(2025, 11, 1), 10, 5.0)]
    assert spikes[0].change_pct == 100.0
    assert detect_spikes(_monthly([5, 5, 5, 5, 9]), "month") == []  # under twice the baseline


def test_missing_periods_count_as_zero() -> None:
    frame = _monthly([6, 6, 6, 6, 0, 14]).query("issue_count > 0")  # no row for November
    assert detect_spikes(frame, "month") == []  # baseline (6+6+6+0)/4 = 4.5 < 5


@given(st.lists(st.integers(0, 8), min_size=1, max_size=30))
def test_random_low_counts_in_weekly_mode_raise_no_surge(counts: list[int]) -> None:
    """Weekly noise under 5 a week never fires (it used to fire dozens)."""
    periods = pd.date_range("2025-07-07", periods=len(counts), freq="W-MON")
    frame = pd.DataFrame({"period": periods, "province_code": "40", "province_name": "x",
                          "category_id": "other", "issue_count": counts})  # fmt: skip
    spikes = detect_spikes(frame, "week")
    for s in spikes:
        assert s.baseline >= 5 and s.count >= 2 * s.baseline
    if max(counts) < 10:
        assert spikes == []


def test_comparison_period_has_the_same_length() -> None:
    start, end = previous_period(dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert (start, end) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    assert pct_change(15, 10) == 50.0 and pct_change(3, 0) is None
    assert np.isclose(pct_change(5, 10), -50.0)
