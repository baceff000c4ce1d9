"""Gazetteer: every seed place, accents, đ/d, unit words, old units, ambiguity, unknowns."""

from __future__ import annotations

import pandas as pd
import pytest

from vuongmac.geo.admin import default_gazetteer
from vuongmac.geo.gazetteer import Gazetteer, Level, Status, place_key


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(
    ("text", "province", "code"),
    [
        ("Si Ma Cai", "15", "02809"),
        ("xã Sín Chéng", None, "02824"),
        ("phường Bạc Liêu", "96", "31825"),
        ("Vĩnh Trạch", "96", "31834"),
        ("Con Cuông", None, "17254"),
        ("Lượng Minh", None, "16906"),  # diacritics tell it from Lương Minh (Quảng Ninh)
        ("Chiêu Lưu", None, "16855"),
        ("Kim Bôi", None, "04978"),  # no province given: Phú Thọ from the name alone
        ("Dũng Tiến", None, "05086"),
        ("Hợp Kim", None, "05068"),
        ("XA LUONG MINH", "40", "16906"),  # no diacritics, upper case
        ("Dung Tien", None, "05086"),  # đ written as d
    ],
)
def test_seed_places(gaz, text, province, code) -> None:
    r = gaz.resolve(text, province)
    assert r.status is Status.RESOLVED
    assert r.commune_codes == (code,)
    assert r.conversion == "current"


def test_phu_tho_inferred_without_province(gaz) -> None:
    provinces = {gaz.resolve(n).province_code for n in ("Kim Bôi", "Dũng Tiến", "Hợp Kim")}
    assert provinces == {"25"}
    assert gaz.province_name("25") == "Phú Thọ"


def test_son_tay_2022_converts_to_its_2025_wards(gaz) -> None:
    town = gaz.resolve("thị xã Sơn Tây", gaz.resolve_province("Hà Nội"))
    assert town.status is Status.RESOLVED and town.level is Level.DISTRICT
    assert town.conversion == "split"
    assert {"09574", "09604", "09616"} <= set(
        town.commune_codes
    )  # Sơn Tây, Tùng Thiện, Đoài Phương
    ward = gaz.resolve("phường Quang Trung, thị xã Sơn Tây, Hà Nội")
    assert ward.commune_codes == ("09574",) and ward.conversion == "merged"
    assert ward.old_name == "Phường Ngô Quyền"  # Quang Trung had merged into Ngô Quyền before 2025


def test_old_address_with_district_and_province(gaz) -> None:
    r = gaz.resolve("xã Kim Bôi, huyện Kim Bôi, tỉnh Hòa Bình")
    assert r.commune_codes == ("04978",) and r.province_code == "25"
    district = gaz.resolve("huyện Kim Bôi, tỉnh Hòa Bình")
    assert district.level is Level.DISTRICT and district.conversion == "split"
    assert "04978" in district.commune_codes and len(district.commune_codes) > 3


def test_provinces_current_and_old(gaz) -> None:
    assert gaz.resolve_province("tỉnh Hòa Bình") == "25"  # merged into Phú Thọ
    assert gaz.resolve_province("TP. Hồ Chí Minh") == "79"
    assert gaz.resolve_province("Thành phố Hồ Chí Minh") == "79"
    assert gaz.resolve_province("Dak Lak") == "66"
    assert gaz.resolve_province("ĐẮK LẮK") == "66"
    r = gaz.resolve("tỉnh Bạc Liêu")
    assert r.level is Level.PROVINCE and r.province_code == "96" and r.conversion == "merged"


def test_ambiguous_names(gaz) -> None:
    r = gaz.resolve("Tân Phú")
    assert r.status is Status.AMBIGUOUS and len(r.units) > 2
    assert sum(u.confidence for u in r.units) == pytest.approx(1.0)
    assert len({u.province_code for u in r.units}) == len(r.units)
    with_context = gaz.resolve("Tân Phú", "79")
    assert with_context.status is Status.RESOLVED and with_context.province_code == "79"


def test_unit_word_narrows_type(gaz) -> None:
    r = gaz.resolve("phường Quang Trung")
    assert r.units and all(u.commune_name.startswith("Phường") for u in r.units)


@pytest.mark.parametrize(
    "text", ["Xyzzy", "", "   ", "xã", ",,,", "'; DROP TABLE x; --", "\x00\ufffd"]
)
def test_unknown_names_are_not_found(gaz, text) -> None:
    assert gaz.resolve(text).status is Status.NOT_FOUND


def test_place_key() -> None:
    assert place_key("Phường Bạc Liêu") == "baclieu"
    assert place_key("TP. Hồ Chí Minh") == "hochiminh"
    assert place_key("Thị trấn Đông Anh") == "donganh"
    assert place_key("Xã Đắk R'Măng") == "dakrmang"


def test_small_gazetteer_from_frames() -> None:
    communes = pd.DataFrame(
        {
            "commune_code": ["1", "2"],
            "commune_name": ["Xã An Bình", "Phường An Bình"],
            "commune_short_name": ["An Bình", "An Bình"],
            "province_code": ["A", "B"],
        }
    )
    provinces = pd.DataFrame(
        {
            "province_code": ["A", "B"],
            "province_name": ["Tỉnh Alpha", "Tỉnh Beta"],
            "province_short_name": ["Alpha", "Beta"],
        }
    )
    g = Gazetteer(communes, provinces)
    assert g.resolve("an binh").status is Status.AMBIGUOUS
    assert g.resolve("An Bình", "B").commune_codes == ("2",)
    assert g.resolve("xã An Bình, tỉnh Beta").status is Status.RESOLVED
    assert g.search("an b")[0].commune_code in {"1", "2"}


def test_diacritics_disambiguate_when_written(gaz) -> None:
    assert gaz.resolve("Lương Minh").commune_codes == ("06985",)
    assert gaz.resolve("Luong Minh").status is Status.AMBIGUOUS
