"""Benchmarks of issue 8: ratios against baselines measured in the same process.

Run ``uv run python -m benchmarks`` (see benchmarks/README.md).
"""
