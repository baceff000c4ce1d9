"""Read the 2025 administrative units shipped by the PyPI package ``vietnamadminunits``.

This is build-time IO: the warehouse build and the gazetteer call it; the dashboard reads
the resulting warehouse tables instead.
"""

from __future__ import annotations

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
