"""Database engine, sessions and Alembic migrations."""
