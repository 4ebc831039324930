"""Alembic environment: always handed a live connection by guestcard.storage.migrate."""

from alembic import context

from guestcard.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
