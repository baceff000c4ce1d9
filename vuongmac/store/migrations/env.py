"""Alembic environment: run with a connection handed over by ``vuongmac.store`` (the app
never reads alembic.ini; migrations run at store start)."""

from __future__ import annotations

from alembic import context

from vuongmac.store.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - offline SQL generation is not used
    raise RuntimeError("run migrations through vuongmac.store.Store.migrate()")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
