"""Build the DuckDB warehouse from the curated dataset and the 2025 geography.

Layers (dbt-style): raw_* (the CSV files as text, plus geography and codebook) -> stg_*
(typed, NFC) -> dim_*/fct_* marts and the filter macros the dashboard queries use. Data tests
run before anything is published; the build writes a temporary file and renames it over the
warehouse only when everything passed, so a failed build leaves the previous one untouched
and readers never see a half-built file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import duckdb
import geopandas as gpd
import pandas as pd

from vuongmac.agencies import AGENCIES_PATH, agencies, resolve_agency
from vuongmac.codebook import CODEBOOK_PATH, load_codebook
from vuongmac.config import DataPaths
from vuongmac.curated import (
    CURATED_FILES,
    check_headers,
    file_columns,
    fingerprint,
)
from vuongmac.domain import QUOTE_MAX_CHARS, REFORM_DATE
from vuongmac.fsutil import file_lock, fsync_path
from vuongmac.geo.admin import load_communes, load_provinces
from vuongmac.geo.serve import GEO_DIR, LAYERS, layer_path
from vuongmac.store import Store
from vuongmac.text import nfc

MODELS_DIR = Path(__file__).with_name("models")
MART_TABLES = (
    "dim_province",
    "dim_commune",
    "dim_category",
    "dim_agency",
    "dim_source",
    "fct_visit",
    "fct_visit_commune",
    "fct_issue",
    "fct_proposal",
    "mart_data_quality",
    "mart_withdrawn",
    "mart_source",
)
MAX_LISTED_PROBLEMS = 50


class BuildError(RuntimeError):
    """The curated data failed to load or failed its data tests; nothing was replaced."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    path: Path
    build_id: str
    row_counts: dict[str, int]
    seconds: float
    size_bytes: int
    # data-test problems of records nobody published (drafts, rejected, dismissed): they
    # never block the build of what readers see; the Review page lists them
    warnings: tuple[str, ...] = ()


def model_files() -> list[Path]:
    return sorted((MODELS_DIR / "staging").glob("*.sql")) + sorted(
        (MODELS_DIR / "marts").glob("*.sql")
    )


def input_fingerprint(source: Path | Store) -> str:
    """Identifies everything a build reads: same inputs, same build id. A store is keyed
    by its revision (bumped by every write); a snapshot folder by its files' bytes."""
    files = [CODEBOOK_PATH, AGENCIES_PATH, *model_files(), MODELS_DIR / "tests" / "data_tests.sql"]
    files += [layer_path(layer) for layer in LAYERS]
    if isinstance(source, Store):
        data_key = f"store:{source.revision()}"
    else:
        files += [
            source / spec.filename for spec in CURATED_FILES if (source / spec.filename).is_file()
        ]
        data_key = "csv"
    digest = hashlib.sha256(fingerprint([f for f in files if f.is_file()]).encode())
    digest.update(data_key.encode())
    digest.update(REFORM_DATE.isoformat().encode())
    digest.update(metadata.version("vietnamadminunits").encode())
    return digest.hexdigest()[:16]


def read_build_id(db_path: Path) -> str | None:
    """The build id stored in a warehouse, or None if it is missing or unreadable."""
    if not db_path.is_file():
        return None
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            row = con.execute("SELECT build_id FROM meta").fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def is_stale(source: Path | Store, db_path: Path) -> bool:
    return read_build_id(db_path) != input_fingerprint(source)


def ensure_built(paths: DataPaths) -> BuildResult | None:
    """Build the data folder's warehouse from its store when it is missing or stale (the one
    helper the app, the CLI and the benchmarks call). Returns the build, or None if fresh."""
    from vuongmac.store import open_store

    store = open_store(paths.root)
    with file_lock(paths.root / ".build.lock"):  # one build at a time per data folder
        if not is_stale(store, paths.warehouse):
            return None
        return build(store, paths.warehouse, sources_dir=paths.sources)


def build(source: Path | Store, db_path: Path, *, sources_dir: Path | None = None) -> BuildResult:
    """Build ``db_path`` from the curated store (or a snapshot folder); raise BuildError
    naming the offending rows."""
    started = time.perf_counter()
    db_path = Path(db_path)
    if isinstance(source, Store):
        curated_dir = Path("store")
        # read once, before the build id: a write landing in between is built next time
        build_id = input_fingerprint(source)
        frames = source.frames()
    else:
        curated_dir = Path(source)
        frames = None
        try:
            check_headers(curated_dir)
        except ValueError as exc:
            raise BuildError(str(exc)) from exc
        build_id = input_fingerprint(curated_dir)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_temporaries(db_path)
    tmp_path = db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")
    tmp_path.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(tmp_path)) as con:
            if frames is not None:
                _load_frames(con, frames)
            else:
                _load_raw(con, curated_dir)
            con.execute("SET VARIABLE reform_date = $d::DATE", {"d": REFORM_DATE})
            for model in model_files():
                if model.parent.name == "marts" and not _has_table(con, "raw_agency_map"):
                    _load_agency_map(con)  # after staging: resolves the cleaned agency texts
                con.execute(model.read_text(encoding="utf-8")).fetchall()
            problems = _run_data_tests(con, curated_dir)
            if sources_dir is not None:
                problems += _evidence_problems(con, sources_dir)
            problems, unpublished = _split_unpublished(con, problems)
            if problems:
                raise BuildError(_format_problems(curated_dir, problems))
            warnings = tuple(f"{f}, row {r}, {rid}: {p}" for f, r, rid, p in unpublished)
            counts = {t: con.table(t).aggregate("count(*)").fetchall()[0][0] for t in MART_TABLES}
            con.execute(
                "CREATE TABLE meta AS SELECT $build_id AS build_id, $built_at AS built_at,"
                " $counts AS row_counts",
                {
                    "build_id": build_id,
                    "built_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
                    "counts": json.dumps(counts),
                },
            )
            _drop_raw(con)
            con.execute("CHECKPOINT")
        _fsync(tmp_path)
        os.replace(tmp_path, db_path)
        _fsync(db_path.parent)
    except duckdb.Error as exc:
        raise BuildError(f"{curated_dir}: {exc}") from exc
    finally:
        tmp_path.unlink(missing_ok=True)
        Path(f"{tmp_path}.wal").unlink(missing_ok=True)
    return BuildResult(
        path=db_path,
        build_id=build_id,
        row_counts=counts,
        seconds=time.perf_counter() - started,
        size_bytes=db_path.stat().st_size,
        warnings=warnings,
    )


def _remove_stale_temporaries(db_path: Path) -> None:
    """Temporary builds left by a killed process (its pid no longer runs) are deleted."""
    for tmp in db_path.parent.glob(f".{db_path.name}.*.tmp*"):
        try:
            pid = int(tmp.name.split(".")[-2] if tmp.suffix == ".tmp" else tmp.name.split(".")[-3])
        except (ValueError, IndexError):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            tmp.unlink(missing_ok=True)
        except PermissionError:
            pass


def _load_frames(con: duckdb.DuckDBPyConnection, frames: dict[str, pd.DataFrame]) -> None:
    """The raw layer from the store's tables (text columns, ``_row`` = insertion order)."""
    for spec in CURATED_FILES:
        frame = frames[spec.name]
        for column in spec.columns:  # empty text is what the CSV reader gives as NULL
            frame[column] = frame[column].mask(frame[column] == "")
        con.from_df(frame).create(f"raw_{spec.name}")
    _load_reference(con)


def _load_raw(con: duckdb.DuckDBPyConnection, curated_dir: Path) -> None:
    for spec in CURATED_FILES:
        if spec.optional and not (curated_dir / spec.filename).is_file():
            empty = pd.DataFrame(
                {
                    "_row": pd.Series(dtype="int64"),
                    **{c: pd.Series(dtype=str) for c in spec.columns},
                }
            )
            con.from_df(empty).create(f"raw_{spec.name}")
            continue
        present = file_columns(curated_dir / spec.filename, spec)
        columns = {c: "VARCHAR" for c in spec.columns if c in present}
        missing = [c for c in spec.columns if c not in present]  # an older file: empty
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _raw AS"
                " SELECT row_number() OVER () AS _row, * FROM read_csv($path, header = true,"
                " columns = $columns, delim = ',', quote = '\"', escape = '\"',"
                " strict_mode = true, null_padding = false)",
                {"path": str(curated_dir / spec.filename), "columns": columns},
            )
        except duckdb.Error as exc:
            raise BuildError(f"{curated_dir / spec.filename}: cannot read CSV: {exc}") from exc
        for column in missing:
            con.execute(f"ALTER TABLE _raw ADD COLUMN {column} VARCHAR DEFAULT ''")
        con.table("_raw").create(f"raw_{spec.name}")
    con.execute("DROP TABLE _raw")
    _load_reference(con)


def _load_reference(con: duckdb.DuckDBPyConnection) -> None:
    """Geography and the codebook, beside the curated tables."""
    categories = pd.DataFrame(
        [
            {
                "category_id": c.category_id,
                "label_vi": c.label_vi,
                "label_en": c.label_en,
                "definition_vi": c.definition_vi,
                "definition_en": c.definition_en,
                "examples": list(c.examples),
                "sort_order": c.sort_order,
            }
            for c in load_codebook()
        ]
    )
    con.from_df(load_communes()).create("raw_communes")
    con.from_df(load_provinces()).create("raw_provinces")
    con.from_df(categories).create("raw_categories")
    for layer, table in (("communes", "raw_commune_shapes"), ("provinces", "raw_province_shapes")):
        con.from_df(_shapes(layer)).create(table)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    sql = "SELECT count(*) FROM duckdb_tables() WHERE table_name = $n"
    return bool(con.execute(sql, {"n": name}).fetchall()[0][0])


def _load_agency_map(con: duckdb.DuckDBPyConnection) -> None:
    """The canonical agency list, and each distinct agency text of the proposals resolved
    against it once (vuongmac.agencies owns the aliases; SQL joins on the result)."""
    entries = agencies()
    con.from_df(
        pd.DataFrame(
            {
                "agency_id": [a.agency_id for a in entries],
                "kind": [a.kind for a in entries],
                "level": [a.level for a in entries],
                "name_vi": [a.name_vi for a in entries],
                "name_en": [a.name_en for a in entries],
            }
        )
    ).create("raw_agencies")
    texts = [r[0] for r in con.execute(
        "SELECT DISTINCT assigned_agency FROM stg_proposals WHERE assigned_agency IS NOT NULL"
    ).fetchall()]  # fmt: skip
    resolved = [resolve_agency(text) for text in texts]
    con.from_df(
        pd.DataFrame(
            {
                "raw_text": pd.Series(texts, dtype=object),
                "agency_id": pd.Series(
                    [a.agency_id if a else None for a in resolved], dtype=object
                ),
                "kind": pd.Series([a.kind if a else None for a in resolved], dtype=object),
                "name_vi": pd.Series([a.name_vi if a else None for a in resolved], dtype=object),
                "name_en": pd.Series([a.name_en if a else None for a in resolved], dtype=object),
            }
        )
    ).create("raw_agency_map")


def _shapes(layer: str) -> pd.DataFrame:
    """code, geometry (WKB), source of one committed geometry layer; empty if not built."""
    path = layer_path(layer, GEO_DIR)
    if not path.is_file():
        return pd.DataFrame({"code": pd.Series(dtype=str), "geometry_wkb": pd.Series(dtype=bytes),
                             "geometry_source": pd.Series(dtype=str)})  # fmt: skip
    gdf = gpd.read_parquet(path)
    return pd.DataFrame(
        {
            "code": gdf["code"],
            "geometry_wkb": gdf.geometry.to_wkb(),
            "geometry_source": gdf["source"],
        }
    )


def _drop_raw(con: duckdb.DuckDBPyConnection) -> None:
    for spec in CURATED_FILES:
        con.execute(f"DROP TABLE raw_{spec.name}")
    for name in ("raw_communes", "raw_provinces", "raw_categories", "raw_commune_shapes",
                 "raw_province_shapes", "raw_agencies", "raw_agency_map"):  # fmt: skip
        con.execute(f"DROP TABLE {name}")


SYNTHETIC_HORIZON = dt.date(2027, 12, 31)


def _max_plausible_date(curated_dir: Path) -> dt.date:
    """Dates after this are errors: a month ahead of today (a visit announced in advance), or
    the end of the generated period for a synthetic dataset (marked by DIR/SYNTHETIC)."""
    if (curated_dir.parent / "SYNTHETIC").exists():
        return SYNTHETIC_HORIZON
    return dt.date.today() + dt.timedelta(days=31)


def _run_data_tests(
    con: duckdb.DuckDBPyConnection, curated_dir: Path
) -> list[tuple[str, int, str, str]]:
    con.execute(
        "SET VARIABLE max_plausible_date = $d::DATE", {"d": _max_plausible_date(curated_dir)}
    )
    sql = (MODELS_DIR / "tests" / "data_tests.sql").read_text(encoding="utf-8")
    rows = con.sql(sql).order("file, row, problem").fetchall()
    return [(f, int(r), str(rid), p) for f, r, rid, p in rows]


# The review status of a data-test row, per file: fixed statements, no SQL built from data.
_STATUS_SQL = {
    "sources.csv": "SELECT _row, review_status FROM stg_sources",
    "visits.csv": "SELECT _row, review_status FROM stg_visits",
    "issues.csv": "SELECT _row, review_status FROM stg_issues",
    "proposals.csv": "SELECT _row, review_status FROM stg_proposals",
}


def _split_unpublished(
    con: duckdb.DuckDBPyConnection, problems: list[tuple[str, int, str, str]]
) -> tuple[list[tuple[str, int, str, str]], list[tuple[str, int, str, str]]]:
    """(blocking, warnings): a problem of a row that is not published (a draft dated 2030)
    never reaches the marts, so it warns instead of failing the build. A duplicate key
    blocks whatever its status: it would join two records as one."""
    statuses: dict[str, dict[int, str]] = {}
    blocking, warnings = [], []
    for problem in problems:
        file, row, _, text = problem
        status = None
        if file in _STATUS_SQL and "duplicate" not in text:
            if file not in statuses:  # one read per file, however many problems it has
                statuses[file] = dict(con.execute(_STATUS_SQL[file]).fetchall())
            status = statuses[file].get(row)
        (warnings if status is not None and status != "published" else blocking).append(problem)
    return blocking, warnings


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", nfc(text)).strip()


def _evidence_problems(
    con: duckdb.DuckDBPyConnection, sources_dir: Path
) -> list[tuple[str, int, str, str]]:
    """Evidence must be a verbatim quote of its source, where the source text is stored."""
    texts: dict[str, str] = {}
    for source_id, file in con.execute(
        "SELECT source_id, file FROM stg_sources WHERE file IS NOT NULL"
    ).fetchall():
        path = sources_dir / file
        if path.is_file():
            texts[source_id] = _squash(path.read_text(encoding="utf-8", errors="replace"))
    problems: list[tuple[str, int, str, str]] = []
    quoted = con.execute(
        "SELECT 'issues.csv', _row, issue_id, source_id, evidence FROM stg_issues"
        " UNION ALL SELECT 'proposals.csv', _row, proposal_id, source_id, text FROM stg_proposals"
        " UNION ALL SELECT 'visits.csv', v._row, v.visit_id, vs.source_id, v.evidence"
        " FROM stg_visits v JOIN stg_visit_sources vs USING (visit_id)"
    ).fetchall()
    visit_ok: set[str] = set()
    visit_bad: dict[str, tuple[str, int, str, str]] = {}
    for file, row, rid, source_id, quote in quoted:
        if source_id not in texts or quote is None:
            continue
        found = _squash(quote) in texts[source_id]
        if file == "visits.csv":  # a visit's evidence needs to be in one of its sources
            if found:
                visit_ok.add(rid)
            else:
                visit_bad[rid] = (file, row, rid, "evidence is not a verbatim quote of its sources")
        elif not found:
            problems.append((file, row, rid, f"evidence is not a verbatim quote of {source_id}"))
    problems += [p for rid, p in visit_bad.items() if rid not in visit_ok]
    return problems + _quote_only_problems(con, quoted)


def _quote_only_problems(
    con: duckdb.DuckDBPyConnection, quoted: list[tuple[str, int, str, str, str | None]]
) -> list[tuple[str, int, str, str]]:
    """A source stored without its text (quote-only: a publisher's article) cannot be
    re-read, so the build checks what it keeps: a sha256 content hash, and quotes of at most
    QUOTE_MAX_CHARS characters (verified verbatim once, when they were imported)."""
    problems: list[tuple[str, int, str, str]] = []
    quote_only = {}
    for row, source_id, content_hash in con.execute(
        "SELECT _row, source_id, content_hash FROM stg_sources WHERE file IS NULL"
    ).fetchall():
        quote_only[source_id] = row
        if not re.fullmatch(r"[0-9a-f]{64}", content_hash or ""):
            problems.append(
                ("sources.csv", row, source_id, "a quote-only source needs its sha256 content_hash")
            )
    for file, row, rid, source_id, quote in quoted:
        if source_id in quote_only and quote and len(quote) > QUOTE_MAX_CHARS:
            problems.append(
                (file, row, rid, f"a quote of a quote-only source is {len(quote)} characters"
                 f" (at most {QUOTE_MAX_CHARS})")
            )  # fmt: skip
    return problems


def _format_problems(curated_dir: Path, problems: list[tuple[str, int, str, str]]) -> str:
    lines = [f"{len(problems)} data test failure(s); the previous warehouse is unchanged:"]
    for file, row, rid, problem in problems[:MAX_LISTED_PROBLEMS]:
        lines.append(f"  {curated_dir / file}, row {row} (line {row + 1}), {rid}: {problem}")
    if len(problems) > MAX_LISTED_PROBLEMS:
        lines.append(f"  ... and {len(problems) - MAX_LISTED_PROBLEMS} more")
    return "\n".join(lines)


def _fsync(path: Path) -> None:
    fsync_path(path)


def mart_digest(db_path: Path) -> dict[str, str]:
    """A content hash per mart table, to compare two builds."""
    out: dict[str, str] = {}
    with duckdb.connect(str(db_path), read_only=True) as con:
        for table in MART_TABLES:
            rel = con.table(table)
            rows = rel.order(", ".join(rel.columns)).fetchall()
            out[table] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return out
