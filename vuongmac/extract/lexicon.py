"""Cue words and category terms, loaded from data files (``data/lexicon_vi.json``,
``data/lexicon_en.json``), written as they are spelled: Vietnamese with its diacritics.

A :class:`vuongmac.text.Terms` set matches the folded text (so one regex serves every spelling) and then
checks the accented text: a folded hit counts only when one of the term's accented
spellings is in the clause, so "lương" (pay) is not found in "chất lượng" (quality) nor
"lỗi" (error) in "thuận lợi" (favourable). Text written without diacritics has nothing to
check against: there the folded match is the fallback.
"""

from __future__ import annotations

import json
from pathlib import Path

from vuongmac.text import Terms, fold, nfc, unaccented  # noqa: F401  (re-exported)

DATA = Path(__file__).parent / "data"
LANGUAGES = ("vi", "en")


def load_raw(language: str) -> dict:
    return json.loads((DATA / f"lexicon_{language}.json").read_text(encoding="utf-8"))


_RAW = {lang: load_raw(lang) for lang in LANGUAGES}


def _union(key: str) -> list[str]:
    return [t for lang in LANGUAGES for t in _RAW[lang][key]]


def _category_union(key: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for cat, terms in _RAW[lang][key].items():
            out.setdefault(cat, []).extend(terms)
    return out


# Each category's phrases name the *thing* that is difficult; a clause that is a difficulty
# (it carries a cue) gets the category of its subject term. Both languages in one set: a
# Vietnamese article quotes English names and the other way round.
CATEGORY_SPELLINGS: dict[str, list[str]] = _category_union("categories")
CATEGORY_TERMS: dict[str, Terms] = {c: Terms(ts) for c, ts in CATEGORY_SPELLINGS.items()}
# One set of every category term, and the categories of each (folded) term: a term listed
# under two categories gives both ("chưa đúng chuyên môn": staffing and skills).
ALL_CATEGORY_TERMS = Terms(t for ts in CATEGORY_SPELLINGS.values() for t in ts)
CATEGORIES_OF: dict[str, list[str]] = {}
for _cat, _terms in CATEGORY_TERMS.items():
    for _term in _terms:
        CATEGORIES_OF.setdefault(_term, []).append(_cat)
# Subjects consulted only when a difficulty names no category term: running the new model
# itself ("việc vận hành chính quyền 2 cấp còn lúng túng") is a matter of organisation.
FALLBACK_TERMS: dict[str, Terms] = {
    c: Terms(ts) for c, ts in _category_union("fallback_categories").items()
}
# A clause names a difficulty when it carries one of these.
STRONG_CUES = Terms(_union("strong_cues"))
# Pay and benefits are the staff's unless the clause names other people ("chế độ chính sách
# đối với đồng bào"): policy words need a staff noun, pay words do not.
PAY_TERMS = Terms(_union("pay_terms"))
# Skills only people have: a capacity problem even when the clause does not name the staff.
PERSONAL_SKILLS = Terms(_union("personal_skills"))
# A capacity or skills problem is about people: the clause must name them.
STAFF_NOUNS = Terms(_union("staff_nouns"))
# Weaker cues count inside a paragraph that announces difficulties.
WEAK_CUES = Terms(_union("weak_cues"))
DIFFICULTY_HEADERS = Terms(_union("difficulty_headers"))
# Sentences that report achievements, not difficulties.
POSITIVE_MARKERS = Terms(_union("positive_markers"))
PROPOSAL_CUES = Terms(_union("proposal_cues"))
RELEVANCE_CONTEXT = Terms(_union("relevance_context"))
# A document reports a visit or meeting (not only a report, a feature or a written reply)
# when it names the occasion. Bare "giám sát" is left out: "hệ thống giám sát" is no visit.
VISIT_MARKERS = Terms(_union("visit_markers"))


def folded_collisions() -> list[tuple[str, str, str, str, str]]:
    """Pairs of category terms of *different* categories that fold to the same string but
    are spelled differently (the lương / lượng trap): (folded, cat_a, term_a, cat_b, term_b)."""
    seen: dict[str, tuple[str, str]] = {}
    out = []
    for cat, terms in CATEGORY_SPELLINGS.items():
        for term in terms:
            key = fold(term)
            if key in seen and seen[key][0] != cat and seen[key][1] != nfc(term).lower():
                out.append((key, seen[key][0], seen[key][1], cat, term))
            seen.setdefault(key, (cat, nfc(term).lower()))
    return out
