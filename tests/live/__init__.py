"""Tests against committed data and real server processes: what the client is told versus what
the database holds, under kill -9, database outages and a hostile client (Schemathesis)."""
