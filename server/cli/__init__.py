"""The ``fvs`` command line."""
