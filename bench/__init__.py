"""Benchmarks: each case runs a candidate and the obvious alternative in the same run."""
