"""Alembic history runs up and down on a fresh database of the configured engine."""
from sqlalchemy import inspect

from fvs_db.base import Base
from server.db.engine import make_engine
from server.db.migrate import current_revision, downgrade, head_revision, upgrade
from tests.dbutil import fresh_database


def _tables(url):
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}, current_revision(engine)
    finally:
        engine.dispose()


def test_upgrade_downgrade_upgrade(tmp_path):
    with fresh_database(tmp_path) as url:
        upgrade(url)
        tables, rev = _tables(url)
        assert rev == head_revision()
        # every table the ORM knows is created by the migrations (no create_all anywhere)
        assert set(Base.metadata.tables) <= tables
        downgrade(url, "base")
        tables, rev = _tables(url)
        assert tables == set() and rev is None
        upgrade(url)
        assert _tables(url)[1] == head_revision()


def test_each_step_down_and_up(tmp_path):
    """Walk the chain one revision at a time so every downgrade() is exercised."""
    from alembic.script import ScriptDirectory

    from server.db.migrate import alembic_config

    with fresh_database(tmp_path) as url:
        script = ScriptDirectory.from_config(alembic_config(url))
        revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
        for rev in revisions:
            upgrade(url, rev)
            assert _tables(url)[1] == rev
        for rev in reversed(revisions[:-1]):
            downgrade(url, rev)
            assert _tables(url)[1] == rev
        downgrade(url, "base")
        assert _tables(url) == (set(), None)


def test_migrations_match_the_orm(tmp_path):
    """Autogenerate finds nothing to do: the migrations and the tables modules agree."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    with fresh_database(tmp_path) as url:
        upgrade(url)
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                ctx = MigrationContext.configure(conn, opts={"compare_type": True})
                diff = compare_metadata(ctx, Base.metadata)
        finally:
            engine.dispose()
        assert diff == []
