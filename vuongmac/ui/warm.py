"""A warm start: once the server answers, it visits itself once, as a browser would, so the
first real visitor does not pay for the imports, the warehouse check, the default view's
queries and the first figures.

The visit speaks Streamlit's own websocket protocol (the protobuf messages its frontend
sends): connect to ``/_stcore/stream``, ask for a run of the root page, read until the
script has finished. It runs on a thread of its own after start-up, so the server is
healthy at once; a failure is logged, never raised.
"""

from __future__ import annotations

import asyncio
import threading
import time
import urllib.request

from streamlit.logger import get_logger

_log = get_logger(__name__)


async def _visit(base: str, timeout: float) -> float:
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    started = time.perf_counter()
    url = base.replace("http://", "ws://", 1) + "/_stcore/stream"
    async with websockets.connect(
        url, subprotocols=["streamlit"], max_size=None, open_timeout=timeout
    ) as ws:
        msg = BackMsg()
        msg.rerun_script.query_string = ""
        msg.rerun_script.page_script_hash = ""
        await ws.send(msg.SerializeToString())
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
            forward = ForwardMsg()
            forward.ParseFromString(raw if isinstance(raw, bytes) else raw.encode())
            if forward.WhichOneof("type") == "script_finished":
                return time.perf_counter() - started
    raise TimeoutError(f"the warm-up run did not finish in {timeout:g} s")


def _run(coroutine):  # noqa: ANN001, ANN202
    """``asyncio.run``, on a thread of its own when this thread already runs a loop (a
    caller inside another event loop, e.g. Playwright's synchronous API)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


def warm_up(base: str, wait: float = 60.0, timeout: float = 180.0) -> float | None:
    """Visit ``base`` (e.g. http://127.0.0.1:8501) once it is healthy; seconds taken, or
    None when the server never answered or the visit failed."""
    deadline = time.monotonic() + wait
    while not _healthy(base):
        if time.monotonic() > deadline:
            _log.warning("warm-up: %s never became healthy", base)
            return None
        time.sleep(0.2)
    try:
        seconds = _run(_visit(base, timeout))
    except Exception as exc:  # noqa: BLE001 - a warm-up must never take the server down
        _log.warning("warm-up visit failed: %s", exc)
        return None
    _log.info("warm-up: the default view ran in %.2f s", seconds)
    return seconds


def start(base: str) -> threading.Thread:
    thread = threading.Thread(target=warm_up, args=(base,), name="vuongmac-warm-up", daemon=True)
    thread.start()
    return thread
