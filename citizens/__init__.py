"""The citizen registry: the person panel of the NHSO screens (PID, names, sex, birth date, the
right and sub-right in force with their dates, insurance card, registered province, primary /
referral / main unit, rights history), registered relatives (who registered whom, the
relationship, when, how it was proven), PDPA consents, and the audit of every look-up.

A domain package: it imports neither ``server`` nor FastAPI, and speaks in its own types
(tables, frozen dataclasses, :class:`citizens.errors.CitizenError`).
"""
