"""Benchmarks and harnesses (not part of the product package): run them as modules from the
repository, ``python -m bench.crash``, or as scripts, ``python bench/extract_throughput.py``.
Tests run them as subprocesses and never import them; they never import the tests."""
