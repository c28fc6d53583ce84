"""Benchmarks (`make bench`): medians and ratios, never pass/fail timings."""
