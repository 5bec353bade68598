"""Booking a queue slot at an innovation unit through LINE (document 003, the optional path).

The citizen picks a unit and a profession; the free slots of a day come from the staff schedules
of the unit registry (who of that profession works then); a slot is held for a short time, then
confirmed or released; a confirmed booking gives a QR that the unit scans on the booked day (channel
BOOKING_QR).  Seats are counted on a row per slot with a conditional update, so two citizens
booking the last seat at once get exactly one booking on SQLite and on PostgreSQL.
Imports ``oss_registry``, ``citizens``, ``thai_civil``, ``fvs_db``, ``fvs_errors`` — never ``server``.
"""
