"""A fixture news site on 127.0.0.1 for the watch-list tests and bench: feeds, a sitemap,
a listing page and article pages written for the tests (invented text, not copied from
any outlet), plus the traps a real site sets: a broken feed, redirects, duplicates (one
article under two addresses; one text under two addresses), a slow page, a huge page,
a robots.txt that disallows a folder, and ETag / Last-Modified for conditional GET.

Addresses use the host name ``bao-thu.localhost:<port>`` (loopback by RFC 6761; the
watch fetcher connects such names to 127.0.0.1 without DNS).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PUBLISHER = "Báo Thử Nghiệm"
PLACES = [  # (province, commune, lead official, title)
    ("Nghệ An", "xã Hưng Nguyên", "Nguyễn Văn An", "Phó Chủ tịch UBND tỉnh"),
    ("Lào Cai", "xã Si Ma Cai", "Trần Thị Bình", "Phó Bí thư Tỉnh ủy"),
    ("Cà Mau", "phường Bạc Liêu", "Lê Văn Cường", "Chủ tịch UBND tỉnh"),
    ("Phú Thọ", "xã Đà Bắc", "Phạm Văn Dũng", "Trưởng ban Tổ chức Tỉnh ủy"),
    ("Đắk Lắk", "xã Ea Kar", "Hoàng Thị Em", "Phó Chủ tịch HĐND tỉnh"),
]
DIFFICULTIES = [
    "hạ tầng công nghệ thông tin chưa đồng bộ, máy tính cấu hình thấp, đường truyền mạng chập chờn",
    "đội ngũ cán bộ còn thiếu, nhất là cán bộ địa chính và công nghệ thông tin",
    "trụ sở làm việc chật hẹp, xuống cấp, thiếu trang thiết bị phục vụ người dân",
    "việc cấp chữ ký số cho cán bộ còn chậm, phần mềm một cửa thường xuyên lỗi",
    "kinh phí hoạt động của xã chưa được bố trí kịp thời",
]


def relevant_html(n: int, url: str) -> str:
    province, commune, lead, title = PLACES[n % len(PLACES)]
    day = dt.date(2025, 8, 1) + dt.timedelta(days=n % 120)
    a, b = DIFFICULTIES[n % 5], DIFFICULTIES[(n + 2) % 5]
    body = (
        f"<p>Ngày {day.day}/{day.month}/{day.year}, đồng chí {lead}, {title} {province}, dẫn đầu"
        f" đoàn công tác làm việc với Đảng ủy, UBND {commune} về tình hình vận hành chính quyền"
        " địa phương hai cấp (bài số {n}).</p>"
        f"<p>Tại buổi làm việc, lãnh đạo xã cho biết còn nhiều khó khăn, vướng mắc: {a}; {b}."
        " Người dân đến làm thủ tục hành chính phải chờ lâu.</p>"
        f"<p>Xã kiến nghị tỉnh quan tâm bổ sung kinh phí mua sắm trang thiết bị và tăng cường"
        f" cán bộ. Kết luận buổi làm việc, đồng chí {lead} giao Sở Tài chính chủ trì, phối hợp"
        " các sở, ngành liên quan tham mưu bố trí kinh phí cho xã.</p>"
    ).replace("{n}", str(n))
    return _page(f"{province}: đoàn công tác làm việc tại {commune} (bài {n})", url, day, body)


def irrelevant_html(n: int, url: str) -> str:
    day = dt.date(2025, 9, 1) + dt.timedelta(days=n % 60)
    body = (
        f"<p>Tối {day.day}/{day.month}, tại sân vận động trung tâm, đội bóng đá của tỉnh đã"
        f" giành chiến thắng 2-1 trong trận đấu thứ {n} của giải hạng Nhất. Hàng nghìn cổ động"
        " viên đã đến sân cổ vũ.</p>"
        "<p>Huấn luyện viên trưởng cho biết các cầu thủ thi đấu đầy quyết tâm và sẽ tiếp tục"
        " chuẩn bị cho các trận đấu tiếp theo của mùa giải.</p>"
    )
    return _page(f"Đội bóng của tỉnh thắng trận thứ {n}", url, day, body)


def _page(headline: str, url: str, day: dt.date, body: str) -> str:
    return (
        "<!doctype html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{headline}</title>"
        f"<meta property='og:title' content='{headline}'>"
        f"<meta property='og:site_name' content='{PUBLISHER}'>"
        f"<meta property='article:published_time' content='{day.isoformat()}T08:00:00+07:00'>"
        f"<link rel='canonical' href='{url}'>"
        f"</head><body><nav><a href='/'>Trang chủ</a></nav><article><h1>{headline}</h1>"
        f"{body}</article></body></html>"
    )


def rss(base: str, paths: list[str]) -> str:
    entries = "".join(
        f"<item><title>Bài {i}</title><link>{base}{p}</link>"
        f"<pubDate>Mon, 01 Sep 2025 08:00:00 +0700</pubDate></item>"
        for i, p in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{PUBLISHER}</title><link>{base}/</link>{entries}</channel></rss>"
    )


def atom(base: str, paths: list[str]) -> str:
    entries = "".join(
        f"<entry><title>Bài {i}</title><link href='{base}{p}'/><id>{base}{p}</id>"
        "<updated>2025-09-01T08:00:00+07:00</updated></entry>"
        for i, p in enumerate(paths)
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>{PUBLISHER}</title>{entries}</feed>"
    )


def sitemap(base: str, paths: list[str]) -> str:
    urls = "".join(f"<url><loc>{base}{p}</loc></url>" for p in paths)
    return (
        "<?xml version='1.0' encoding='UTF-8'?>"
        f"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>{urls}</urlset>"
    )


@dataclass
class Site:
    """Routes of the fixture site: path -> (status, content type, body, extra headers)."""

    port: int = 0
    routes: dict[str, tuple[int, str, bytes, dict]] = field(default_factory=dict)
    slow_seconds: float = 3.0
    hits: dict[str, int] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://bao-thu.localhost:{self.port}"

    def add(self, path: str, body: str | bytes, ctype: str = "text/html; charset=utf-8",
            status: int = 200, **headers: str) -> None:  # fmt: skip
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, ctype, data, headers)


def standard_site(site: Site, relevant: int = 6, irrelevant: int = 3) -> dict[str, list[str]]:
    """The tests' site: returns what each watched page lists."""
    base = site.base
    good = [f"/bai/doan-cong-tac-lam-viec-voi-xa-{i}.html" for i in range(relevant)]
    bad = [f"/the-thao/doi-bong-thang-tran-{i}.html" for i in range(irrelevant)]
    for i, p in enumerate(good):
        site.add(p, relevant_html(i, base + p))
    for i, p in enumerate(bad):
        site.add(p, irrelevant_html(i, base + p))
    # a redirect to an article already listed, an article under a second address (same
    # canonical link), the same text under another address, a slow page, a huge page, a
    # page robots.txt disallows
    site.add("/r/bai-0", b"", status=302, Location=good[0])
    site.add("/bai/ban-in/doan-cong-tac-0.html", relevant_html(0, base + good[0]))
    copy = relevant_html(1, base + good[1]).replace(f"href='{base + good[1]}'", "href=''")
    site.add("/sao-chep/bai-1.html", copy)
    site.add("/cham/bai-cham.html", relevant_html(90, base + "/cham/bai-cham.html"))
    site.add("/lon/bai-lon.html", "<html><body>" + "x" * (6 * 1024 * 1024) + "</body></html>")
    site.add("/rieng/bai-an.html", relevant_html(91, base + "/rieng/bai-an.html"))
    site.add("/robots.txt", "User-agent: *\nDisallow: /rieng/\n", "text/plain")
    feed_paths = [*good[:4], *bad, "/r/bai-0", "/bai/ban-in/doan-cong-tac-0.html",
                  "/cham/bai-cham.html", "/lon/bai-lon.html", "/rieng/bai-an.html"]  # fmt: skip
    body = rss(base, feed_paths)
    etag = '"' + hashlib.sha1(body.encode()).hexdigest()[:16] + '"'
    site.add("/rss.xml", body, "application/rss+xml; charset=utf-8", ETag=etag,
             **{"Last-Modified": "Mon, 01 Sep 2025 01:00:00 GMT"})  # fmt: skip
    site.add("/sitemap.xml", sitemap(base, [good[4], "/sao-chep/bai-1.html"]), "application/xml")
    listing = "".join(f"<li><a href='{p}'>Bài</a></li>" for p in good[5:])
    site.add("/chuyen-muc/chinh-quyen", f"<html><body><a href='/'>Trang chủ</a><ul>{listing}</ul></body></html>")  # fmt: skip
    site.add(
        "/hong.xml",
        "<?xml version='1.0'?><rss><channel><item><title>Bài hỏng",
        "application/rss+xml",
    )
    return {"feed": feed_paths, "sitemap": [good[4]], "listing": good[5:]}


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, *args) -> None:  # noqa: ANN002
        pass

    def do_GET(self) -> None:  # noqa: N802
        path = self.path.split("?", 1)[0]
        self.site.hits[path] = self.site.hits.get(path, 0) + 1
        if path.startswith("/cham/"):
            time.sleep(self.site.slow_seconds)
        found = self.site.routes.get(path)
        if found is None:
            self.send_response(404)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"not found")
            return
        status, ctype, body, headers = found
        etag = headers.get("ETag")
        if etag and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@contextlib.contextmanager
def serve(site: Site) -> Iterator[Site]:
    """Serve ``site`` on 127.0.0.1 (a free port, set on ``site.port``) while in the block."""
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", site.port), handler)
    server.daemon_threads = True
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
