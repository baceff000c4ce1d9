"""The HTTP edge (vuongmac/web): the guard and the compression middleware on a small
Starlette app, then the real server (``streamlit run serve.py``)."""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request

import brotli
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route
from starlette.testclient import TestClient

from vuongmac.ui.serving import frontend_static
from vuongmac.web import uploads
from vuongmac.web.compress import StaticCompression
from vuongmac.web.guard import SECURITY_HEADERS, Guard, upload_session
from vuongmac.web.ratelimit import Buckets, Rate

STATIC = frontend_static()  # the installed frontend, whose chunks the documents preload
BUNDLE = ("console.log('vướng mắc');\n" * 4000).encode()


async def _upload(request) -> Response:  # noqa: ANN001
    return PlainTextResponse("stored")


async def _bundle(request) -> Response:  # noqa: ANN001
    return Response(BUNDLE, media_type="application/javascript")


async def _small(request) -> Response:  # noqa: ANN001
    return Response(b"tiny", media_type="application/javascript")


INDEX = b'<!DOCTYPE html><html lang="en"><head><title>x</title></head><body>' + b"x" * 3000


async def _document(request) -> Response:  # noqa: ANN001
    # as Streamlit does: gzip when the browser asks for it
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(gzip.compress(INDEX), media_type="text/html",
                        headers={"content-encoding": "gzip"})  # fmt: skip
    return Response(INDEX, media_type="text/html")


async def _png(request) -> Response:  # noqa: ANN001
    return Response(b"\x89PNG" + b"\0" * 5000, media_type="image/png")


def _app(**guard) -> TestClient:  # noqa: ANN003
    routes = [
        Route("/_stcore/upload_file/{session}/{file}", _upload, methods=["PUT", "DELETE"]),
        Route("/_stcore/metrics", lambda r: PlainTextResponse("secret")),
        Route("/static/js/index.js", _bundle),
        Route("/static/js/small.js", _small),
        Route("/static/media/logo.png", _png),
        Route("/", lambda r: PlainTextResponse("page")),
        Route("/ban-do", _document),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, **guard), Middleware(StaticCompression, static=STATIC)],
    )
    return TestClient(app)


def test_an_anonymous_upload_is_refused_and_a_curators_accepted() -> None:
    client = _app()
    refused = client.put("/_stcore/upload_file/reader-session/f1", content=b"x" * 1000)
    assert refused.status_code == 403
    assert "biên tập viên" in refused.json()["error"]
    assert client.delete("/_stcore/upload_file/reader-session/f1").status_code == 403
    uploads.allow("curator-session")
    try:
        assert client.put("/_stcore/upload_file/curator-session/f1", content=b"x").text == "stored"
    finally:
        uploads.revoke("curator-session")
    assert client.put("/_stcore/upload_file/curator-session/f2", content=b"x").status_code == 403


def test_uploads_are_rate_limited_per_session() -> None:
    client = _app(uploads_per_session=Rate(6, 3))
    uploads.allow("busy")
    try:
        codes = [client.put(f"/_stcore/upload_file/busy/f{i}", content=b"x").status_code for i in range(5)]  # fmt: skip
    finally:
        uploads.revoke("busy")
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]


def test_requests_are_rate_limited_per_client() -> None:
    client = _app(requests=Rate(60, 5))
    codes = [client.get("/").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and set(codes[5:]) == {429}
    assert client.get("/").headers["retry-after"] == "30"


def test_static_files_are_not_counted() -> None:
    """Many fresh browsers behind one address (an office) load the bundles at once."""
    client = _app(requests=Rate(60, 2))
    codes = [client.get("/static/js/small.js").status_code for _ in range(10)]
    assert codes == [200] * 10


def test_metrics_are_not_public() -> None:
    assert _app().get("/_stcore/metrics").status_code == 404
    assert _app(public_metrics=True).get("/_stcore/metrics").text == "secret"


def test_every_response_carries_the_security_headers() -> None:
    client = _app()
    for response in (client.get("/"), client.put("/_stcore/upload_file/a/b")):
        for name, value in SECURITY_HEADERS:
            assert response.headers[name.decode()] == value.decode()


def test_static_bundles_are_compressed_once_and_decode_to_the_same_bytes() -> None:
    client = _app()
    br = client.get("/static/js/index.js", headers={"Accept-Encoding": "br"})
    assert br.headers["content-encoding"] == "br"
    assert int(br.headers["content-length"]) < len(BUNDLE) / 10
    assert br.content == BUNDLE  # the client decodes it
    raw = client.get("/static/js/index.js", headers={"Accept-Encoding": "gzip"}, extensions={})
    assert raw.headers["content-encoding"] == "gzip" and raw.content == BUNDLE
    assert "Accept-Encoding" in raw.headers["vary"]
    plain = client.get("/static/js/index.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == BUNDLE


def test_what_is_not_worth_compressing_passes_through() -> None:
    client = _app()
    headers = {"Accept-Encoding": "gzip, br"}
    assert "content-encoding" not in client.get("/static/js/small.js", headers=headers).headers
    assert "content-encoding" not in client.get("/static/media/logo.png", headers=headers).headers
    ranged = client.get("/static/js/index.js", headers={**headers, "Range": "bytes=0-9"})
    assert "content-encoding" not in ranged.headers


def test_every_page_document_preloads_the_chart_code_and_says_vietnamese() -> None:
    from vuongmac.web.compress import preload_tags

    client = _app()
    page = client.get("/ban-do", headers={"Accept": "text/html", "Accept-Encoding": "gzip, br"})
    assert page.headers["content-encoding"] == "br"  # ours, not Streamlit's gzip
    html = page.content
    assert html.startswith(b'<!DOCTYPE html><html lang="vi">')
    assert b'rel="modulepreload"' in html and b"PlotlyChart." in html
    assert html.index(preload_tags(STATIC)) < html.index(b"</head>")
    plain = client.get("/ban-do", headers={"Accept": "text/html", "Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.content == html
    assert int(plain.headers["content-length"]) == len(html)


def test_compressed_bodies_are_the_codecs_own() -> None:
    from vuongmac.web.compress import _Cache

    cache = _Cache()
    assert gzip.decompress(cache.get("gzip", BUNDLE)) == BUNDLE
    assert brotli.decompress(cache.get("br", BUNDLE)) == BUNDLE
    assert cache.get("br", BUNDLE) is cache.get("br", BUNDLE)  # compressed once


def test_upload_session_is_read_from_the_path() -> None:
    assert upload_session("/_stcore/upload_file/abc/def") == "abc"
    assert upload_session("/base/_stcore/upload_file/abc/def") == "abc"
    assert upload_session("/_stcore/upload_file/") == ""
    assert upload_session("/static/x.js") is None


def test_token_buckets_refill() -> None:
    b = Buckets(Rate(60, 2))
    assert b.take("k", now=0.0) and b.take("k", now=0.0) and not b.take("k", now=0.0)
    assert b.take("k", now=1.0)  # one token a second
    assert b.take("other", now=0.0)


def test_upload_allowances_expire() -> None:
    uploads.allow("s", now=0.0)
    assert uploads.allowed("s", now=100.0)
    assert not uploads.allowed("s", now=uploads.TTL_SECONDS + 1.0)
    uploads.revoke("s")


@pytest.mark.slow
def test_the_served_app_guards_compresses_and_warms_up(tmp_path) -> None:
    """The README's run command: an anonymous PUT to the real upload endpoint is refused,
    the JavaScript bundle comes compressed, and the warm start has run the default view
    before the first visitor comes."""
    from conftest import copy_dataset

    from devsupport.browser import streamlit_server
    from vuongmac.ui.warm import warm_up

    paths = copy_dataset(tmp_path / "data")
    with streamlit_server(paths.root, tmp_path / "server.log") as url:
        request = urllib.request.Request(
            f"{url}/_stcore/upload_file/any-session/any-file", data=b"x" * 4096, method="PUT"
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code == 403
        assert "curators" in json.loads(refused.value.read())["error"]
        page = urllib.request.urlopen(url + "/", timeout=10).read().decode()
        bundle = page.split('src="./')[1].split('"')[0]
        request = urllib.request.Request(f"{url}/{bundle}", headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.headers["Content-Encoding"] == "br"
            assert r.headers["X-Content-Type-Options"] == "nosniff"
            assert len(brotli.decompress(r.read())) > 100_000
        # the warm-up has run (or is running): a visit now costs a warm run
        import time

        deadline = time.monotonic() + 60
        while "warm-up: the default view ran" not in (tmp_path / "server.log").read_text():
            assert time.monotonic() < deadline, (tmp_path / "server.log").read_text()
            time.sleep(0.5)
        seconds = warm_up(url)
        assert seconds is not None and seconds < 5


def test_behind_a_local_proxy_the_forwarded_address_is_the_client() -> None:
    """Each person behind the proxy has a budget of their own; a client that is not the
    proxy cannot choose its address with the header."""
    from vuongmac.web.guard import _client

    proxied = {
        "client": ("127.0.0.1", 5000),
        "headers": [(b"x-forwarded-for", b"10.0.0.7, 203.0.113.9")],
    }
    assert _client(proxied) == "203.0.113.9"  # the address the proxy itself saw
    direct = {"client": ("198.51.100.4", 5000), "headers": [(b"x-forwarded-for", b"1.2.3.4")]}
    assert _client(direct) == "198.51.100.4"
    assert _client({"client": ("127.0.0.1", 1), "headers": []}) == "127.0.0.1"
    client = _app(requests=Rate(60, 2), trusted_proxies=frozenset({"testclient"}))
    for who in ("203.0.113.1", "203.0.113.2"):  # two people, two budgets
        codes = [client.get("/", headers={"X-Forwarded-For": who}).status_code for _ in range(3)]
        assert codes == [200, 200, 429]


def test_the_document_carries_the_language_script_before_any_bundle() -> None:
    from vuongmac.web.localize import page_script, strings

    html = _app().get("/ban-do", headers={"Accept": "text/html", "Accept-Encoding": "identity"})
    body = html.content
    assert body.index(page_script()) < body.index(b"</head>")
    assert body.index(b"<head>") < body.index(page_script())
    assert b"__VM_STRINGS__" not in page_script()
    table = strings()
    assert table["exact"]["No results"] == "Không có kết quả"
    for english, vietnamese in table["exact"].items():
        assert english.strip() == english and vietnamese and vietnamese != english
    for kind in ("attribute_patterns", "text_patterns"):
        for pattern, template in table[kind]:
            groups = re.compile(pattern).groups
            assert groups >= 1 and all(f"${i}" in template for i in range(1, groups + 1))


def test_the_picker_patch_applies_to_the_installed_streamlit() -> None:
    """A Streamlit upgrade that changes the options filter fails here, not silently."""
    from vuongmac.web.localize import PATCHES, patch_bundle, unapplied

    assert unapplied(STATIC) == []
    (patch,) = PATCHES
    (bundle,) = sorted((STATIC / "js").glob(f"{patch.chunk}.*.js"))
    source = bundle.read_bytes()
    patched = patch_bundle(f"/static/js/{bundle.name}", source)
    assert patched.count(b"window.__vmFilter(") == 1 and len(patched) > len(source)
    assert patch_bundle("/static/js/Other.abc.js", source) == source  # only its own chunk
    assert patch_bundle(f"/static/media/{bundle.stem}.css", source) == source


def test_a_patched_bundle_is_served_patched_and_compressed() -> None:
    from vuongmac.web.localize import PATCHES

    (bundle,) = sorted((STATIC / "js").glob(f"{PATCHES[0].chunk}.*.js"))

    async def real(request):  # noqa: ANN001, ANN202
        return Response(bundle.read_bytes(), media_type="application/javascript")

    app = Starlette(
        routes=[Route(f"/static/js/{bundle.name}", real)],
        middleware=[Middleware(StaticCompression, static=STATIC)],
    )
    client = TestClient(app)
    served = client.get(f"/static/js/{bundle.name}", headers={"Accept-Encoding": "identity"})
    assert b"window.__vmFilter" in served.content
    assert int(served.headers["content-length"]) == len(served.content)
    packed = client.get(f"/static/js/{bundle.name}", headers={"Accept-Encoding": "br"})
    assert packed.headers["content-encoding"] == "br"
    assert b"window.__vmFilter" in packed.content  # the client decoded it
