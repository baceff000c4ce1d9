"""Period presets: calendar ranges resolved against today, kept in the URL by their code."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from vuongmac.domain import REFORM_DATE
from vuongmac.filters import Filters, Vocabulary, filters_from_url, with_period
from vuongmac.periods import Period, parse_period, period_range

VOCAB = Vocabulary(province_codes={"40"}, commune_provinces={}, categories={"it_infrastructure"})
DAYS = st.dates(min_value=dt.date(2025, 7, 1), max_value=dt.date(2040, 12, 31))


def test_presets_on_a_day() -> None:
    today = dt.date(2026, 11, 14)
    assert period_range(Period.MONTH, today) == (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    assert period_range(Period.QUARTER, today) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert period_range(Period.HALF_YEAR, today) == (dt.date(2026, 6, 1), dt.date(2026, 11, 30))
    assert period_range(Period.SINCE_REFORM, today) == (REFORM_DATE, today)
    # across a year's start
    assert period_range(Period.HALF_YEAR, dt.date(2026, 2, 3)) == (
        dt.date(2025, 9, 1),
        dt.date(2026, 2, 28),
    )
    assert period_range(Period.QUARTER, dt.date(2028, 2, 29))[0] == dt.date(2028, 1, 1)


@given(DAYS, st.sampled_from(list(Period)))
def test_every_preset_holds_today_and_whole_months(today: dt.date, period: Period) -> None:
    start, end = period_range(period, today)
    assert start <= today <= end
    if period is not Period.SINCE_REFORM:
        assert start.day == 1 and (end + dt.timedelta(days=1)).day == 1  # whole months
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        assert months == {Period.MONTH: 1, Period.QUARTER: 3, Period.HALF_YEAR: 6}[period]
    if period is Period.QUARTER:
        assert start.month in (1, 4, 7, 10)


def test_a_link_keeps_the_preset_not_its_dates() -> None:
    """A bookmark of "quý này" is this quarter whenever it is opened."""
    october, february = dt.date(2026, 10, 20), dt.date(2027, 2, 1)
    f, notices = filters_from_url({"period": "q", "province": "40"}, VOCAB, today=october)
    assert notices == []
    assert (f.date_from, f.date_to, f.period) == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
        Period.QUARTER,
    )
    assert f.to_url() == {"province": ["40"], "period": ["q"]}
    later, _ = filters_from_url(f.to_url(), VOCAB, today=february)
    assert (later.date_from, later.date_to) == (dt.date(2027, 1, 1), dt.date(2027, 3, 31))


def test_bad_or_conflicting_period_values_are_said() -> None:
    f, notices = filters_from_url({"period": "quy"}, VOCAB)
    assert f == Filters() and "period: unknown value ignored" in notices[0]
    f, notices = filters_from_url(
        {"period": "m", "from": "2025-01-01"}, VOCAB, today=dt.date(2026, 3, 9)
    )
    assert f.date_from == dt.date(2026, 3, 1) and any("ignored: period" in n for n in notices)
    assert parse_period("6m") is Period.HALF_YEAR and parse_period("") is None


def test_dropping_the_preset_keeps_the_dates() -> None:
    f = with_period(Filters(), Period.MONTH, dt.date(2026, 5, 5))
    custom = with_period(f, None)
    assert custom.period is None and custom.to_url() == {
        "from": ["2026-05-01"],
        "to": ["2026-05-31"],
    }
