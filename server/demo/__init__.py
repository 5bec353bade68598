"""Realistic demo data: a few units with staff and schedules, ~1,000 citizens of all ages."""
