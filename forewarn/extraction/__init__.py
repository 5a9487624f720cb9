"""Extraction: events, claims, actors, dates and places from parsed articles."""
