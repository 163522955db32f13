# A package, so these test modules (test_peers, test_audit, ...) cannot clash with same-named
# test modules of other folders (tests/figures/test_peers.py, ...).
