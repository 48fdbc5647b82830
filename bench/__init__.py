"""Benchmarks: `python -m bench.<name>` runs one and writes bench/results/<name>.json."""
