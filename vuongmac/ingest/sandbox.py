"""Read untrusted documents in a separate process, within limits.

DOCX, PDF and HTML parsing runs in a child process (forked from a small forkserver, so
the server's threads are never copied) with a time limit, an address-space limit
(``resource.setrlimit``) and the readers' own limits on size (pages, unpacked bytes). A
document over a limit raises ``DocumentError`` saying which; the caller goes on with the
rest of its batch, and the server thread never blocks on one document longer than the
time limit. Plain text is read in process: decoding it is linear and bounded by its size.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
from dataclasses import dataclass
from pathlib import Path

from vuongmac.extract import DocMeta
from vuongmac.ingest.readers import TEXT_SUFFIXES, Document, DocumentError, read_bytes


@dataclass(frozen=True, slots=True)
class Limits:
    seconds: float = 20.0
    memory_bytes: int = 1024**3


LIMITS = Limits()
_CONTEXT: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    global _CONTEXT
    if _CONTEXT is None:
        ctx = mp.get_context("forkserver")
        # the parsers are imported once, in the server; each document forks from it
        ctx.set_forkserver_preload(["vuongmac.ingest.readers", "trafilatura", "docx", "pypdf"])
        _CONTEXT = ctx
    return _CONTEXT


def _reply(data: bytes, name: str, meta: DocMeta | None, memory: int) -> tuple[str, object]:
    """What a reader process sends back for one document: ("ok", Document), or ("error" |
    "memory", message)."""
    try:
        return "ok", read_bytes(data, name, meta)
    except DocumentError as exc:
        return "error", str(exc)
    except MemoryError:
        return "memory", f"{name}: needs more than {memory // 1024**2} MB to read; refused"
    except Exception as exc:  # noqa: BLE001 (a parser bug is this document's problem only)
        return "error", f"{name}: cannot be read ({type(exc).__name__}: {exc})"[:500]


def _too_slow(name: str, limits: Limits) -> DocumentError:
    return DocumentError.of(
        name,
        f"đọc quá {limits.seconds:g} giây; từ chối",
        f"took longer than {limits.seconds:g} s to read; refused",
    )


def _stopped(name: str, limits: Limits) -> DocumentError:
    """The reader process died: killed by the memory limit, or a parser crash."""
    return DocumentError.of(
        name,
        f"dừng đọc (quá {limits.memory_bytes // 1024**2} MB, hoặc trình đọc bị lỗi); từ chối",
        f"reading it stopped (more than {limits.memory_bytes // 1024**2} MB, or a parser"
        " crash); refused",
    )


def _child(conn, data: bytes, name: str, meta: DocMeta | None, memory: int) -> None:  # noqa: ANN001
    import contextlib
    import resource

    with contextlib.suppress(ValueError, OSError):  # a platform without the limit
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        conn.send(_reply(data, name, meta, memory))
    finally:
        conn.close()


def read_isolated(
    data: bytes, name: str, meta: DocMeta | None = None, limits: Limits = LIMITS
) -> Document:
    """``read_bytes`` in a child process within ``limits``; raises DocumentError."""
    if Path(name).suffix.lower() in TEXT_SUFFIXES:
        return read_bytes(data, name, meta)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, data, name, meta, limits.memory_bytes),
                       daemon=True)  # fmt: skip
    proc.start()
    child.close()
    try:
        if not parent.poll(limits.seconds):
            raise _too_slow(name, limits)
        try:
            status, value = parent.recv()
        except EOFError as exc:  # the child died (killed by the memory limit, a crash)
            raise _stopped(name, limits) from exc
    finally:
        parent.close()
        if proc.is_alive():
            proc.kill()
        proc.join(timeout=5)
    if status != "ok":
        raise DocumentError(value)
    return value


def read_path_isolated(
    path: Path, meta: DocMeta | None = None, limits: Limits = LIMITS
) -> Document:
    from vuongmac.ingest.readers import file_bytes

    return read_isolated(file_bytes(path), str(path), meta, limits)


def _worker(conn, memory: int) -> None:  # noqa: ANN001
    """A long-lived reader for a batch (the watch list): one document at a time, the same
    limits; it exits after a memory failure, so the next document gets a fresh process."""
    import resource

    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        data, name, meta = job
        reply = _reply(data, name, meta, memory)
        conn.send(reply)
        if reply[0] == "memory":
            return


class IsolatedReader:
    """``read_isolated`` for many documents without a process per document: a worker
    process (same time and memory limits per document) is reused until a document
    exceeds a limit, which kills it; the next document starts a fresh one. Use as a
    context manager, and call it like ``read_bytes``."""

    def __init__(self, limits: Limits = LIMITS) -> None:
        self.limits = limits
        self._proc = None
        self._conn = None

    def __enter__(self) -> IsolatedReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        ctx = _context()
        self._conn, child = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(target=_worker, args=(child, self.limits.memory_bytes),
                                 daemon=True)  # fmt: skip
        self._proc.start()
        child.close()

    def close(self) -> None:
        if self._proc is None:
            return
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(None)
        self._conn.close()
        self._proc.join(timeout=2)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(timeout=5)
        self._proc = self._conn = None

    def __call__(self, data: bytes, name: str, meta: DocMeta | None = None) -> Document:
        if Path(name).suffix.lower() in TEXT_SUFFIXES:
            return read_bytes(data, name, meta)
        if self._proc is None or not self._proc.is_alive():
            self.close()
            self._start()
        self._conn.send((data, name, meta))
        limits = self.limits
        if not self._conn.poll(limits.seconds):
            self._kill()
            raise _too_slow(name, limits)
        try:
            status, value = self._conn.recv()
        except EOFError as exc:
            self._kill()
            raise _stopped(name, limits) from exc
        if status != "ok":
            raise DocumentError(value)
        return value

    def _kill(self) -> None:
        if self._proc is not None:
            self._proc.kill()
            self._proc.join(timeout=5)
            self._conn.close()
        self._proc = self._conn = None
