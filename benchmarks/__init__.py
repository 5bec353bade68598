"""Benchmarks of FVS (timings and accuracy live here, never in tests)."""
