import datetime as dt

from vuongmac.filters import Filters, Vocabulary, filters_from_url, language_from_url

VOCAB = Vocabulary(
    province_codes={"40", "15"},
    commune_provinces={"17254": "40", "02809": "15"},
    categories={"finance_budget", "legal_guidance"},
)


def test_round_trip() -> None:
    f = Filters(("40",), ("17254",), ("finance_budget",), dt.date(2025, 7, 1), dt.date(2025, 8, 31))
    parsed, notices = filters_from_url(f.to_url(), VOCAB)
    assert parsed == f
    assert notices == []


def test_empty_url_is_no_filter() -> None:
    parsed, notices = filters_from_url({}, VOCAB)
    assert parsed.is_empty and notices == []
    assert Filters().to_url() == {}


def test_invalid_values_are_dropped_with_notices() -> None:
    parsed, notices = filters_from_url(
        {
            "province": ["40", "'; DROP TABLE fct_issue; --"],
            "category": ["nope"],
            "from": ["2025-13-45"],
            "utm_source": ["x"],
        },
        VOCAB,
    )
    assert parsed == Filters(province_codes=("40",))
    text = " | ".join(notices)
    assert "utm_source" in text and "province" in text and "category" in text and "from" in text


def test_comma_separated_values_and_duplicates() -> None:
    parsed, _ = filters_from_url({"province": ["40,15,40"]}, VOCAB)
    assert parsed.province_codes == ("40", "15")


def test_swapped_dates_and_commune_outside_province() -> None:
    parsed, notices = filters_from_url(
        {"from": ["2025-09-01"], "to": ["2025-07-01"], "province": ["40"], "commune": ["02809"]},
        VOCAB,
    )
    assert parsed.date_from == dt.date(2025, 7, 1) and parsed.date_to == dt.date(2025, 9, 1)
    assert parsed.commune_codes == ()
    assert len(notices) == 2


def test_language() -> None:
    assert language_from_url({"lang": ["en"]}) == "en"
    assert language_from_url({"lang": ["xx"]}) == "vi"
    assert language_from_url({}) == "vi"


def test_out_of_range_url_dates_are_clamped_with_a_notice() -> None:
    import datetime as dt

    from vuongmac.filters import MIN_DATE, max_date

    filters, notices = filters_from_url({"from": "1999-12-31", "to": "2099-01-01"}, VOCAB)
    assert filters.date_from == MIN_DATE and filters.date_to == max_date()
    assert any("out of range" in n for n in notices)
    ok, quiet = filters_from_url({"from": "2025-07-01"}, VOCAB)
    assert ok.date_from == dt.date(2025, 7, 1) and quiet == []
