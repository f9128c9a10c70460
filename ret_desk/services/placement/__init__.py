"""The placement area of the use cases (see docs/architecture.md)."""
