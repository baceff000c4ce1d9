"""Period presets: "tháng này", "quý này", "6 tháng", "từ 1/7/2025" as calendar ranges.

A preset is stored in the URL by its code (``?period=q``), not by its dates, so a bookmark
stays current: it is resolved against today's date (in Vietnam) each time it is read.
Ranges are whole calendar periods, so "this quarter" compares with the previous quarter.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from zoneinfo import ZoneInfo

from vuongmac.domain import REFORM_DATE

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


class Period(StrEnum):
    MONTH = "m"  # this calendar month
    QUARTER = "q"  # this calendar quarter
    HALF_YEAR = "6m"  # this month and the five before it
    SINCE_REFORM = "reform"  # from 1/7/2025, the two-tier government's first day


def today_vn() -> dt.date:
    return dt.datetime.now(VIETNAM).date()


def _month_start(year: int, month: int) -> dt.date:
    """The first day of a month given as a possibly out-of-range month number."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, 1)


def _month_end(year: int, month: int) -> dt.date:
    return _month_start(year, month + 1) - dt.timedelta(days=1)


def period_range(period: Period, today: dt.date) -> tuple[dt.date, dt.date]:
    """The dates a preset covers on ``today`` (both ends included)."""
    y, m = today.year, today.month
    if period is Period.MONTH:
        return _month_start(y, m), _month_end(y, m)
    if period is Period.QUARTER:
        first = m - (m - 1) % 3
        return _month_start(y, first), _month_end(y, first + 2)
    if period is Period.HALF_YEAR:
        return _month_start(y, m - 5), _month_end(y, m)
    return min(REFORM_DATE, today), today


def parse_period(value: str) -> Period | None:
    try:
        return Period(value)
    except ValueError:
        return None
