"""Document metadata wherever an analyst's file carries it: title, canonical URL, publisher
and publication date. Pure: text and strings in, values out.

Sources, strongest first: what the caller gives (a form, HTML meta tags read by the
reader), a leading ``URL: …`` / ``date YYYY-MM-DD`` header of a text file, a
"Nguồn: <url>" / "Source: <url>" line, and the date news sites encode in their URLs
(``…-20250924184200841.htm``, ``…-185250807104602435.htm``, ``/202009/…``, ``/2025/09/24/``).
The publisher comes from a table of domains (``data/publishers.json``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

PUBLISHERS_PATH = Path(__file__).resolve().parents[1] / "data" / "publishers.json"
# Second-level suffixes under which the registrable name is the third label.
_SECOND_LEVEL = {"com", "org", "gov", "net", "edu", "ac", "info", "int", "name", "health"}


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    published_from: str | None = None  # where the date came from: given/header/url/text


def registrable_domain(url: str | None) -> str | None:
    """ "https://en.baogialai.com.vn/x" -> "baogialai.com.vn" (None without a host)."""
    if not url:
        return None
    try:
        host = urlparse(url.strip()).hostname or ""
    except ValueError:
        return None
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return None
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


@cache
def _publishers() -> dict[str, tuple[str, str]]:
    data = json.loads(PUBLISHERS_PATH.read_text(encoding="utf-8"))
    return {k: (v[0], v[1]) for k, v in data["domains"].items()}


def publisher_of(url: str | None, lang: str = "vi") -> str | None:
    """The outlet a URL belongs to, by its domain (English editions included)."""
    domain = registrable_domain(url)
    if domain is None:
        return None
    names = _publishers().get(domain)
    if names is None:
        return None
    return names[0] if lang == "vi" else names[1]


def _date(y: int, m: int, d: int) -> dt.date | None:
    try:
        date = dt.date(y, m, d)
    except ValueError:
        return None
    return date if 1990 <= date.year <= 2100 else None


# Dates news CMSs write into their URLs.
_URL_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Thanh Niên / Tuổi Trẻ / Dân trí style: "-185250807104602435.htm" (3 digits, yymmdd)
    (re.compile(r"-\d{3}(2\d)(0[1-9]|1[0-2])([0-2]\d|3[01])\d{6,}\.html?\b"), "yymmdd"),
    # "-20250924184200841.htm", "-20250924.html"
    (
        re.compile(r"[-/_](20\d{2})(0[1-9]|1[0-2])([0-2]\d|3[01])(?:\d{4,})?(?:\.html?|\.ldo|/|$)"),
        "ymd",
    ),
    # "/2025/09/24/", "/2025-09-24/"
    (re.compile(r"/(20\d{2})[/-](0[1-9]|1[0-2])[/-]([0-2]\d|3[01])(?:/|-|\.|$)"), "ymd"),
    # "/202009/" (a month folder)
    (re.compile(r"/(20\d{2})(0[1-9]|1[0-2])/"), "ym"),
)


def date_from_url(url: str | None) -> tuple[dt.date, str] | None:
    """(date, precision) encoded in a news URL; a month folder gives the month's last day
    (the latest the article can be) with precision "month"."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    for pattern, kind in _URL_PATTERNS:
        m = pattern.search(path)
        if not m:
            continue
        if kind == "yymmdd":
            date = _date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
        elif kind == "ymd":
            date = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        else:
            y, mo = int(m.group(1)), int(m.group(2))
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            date = nxt - dt.timedelta(days=1)
            return (date, "month") if 1990 <= y <= 2100 else None
        if date:
            return date, "day"
    return None


_URL_LINE = re.compile(r"^\s*(?:URL|Url|Link)\s*:\s*(https?://\S+)", re.MULTILINE)
_SOURCE_LINE = re.compile(
    r"^\s*(?:Nguồn|Nguồn tin|Nguồn bài viết|Source|Theo)\s*:\s*(https?://[^\s)\]\"'<>]+)",
    re.MULTILINE | re.IGNORECASE,
)
_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b", re.MULTILINE)
_TITLE_LINE = re.compile(r"^\s*(?:Title|Tiêu đề)\s*:\s*(.+)$", re.MULTILINE | re.IGNORECASE)
# A headline: starts with a letter, three words or more (not "![]() |" or a menu word).
_TITLE_LIKE = re.compile(r"^[\"“'‘(]?[^\W\d_](?:\S*\s+){2,}\S")
_HEADERISH = re.compile(r"^\s*(?:URL|Url|Link|date|Title|Tiêu đề)\b\s*:?", re.IGNORECASE)


def header_metadata(text: str) -> Metadata:
    """What a text file's header and source lines say: ``URL: …``, ``date 2025-12-29``,
    ``Title: …``, a closing "Nguồn: https://…" line; the title is the first line that is
    not such a header (and not the date line's remainder)."""
    head = text[:3000]
    url = None
    if (m := _URL_LINE.search(head)) or (
        m := _SOURCE_LINE.search(text[-3000:]) or _SOURCE_LINE.search(head)
    ):
        url = m.group(1).rstrip(".,;")
    published = None
    if m := _HEADER_DATE.search(head):
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            if m.group(3):
                published = _date(y, mo, int(m.group(3)))
            else:
                nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
                published = nxt - dt.timedelta(days=1)
    title = None
    if m := _TITLE_LINE.search(head):
        title = m.group(1).strip()
    else:
        for line in head.splitlines():
            line = line.strip()
            if not line or _HEADERISH.match(line) or line.startswith(("http://", "https://")):
                if line.lower().startswith("date") and (rest := _HEADER_DATE.sub("", line).strip()):
                    title = rest  # "date 2025-12-29 NHIỀU PHƯỜNG CHỜ …": the headline follows
                    break
                continue
            if _TITLE_LIKE.match(line):
                title = line
                break
    if title:
        title = " ".join(title.split())[:300]
    return Metadata(
        title=title,
        url=url,
        published=published,
        published_from="header" if published else None,
    )


def merge_metadata(given: Metadata, text: str) -> Metadata:
    """Fill what ``given`` lacks from the text's header lines, the URL's encoded date and the
    publisher table."""
    found = header_metadata(text)
    url = given.url or found.url
    published, source = (
        given.published,
        given.published_from or ("given" if given.published else None),
    )
    if published is None and found.published:
        published, source = found.published, "header"
    if published is None and (from_url := date_from_url(url)):
        published, source = from_url[0], "url"
    return Metadata(
        title=given.title or found.title,
        url=url,
        publisher=given.publisher or publisher_of(url),
        published=published,
        published_from=source,
    )
