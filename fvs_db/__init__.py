"""The one SQLAlchemy declarative base shared by every FVS table (one metadata, one Alembic
history), and the aware-UTC datetime column type.  Domain packages that persist anything
(``oss_registry``, ``citizens``) and the server's own tables all build on :mod:`fvs_db.base`."""
