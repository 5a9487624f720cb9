"""Scorers for forewarn eval: each reads a gold file from ../shared/eval and returns metrics."""
