"""Use cases: each function takes a SQLAlchemy session first and calls the domain packages."""
