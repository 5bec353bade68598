"""OSS registry: units, staff, professions, schedules and who is on duty now.

It is the lowest layer that persists anything, so it also holds the shared
SQLAlchemy declarative base (:mod:`fvs_db.base`) and the Thai civil
conventions every layer needs: the citizen ID (:mod:`thai_civil.pid`) and
Buddhist Era dates, ages and the Asia/Bangkok service date
(:mod:`thai_civil.calendar`).  It never imports ``server`` or FastAPI.

Modules: :mod:`~oss_registry.tables` (ORM), :mod:`~oss_registry.reference` (data files → tables),
:mod:`~oss_registry.units`, :mod:`~oss_registry.lifecycle` (status changes),
:mod:`~oss_registry.readiness`, :mod:`~oss_registry.managers`, :mod:`~oss_registry.staff`,
:mod:`~oss_registry.schedule` (pure schedule rules), :mod:`~oss_registry.duty` (who is on duty),
:mod:`~oss_registry.csv_units` / :mod:`~oss_registry.csv_staff` (bulk import/export) and
:mod:`~oss_registry.errors` (:class:`~oss_registry.errors.RegistryError`).
"""
