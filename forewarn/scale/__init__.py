"""Running the extractor on more than one machine (Ray)."""
