"""Across articles: near-duplicate stories, incidents and their corroboration."""
