"""Text segmentation with offsets into the original string (evidence stays verbatim)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from vuongmac.text import UPPER, fold, fold_chars, phrase_regex, squash

if TYPE_CHECKING:
    from vuongmac.text import Terms

# The text most recently segmented, folded once with positions kept: spans of it are folded
# by slicing. One entry, replaced atomically, so threads at worst fold twice.
_FOLDED: tuple[str, str | None] = ("", "")


def fold_span(text: str, start: int = 0, end: int | None = None) -> str:
    """``fold(text[start:end])``, computed from one folding of the whole text."""
    global _FOLDED
    source, folded = _FOLDED
    if source is not text:
        folded = fold_chars(text)
        _FOLDED = (text, folded)
    return squash(folded[start:end]) if folded is not None else fold(text[start:end])


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str
    folded: str  # fold(text), computed once
    lower: str = ""  # text.lower(): the accented form, where lexicon hits are confirmed


_PARAGRAPH = re.compile(r"[^\n]+")
# Sentence ends: . ! ? followed by space + capital/quote, or a line end. Avoid "TP." "TW." etc.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“" + UPPER + r"0-9])")
_CLAUSE_SPLIT = re.compile(r"\s*;\s*|:\s+|\s+như:\s*")


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " \t\r\n\"“”'‘’-–—•*(":
        start += 1
    while end > start and text[end - 1] in " \t\r\n.,;:\"“”'‘’-–—)…":
        end -= 1
    if end - start < 3:
        return None
    piece = text[start:end]
    return Span(start, end, piece, fold_span(text, start, end), piece.lower())


# Applied with .match(text, pos): anchored at the paragraph start without "^".
_HEADER = re.compile(r"\s*(?:URL:\s*\S+\s*$|date\s+\d{4}-\d{2}(?:-\d{2})?\s+)", re.MULTILINE)


def paragraphs(text: str) -> list[Span]:
    """Non-empty lines, without the corpus header ("URL: ...", "date YYYY-MM-DD")."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        start = m.start()
        if header := _HEADER.match(text, start, m.end()):
            start = header.end()
        span = _trimmed(text, start, m.end())
        if span:
            out.append(span)
    return out


def _split(text: str, span: Span, separator: re.Pattern[str]) -> Iterator[Span]:
    """The non-empty trimmed pieces of ``span`` between matches of ``separator`` (``span``
    itself, already trimmed, when there is none)."""
    matches = list(separator.finditer(text, span.start, span.end))
    if not matches:
        yield span
        return
    start = span.start
    for m in matches:
        if piece := _trimmed(text, start, m.start()):
            yield piece
        start = m.end()
    if piece := _trimmed(text, start, span.end):
        yield piece


def sentences(text: str, para: Span) -> Iterator[Span]:
    return _split(text, para, _SENTENCE_END)


# The paragraphs and sentences of the text most recently segmented: issues and proposals
# read the same document in turn. One entry, replaced atomically, as ``_FOLDED``.
_SEGMENTED: tuple[str, list[tuple[Span, list[Span]]]] = ("", [])


def segmented(text: str) -> list[tuple[Span, list[Span]]]:
    """Each paragraph of ``text`` with its sentences (computed once per text)."""
    global _SEGMENTED
    source, parts = _SEGMENTED
    if source is not text:
        parts = [(para, list(sentences(text, para))) for para in paragraphs(text)]
        _SEGMENTED = (text, parts)
    return parts


def clauses(text: str, sentence: Span) -> Iterator[Span]:
    """Split on ';', ':' and 'như:'."""
    return _split(text, sentence, _CLAUSE_SPLIT)


def any_phrase(folded: str, phrases: tuple[str, ...] | Terms, lower: str | None = None) -> bool:
    """Is one of ``phrases`` in the folded text? A lexicon :class:`Terms` set also confirms
    the hit on ``lower``, the accented text, when it is given."""
    if not isinstance(phrases, tuple):  # a Terms set
        return phrases.any(folded, lower)
    return phrase_regex(phrases).search(folded) is not None


def is_heading(text: str, para: Span) -> bool:
    """A short line without closing punctuation: a section heading or a headline. (Spans are
    trimmed of their closing punctuation, so the character after the span is what tells.)"""
    closing = text[para.end : para.end + 2].lstrip(' "”’)')[:1]
    bullet = text[max(0, para.start - 2) : para.start].strip()[-1:] in ("-", "+", "•", "*", "–")
    return (
        len(para.text.split()) <= 10
        and closing not in (".", ";", ":", "…", "!", "?", ",")
        and not bullet
    )
