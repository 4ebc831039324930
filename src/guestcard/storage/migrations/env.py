"""Alembic environment: always handed a live connection by guestcard.storage.migrate."""

from alembic import context

from guestcard.storage import steps
from guestcard.storage.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    # Every migration runs in the one transaction guestcard.storage.migrate opened; the steps let
    # the tests kill the program after each one (the file must then be as it was before all).
    on_version_apply=lambda *, step, **_: steps.reached(f"schema {step.up_revision_id}"),
)
with context.begin_transaction():
    context.run_migrations()
