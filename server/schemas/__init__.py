"""Pydantic request/response schemas, one module per API area."""
