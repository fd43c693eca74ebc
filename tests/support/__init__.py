"""Helpers only the tests use: contrast arithmetic, theme pair lists."""
