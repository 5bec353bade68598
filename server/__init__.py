"""FVS server: HTTP API, decision rules, claim codes and the `fvs` command line."""
