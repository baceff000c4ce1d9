"""The counting rules as readers see them: the language sections of docs/counting.md (the
one written definition of every count; the warehouse SQL implements it)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

COUNTING_DOC = Path(__file__).resolve().parents[1] / "docs" / "counting.md"
_MARK = re.compile(r"^<!-- (vi|en) -->$", re.MULTILINE)


@cache
def counting_sections(path: Path = COUNTING_DOC) -> dict[str, str]:
    """{"vi": markdown, "en": markdown}: the text after each ``<!-- lang -->`` marker."""
    text = path.read_text(encoding="utf-8")
    marks = list(_MARK.finditer(text))
    out: dict[str, str] = {}
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        out[m.group(1)] = text[m.end() : end].strip()
    if set(out) != {"vi", "en"}:
        raise ValueError(f"{path}: needs a <!-- vi --> and an <!-- en --> section")
    return out


def counting_text(lang: str) -> str:
    return counting_sections()["vi" if lang == "vi" else "en"]
