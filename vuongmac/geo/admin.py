"""Read the 2025 administrative units shipped by the PyPI package ``vietnamadminunits``.

This is build-time IO: the warehouse build and the gazetteer call it; the dashboard reads
the resulting warehouse tables instead.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from importlib import resources
from pathlib import Path

import pandas as pd

from vuongmac.text import nfc


def dataset_path() -> Path:
    return Path(str(resources.files("vietnamadminunits").joinpath("data/dataset.db")))


@cache
def load_communes() -> pd.DataFrame:
    """The 3,321 communes/wards of 2025: code, names, type, province, centroid, area."""
    with sqlite3.connect(f"file:{dataset_path()}?mode=ro", uri=True) as con:
        df = pd.read_sql_query(
            "SELECT wardCode, ward, wardShort, wardType, provinceCode, wardLat, wardLon,"
            " wardAreaKm2 FROM admin_units ORDER BY wardCode",
            con,
        )
    df.columns = [
        "commune_code",
        "commune_name",
        "commune_short_name",
        "commune_type",
        "province_code",
        "lat",
        "lon",
        "area_km2",
    ]
    for col in ("commune_name", "commune_short_name", "commune_type"):
        df[col] = df[col].map(nfc)
    return df


@cache
def load_provinces() -> pd.DataFrame:
    """The 34 provinces of 2025: code, names, centroid, area (sum of its communes)."""
    with sqlite3.connect(f"file:{dataset_path()}?mode=ro", uri=True) as con:
        df = pd.read_sql_query(
            "SELECT provinceCode, province, provinceShort, AVG(provinceLat) AS lat,"
            " AVG(provinceLon) AS lon, SUM(wardAreaKm2) AS area_km2, COUNT(*) AS commune_count"
            " FROM admin_units GROUP BY provinceCode, province, provinceShort"
            " ORDER BY provinceCode",
            con,
        )
    df.columns = [
        "province_code",
        "province_name",
        "province_short_name",
        "lat",
        "lon",
        "area_km2",
        "commune_count",
    ]
    for col in ("province_name", "province_short_name"):
        df[col] = df[col].map(nfc)
    return df


def _converter_tables() -> dict:
    path = Path(str(resources.files("vietnamadminunits").joinpath("data/converter_2025.json")))
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def load_legacy_wards() -> pd.DataFrame:
    """The 10,040 pre-July-2025 wards with their district, province and 2025 targets.

    ``targets`` lists the 2025 commune codes the old ward went to (several when it was
    split; the package's default target first); ``conversion`` is unchanged / merged /
    split as seen from the old ward.
    """
    with sqlite3.connect(f"file:{dataset_path()}?mode=ro", uri=True) as con:
        legacy = pd.read_sql_query(
            "SELECT provinceKey || '_' || districtKey || '_' || wardKey AS old_key,"
            " wardCode, ward, wardShort, wardType, districtCode, district, districtShort,"
            " districtType, provinceCode, province, provinceShort, wardLat, wardLon,"
            " districtLat, districtLon, wardBounds, wardAlias, districtAlias"
            " FROM admin_units_legacy ORDER BY wardCode",
            con,
        )
        new_keys = dict(
            con.execute(
                "SELECT provinceKey || '_' || wardKey, wardCode FROM admin_units"
            ).fetchall()
        )
    tables = _converter_tables()
    targets: dict[str, list[str]] = {}
    members: dict[str, int] = {}  # new code -> number of old wards merged into it
    for prov_key, wards in tables["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward_key, old_keys in wards.items():
            code = new_keys[f"{prov_key}_{new_ward_key}"]
            for old_key in old_keys:
                targets.setdefault(old_key, []).append(code)
            members[code] = members.get(code, 0) + len(old_keys)
    for prov_key, olds in tables["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, news in olds.items():
            ordered = sorted(news, key=lambda n: not n["isDefaultNewWard"])
            targets[old_key] = [new_keys[f"{prov_key}_{n['newWardKey']}"] for n in ordered]
    legacy["targets"] = [tuple(dict.fromkeys(targets.get(k, ()))) for k in legacy["old_key"]]

    def conversion(row: pd.Series) -> str:
        if len(row["targets"]) > 1:
            return "split"
        if len(row["targets"]) == 1 and members.get(row["targets"][0], 0) == 1:
            return "unchanged"
        return "merged"

    legacy["conversion"] = legacy.apply(conversion, axis=1)
    legacy.columns = [
        "old_key", "ward_code", "ward_name", "ward_short_name", "ward_type", "district_code",
        "district_name", "district_short_name", "district_type", "old_province_code",
        "old_province_name", "old_province_short_name", "lat", "lon", "district_lat",
        "district_lon", "bounds", "ward_aliases", "district_aliases", "targets", "conversion",
    ]  # fmt: skip
    for col in ("ward_aliases", "district_aliases"):
        legacy[col] = legacy[col].map(lambda s: tuple(json.loads(s)) if isinstance(s, str) else ())
    for col in ("ward_name", "ward_short_name", "district_name", "district_short_name",
                "old_province_name", "old_province_short_name"):  # fmt: skip
        legacy[col] = legacy[col].map(lambda s: nfc(s) if isinstance(s, str) else s)
    return legacy


@cache
def load_old_provinces() -> pd.DataFrame:
    """The 63 pre-2025 provinces and the 2025 province each became part of."""
    legacy = load_legacy_wards()
    communes = load_communes().set_index("commune_code")["province_code"]
    rows = []
    for (code, name, short), grp in legacy.groupby(
        ["old_province_code", "old_province_name", "old_province_short_name"]
    ):
        new_codes = [communes[t] for ts in grp["targets"] for t in ts]
        new_province = pd.Series(new_codes).mode().iloc[0]
        rows.append((code, name, short, new_province))
    return pd.DataFrame(
        rows, columns=["old_province_code", "old_province_name", "old_province_short_name",
                       "province_code"]
    )  # fmt: skip


@cache
def default_gazetteer():  # noqa: ANN201 (import cycle avoided: gazetteer imports nothing from here)
    """The gazetteer over the package's 2025 units and pre-2025 legacy units."""
    from vuongmac.geo.gazetteer import Gazetteer

    return Gazetteer(load_communes(), load_provinces(), load_legacy_wards(), load_old_provinces())
