"""What a watched page lists: the article addresses of an RSS/Atom feed, a sitemap or a
listing page, parsed with trafilatura's feed and sitemap readers and courlan's link
filter (the same rules trafilatura's crawler uses). Pure: strings in, addresses out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import urlsplit

import courlan
from trafilatura.feeds import FeedParameters, determine_feed, extract_links
from trafilatura.sitemaps import SitemapObject

MAX_ITEMS = 500  # addresses taken from one page


class PageKind(StrEnum):
    FEED = "feed"
    SITEMAP = "sitemap"
    LISTING = "listing"


class BrokenPage(ValueError):
    """A feed or sitemap that cannot be parsed (broken XML), in plain words."""


@dataclass(slots=True)
class Found:
    kind: PageKind
    articles: list[str] = field(default_factory=list)
    more: list[str] = field(default_factory=list)  # nested sitemaps, or a listing's feeds


_XML_START = re.compile(r"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(?P<tag>[\w:-]+)", re.S)


def page_kind(text: str, content_type: str = "") -> PageKind:
    """Feed, sitemap or listing, from the document's first element (and its type)."""
    m = _XML_START.match(text[:2000])
    tag = (m.group("tag").split(":")[-1].lower() if m else "") or ""
    if tag in {"rss", "feed", "rdf"}:
        return PageKind.FEED
    if tag in {"urlset", "sitemapindex"}:
        return PageKind.SITEMAP
    ctype = content_type.split(";")[0].strip().lower()
    if ctype in {"application/rss+xml", "application/atom+xml"}:
        return PageKind.FEED
    if (
        tag == "html"
        or "<html" in text[:2000].lower()
        or ctype in {"text/html", "application/xhtml+xml"}
    ):
        return PageKind.LISTING
    if ctype.endswith("xml") or text.lstrip().startswith("<?xml"):
        return PageKind.FEED  # an XML document that is neither: parsed as a feed, fails as one
    return PageKind.LISTING


def canonical_url(url: str) -> str:
    """One address per article: scheme and host lower-case, tracking parameters and the
    fragment dropped, a trailing slash removed (courlan's normalisation)."""
    url = url.strip()
    clean = courlan.normalize_url(url, strict=True) if url else url
    return clean.split("#", 1)[0].rstrip("/") or url


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _same_site(a: str, b: str) -> bool:
    ha, hb = _host(a), _host(b)
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)


def discover(text: str, url: str, content_type: str = "") -> Found:
    """The articles a watched page lists. Raises BrokenPage for a feed or sitemap that
    parses to nothing although it has entries, or is not well-formed XML."""
    kind = page_kind(text, content_type)
    base = f"{urlsplit(url).scheme}://{urlsplit(url).netloc}"
    domain = _host(url)
    if kind is PageKind.FEED:
        links = extract_links(text, FeedParameters(base, domain, url))
        if not links:
            error = _xml_error(text)
            if re.search(r"<(item|entry)\b", text) is not None:
                raise BrokenPage(f"feed with entries but no readable link: {error}")
            if error:
                raise BrokenPage(f"broken XML: {error}")
        return Found(kind, _unique(canonical_url(u) for u in links))
    if kind is PageKind.SITEMAP:
        if error := _xml_error(text):
            raise BrokenPage(f"broken XML: {error}")
        sitemap = SitemapObject(base, domain, [])
        sitemap.current_url = url
        sitemap.content = text
        sitemap.process()
        return Found(
            kind, _unique(canonical_url(u) for u in sitemap.urls), _unique(sitemap.sitemap_urls)
        )
    feeds = [f for f in determine_feed(text, FeedParameters(base, domain, url)) if f != url]
    links = courlan.extract_links(text, url=url, external_bool=False, with_nav=False)
    articles = [
        u for u in sorted(links) if _same_site(u, url) and _looks_like_article(u) and u != url
    ]
    return Found(kind, _unique(canonical_url(u) for u in articles), feeds[:3])


def _looks_like_article(url: str) -> bool:
    """An article address, not a section: a path of one long slug or ending in an id or
    .htm(l) (a section like /thoi-su has neither)."""
    path = urlsplit(url).path
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(
        re.search(r"\.(s?html?|aspx?|php)$", last)
        or re.search(r"\d{4,}", last)
        or last.count("-") >= 4
    )


def _xml_error(text: str) -> str | None:
    from lxml import etree

    try:
        etree.fromstring(
            text.encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True)
        )
    except etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def _unique(urls) -> list[str]:  # noqa: ANN001
    out: list[str] = []
    seen: set[str] = set()
    for u in urls:
        if u and u not in seen:
            seen.add(u)
            out.append(u)
        if len(out) >= MAX_ITEMS:
            break
    return out
