"""Performance benchmark of Marketing Plan Studio: `python -m benchmarks.run [--quick]`."""
