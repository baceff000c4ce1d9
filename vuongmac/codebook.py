"""The issue codebook: 14 categories as data (``codebook.json`` beside this module)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from vuongmac.domain import Category

CODEBOOK_PATH = Path(__file__).with_name("codebook.json")


@cache
def load_codebook() -> tuple[Category, ...]:
    rows = json.loads(CODEBOOK_PATH.read_text(encoding="utf-8"))
    return tuple(
        Category(
            category_id=r["category_id"],
            label_vi=r["label_vi"],
            label_en=r["label_en"],
            definition_vi=r["definition_vi"],
            definition_en=r["definition_en"],
            examples=tuple(r["examples"]),
            sort_order=int(r["sort_order"]),
        )
        for r in rows
    )


def category_ids() -> tuple[str, ...]:
    return tuple(c.category_id for c in load_codebook())


def category_label(category_id: str, lang: str = "vi") -> str:
    for c in load_codebook():
        if c.category_id == category_id:
            return c.label_vi if lang == "vi" else c.label_en
    return category_id
