"""A throw-away PostgreSQL server for the store tests: initdb in a temporary folder, a free
port on 127.0.0.1, trust authentication, stopped at the end of the session. As root the
server runs as the ``postgres`` system user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yields a SQLAlchemy URL of the server's ``postgres`` database. The server's folder
    is a new one directly under the temporary directory (the ``postgres`` user must be able
    to reach it), removed afterwards."""
    bindir = _bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL is not installed (bash install.sh installs it)")
    base = Path(tempfile.mkdtemp(prefix="vuongmac-pg-"))
    data, log = base / "data", base / "server.log"
    user = None
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(base, user.pw_uid, user.pw_gid)
        os.chmod(base, 0o700)

    def run(*cmd: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if user else []
        subprocess.run([*prefix, *cmd], check=True, capture_output=True, timeout=120)

    run(str(bindir / "initdb"), "-D", str(data), "-U", "vuongmac", "--auth=trust",
        "-E", "UTF8", "--locale=C.UTF-8")  # fmt: skip
    port = _free_port()
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    run(str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield f"postgresql+psycopg://vuongmac@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            [*(["runuser", "-u", "postgres", "--"] if user else []), str(bindir / "pg_ctl"),
             "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True, timeout=60,
        )  # fmt: skip
        time.sleep(0.2)
        shutil.rmtree(base, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(server_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return server_url.rsplit("/", 1)[0] + f"/{name}"
