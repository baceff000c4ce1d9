"""Shared fixtures: a dataset folder built by the real build from the committed seed data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from vuongmac.config import DataPaths
from vuongmac.warehouse.build import build

REPO = Path(__file__).resolve().parents[1]
# Rebuilds after a publish run at once in tests (the app debounces them in the background).
os.environ.setdefault("VUONGMAC_REBUILD_DELAY", "0")
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
# The five seed articles' records: the fixture most tests build on (data/curated holds the
# starter dataset, which grows).
SEED_CURATED = REPO / "tests" / "fixtures" / "seed" / "curated"


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``python -m vuongmac ARGS`` from the repository, output captured."""
    return subprocess.run(
        [sys.executable, "-m", "vuongmac", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def copy_dataset(dest: Path) -> DataPaths:
    """A private copy of the seed records (tests/fixtures/seed) and data/sources under
    ``dest``."""
    shutil.copytree(SEED_CURATED, dest / "curated")
    shutil.copytree(REPO / "data" / "sources", dest / "sources")
    return DataPaths(dest)


def snapshot(paths: DataPaths) -> None:
    """Write the data folder's store back to its ``curated/`` CSV snapshot (to read what a
    command stored as files)."""
    from vuongmac.store import open_store

    open_store(paths.root).export_csv(paths.curated)


@pytest.fixture(scope="session")
def seed_paths(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A built copy of the seed dataset; treat as read-only."""
    paths = copy_dataset(tmp_path_factory.mktemp("seed"))
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    return paths


@pytest.fixture(scope="session")
def trap_paths(tmp_path_factory: pytest.TempPathFactory) -> DataPaths:
    """A built copy of the counting-trap dataset (tests/fixtures/traps); read-only."""
    root = tmp_path_factory.mktemp("traps")
    shutil.copytree(REPO / "tests" / "fixtures" / "traps" / "curated", root / "curated")
    (root / "sources").mkdir()
    paths = DataPaths(root)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    return paths


@pytest.fixture
def work_paths(tmp_path: Path) -> DataPaths:
    """A writable, built copy of the seed dataset for tests that change files."""
    paths = copy_dataset(tmp_path)
    build(paths.curated, paths.warehouse, sources_dir=paths.sources)
    return paths


@pytest.fixture(scope="session")
def pg_server():
    """A throw-away PostgreSQL server for the session (see tests/pg.py)."""
    from devsupport.pg import postgres_server

    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path: Path) -> str:
    """The same store tests on both backends: an SQLite file, and a fresh database on the
    session's PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite'}"
    from devsupport.pg import fresh_database

    return fresh_database(request.getfixturevalue("pg_server"))


@pytest.fixture
def store(store_url):
    """A migrated, empty curated store on each backend."""
    from vuongmac.store import Store

    s = Store(store_url)
    s.migrate()
    yield s
    s.dispose()


def act_in_process(args) -> str:  # noqa: ANN001
    """A curator in a process of its own (multiprocessing, spawn): open ``visit_id`` (from
    ``version`` when given, as if opened earlier), set its first issue's category when
    given, and save with ``action``. Returns "ok" or "conflict"."""
    from vuongmac import curation
    from vuongmac.store import Store

    url, sources, visit_id, version, category, action = args
    store = Store(url)
    try:
        bundle = curation.load(store, sources, visit_id)
        if version:
            bundle.version = version
        if category:
            bundle.issues[0] = {**bundle.issues[0], "category_id": category}
        curation.save(store, f"proc-{category or visit_id[-6:]}", bundle, action)
        return "ok"
    except curation.ConflictError:
        return "conflict"
    finally:
        store.dispose()


# Fuzzing budget: "ci" by default (thousands of cases in total); HYPOTHESIS_PROFILE=long for
# the documented long run (see docs/security.md).
from hypothesis import settings as _hypothesis_settings  # noqa: E402

_hypothesis_settings.register_profile("ci", max_examples=1000, deadline=None)
_hypothesis_settings.register_profile("long", max_examples=50_000, deadline=None)
_hypothesis_settings.register_profile("dev", max_examples=100, deadline=None)
_hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_configure(config) -> None:  # noqa: ANN001
    """The development loop (``-m "not slow"``) fuzzes with 100 cases a test; CI (and any
    full run) with 1,000, or HYPOTHESIS_PROFILE as set."""
    if "not slow" in (config.option.markexpr or "") and "HYPOTHESIS_PROFILE" not in os.environ:
        _hypothesis_settings.load_profile("dev")


def pytest_collection_modifyitems(config, items) -> None:  # noqa: ANN001
    """Real-browser tests are slow tests too: ``-m "not slow"`` is the development loop."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
