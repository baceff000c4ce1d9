"""Exports of exactly what a view shows: CSV, XLSX with a header sheet, GeoJSON of map values."""

from __future__ import annotations

import json

import pandas as pd

from vuongmac import xlsx
from vuongmac.text import nfc

_FORMULA_PREFIXES = xlsx.FORMULA_PREFIXES


def _safe_cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is prefixed with a quote (CSV injection)."""
    if isinstance(value, str):
        value = nfc(value)
        if value.startswith(_FORMULA_PREFIXES):
            return "'" + value
    return value


def _safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(_safe_cell)
        elif isinstance(out[col].dtype, pd.DatetimeTZDtype):
            out[col] = out[col].dt.tz_localize(None)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM so spreadsheet software shows Vietnamese correctly."""
    return _safe_frame(df).to_csv(index=False).encode("utf-8-sig")


# A workbook with a header sheet (filters, data-as-of, source) then the rows: 200,000 rows in
# seconds (vuongmac.xlsx).
to_xlsx = xlsx.workbook


def map_values_geojson(shapes: dict, values: pd.DataFrame, metric: str) -> bytes:
    """The map's polygons (a GeoJSON FeatureCollection) with the shown values as properties."""
    by_code = values.set_index("code").to_dict(orient="index")
    features = []
    for feature in shapes["features"]:
        code = feature["properties"]["code"]
        row = by_code.get(code)
        if row is None:
            continue
        props = dict(feature["properties"])
        props.update(
            {
                "metric": metric,
                "issue_count": int(row["issue_count"]),
                "visit_count": int(row["visit_count"]),
                "issues_per_visit": None
                if pd.isna(row["issues_per_visit"])
                else float(row["issues_per_visit"]),
                "category_share": None
                if pd.isna(row["category_share"])
                else float(row["category_share"]),
                "visit_wide_count": int(row.get("visit_wide_count", 0) or 0),
                "visited_two_tier": bool(row.get("visited_two_tier", row["visit_count"] > 0)),
            }
        )
        features.append({"type": "Feature", "properties": props, "geometry": feature["geometry"]})
    return json.dumps(
        {"type": "FeatureCollection", "features": features}, ensure_ascii=False
    ).encode("utf-8")
