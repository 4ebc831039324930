"""A fresh schema on a PostgreSQL server for the benchmarks (``--db-url URL``)."""

from __future__ import annotations


def fresh_schema(server_url: str, schema: str = "bench") -> str:
    """Drop and create ``schema`` (pg_trgm in ``ext``); a URL whose search path uses it."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    engine = create_engine(server_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE SCHEMA IF NOT EXISTS ext"))
        connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA ext"))
        extensions = connection.execute(
            text(
                "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace "
                "WHERE e.extname = 'pg_trgm'"
            )
        ).scalar_one()
        connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema},{extensions}"})
    return url.render_as_string(hide_password=False)
