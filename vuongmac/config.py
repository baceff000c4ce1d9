"""Where the data lives. ``VUONGMAC_DATA_DIR`` points the app and CLI at another dataset
(a synthetic one, a test fixture); the default is the repository's ``data/``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA_DIR = REPO_ROOT / "data"


@dataclass(frozen=True, slots=True)
class DataPaths:
    root: Path

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    @property
    def sources(self) -> Path:
        return self.root / "sources"

    @property
    def warehouse(self) -> Path:
        return self.root / "warehouse.duckdb"

    @property
    def dataset(self) -> dict | None:
        """The dataset's description (``DATASET.json``: its name and how it was coded, per
        language), or None. The banner's numbers come from the warehouse."""
        import json

        try:
            found = json.loads((self.root / "DATASET.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return found if isinstance(found, dict) else None

    @property
    def is_synthetic(self) -> bool:
        """Synthetic datasets carry a marker file written by the generator."""
        return (self.root / "SYNTHETIC").exists()


def data_paths(root: str | Path | None = None) -> DataPaths:
    chosen = root or os.environ.get("VUONGMAC_DATA_DIR") or DEFAULT_DATA_DIR
    return DataPaths(Path(chosen).resolve())
