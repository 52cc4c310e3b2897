# famiguida: `make start` serves the portal, `make test` runs every test.
# Everything else is installed on demand from the package registries.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
HOST ?= localhost
PORT ?= 8080
THREADS ?= 4
STORAGE ?= filestorage
SITE_ID ?= Plone
INSTANCE ?= instance
VAR ?= var
# DEMO=0 creates the site without demo users
DEMO ?= 1
PYTEST_ARGS ?=

TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_PYTHON := $(PYTHON)

.PHONY: help
help: ## Show the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 18

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen
	@touch $@

.PHONY: install
install: $(VENV)/.installed ## Install the pinned packages into .venv

.PHONY: lock
lock: $(UV) ## Resolve the dependencies again and rewrite uv.lock
	$(UV) lock

# Debian packages the printable guide needs (WeasyPrint: Pango and the Noto
# fonts for Arabic, Urdu Nastaliq, Gurmukhi and Chinese; HarfBuzz's subsetter,
# which embeds the fonts much faster than fontTools; pdftotext for its tests).
# Checked with dpkg -s, installed with apt-get only when missing.
# CI=true: a failed install fails the build; otherwise it warns and carries on.
SYSTEM_PACKAGES := fonts-noto-core fonts-noto-cjk fontconfig libpango-1.0-0 \
	libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
SYSTEM_STAMP := $(TOOLS)/.system-packages

$(SYSTEM_STAMP): Makefile
	@missing=$$(for package in $(SYSTEM_PACKAGES); do \
		dpkg -s $$package >/dev/null 2>&1 || echo $$package; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		sudo=$$([ "$$(id -u)" = 0 ] || echo "sudo -n"); \
		export DEBIAN_FRONTEND=noninteractive; \
		if ! { $$sudo apt-get install -y --no-install-recommends $$missing || \
			{ $$sudo apt-get update && \
			  $$sudo apt-get install -y --no-install-recommends $$missing; }; }; then \
			if [ "$$CI" = true ]; then \
				echo "ERROR: could not install $$missing (CI=true)"; exit 1; fi; \
			echo "WARNING: could not install $$missing: the guide PDF may lack" \
				"fonts and its tests will be skipped"; exit 0; \
		fi; \
	fi; \
	mkdir -p $(TOOLS) && touch $@

.PHONY: system-packages
system-packages: $(SYSTEM_STAMP) ## Install the Debian fonts and libraries of the guide PDF if missing

.PHONY: instance
instance: install ## Write instance/etc from the deployment profile (STORAGE=...)
	$(BIN)/python profiles/render.py --storage $(STORAGE) --instance $(INSTANCE) \
		--var $(VAR) --host $(HOST) --port $(PORT) --threads $(THREADS) \
		--site-id $(SITE_ID)

.PHONY: site
site: instance ## Create the site /Plone if it is missing (DEMO=0: no demo users)
	$(BIN)/famiguida-site --zope-conf $(INSTANCE)/etc/zope.conf --site-id $(SITE_ID) \
		$(if $(filter 0,$(DEMO)),--no-demo)

.PHONY: start
start: system-packages site ## Create the site if needed and serve it on http://$(HOST):$(PORT)
	@echo "famiguida on http://$(HOST):$(PORT)/$(SITE_ID) (Ctrl-C stops it)"
	$(BIN)/runwsgi $(INSTANCE)/etc/zope.ini

.PHONY: purge
purge: instance ## Erase personal data of desk requests closed beyond the retention (DRY_RUN=1 lists, PACK=1 packs; server stopped)
	$(BIN)/famiguida-purge --zope-conf $(INSTANCE)/etc/zope.conf --site-id $(SITE_ID) \
		$(if $(filter 1,$(DRY_RUN)),--dry-run) $(if $(filter 1,$(PACK)),--pack)

.PHONY: lint
lint: install ## ruff: lint and formatting check
	$(BIN)/ruff check src tests bench profiles buildout
	$(BIN)/ruff format --check src tests bench profiles buildout

.PHONY: format
format: install ## ruff: fix imports and format the code
	$(BIN)/ruff check --fix src tests bench profiles buildout
	$(BIN)/ruff format src tests bench profiles buildout

.PHONY: test
test: install system-packages lint ## Lint, then run every test
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: i18n
i18n: install ## Rebuild locales/famiguida.pot from the sources and sync every language's .po
	$(BIN)/python -m famiguida.scripts.i18n

.PHONY: buildout-check
buildout-check: install ## Build the secondary buildout install (.buildout-check/) and serve the site from it
	$(BIN)/python buildout/check.py

.PHONY: bench
bench: install ## Benchmark a running portal (make start) into bench/RESULTS.md
	$(BIN)/python bench/language_roots.py --url http://$(HOST):$(PORT) \
		--site $(SITE_ID) --rounds 30 --results bench/RESULTS.md

.PHONY: clean
clean: ## Remove the installed packages (keeps var/: the data)
	rm -rf $(VENV) $(TOOLS) $(INSTANCE) .venv-buildout .buildout-check

# Benchmarks on throwaway sites in bench/out/ (git-ignored; reused between runs)
BENCH_N ?= 10000
BENCH_URL ?=

.PHONY: bench-data
bench-data: install ## Create bench/out/starter and bench/out/n<BENCH_N> (BENCH_N=10000 generated services)
	$(BIN)/python bench/search.py --prepare -n $(BENCH_N)

.PHONY: bench-search
bench-search: install ## Directory search vs stock search, starter vs BENCH_N services, into bench/RESULTS.md (BENCH_URL=...: a running portal)
	$(BIN)/python bench/search.py -n $(BENCH_N) --rounds 30 --results bench/RESULTS.md \
		$(if $(BENCH_URL),--url $(BENCH_URL) --site $(SITE_ID))

.PHONY: bench-guide
bench-guide: install system-packages ## Time to build the guide PDF of a district of 500 services, into bench/RESULTS.md
	$(BIN)/python bench/guide_pdf.py --rounds 3 --results bench/RESULTS.md

BENCH_FORMS ?= 300

.PHONY: bench-forms
bench-forms: install ## Desk-form submissions per second through the real form over HTTP (BENCH_FORMS=300), into bench/RESULTS.md
	$(BIN)/python bench/forms.py -n $(BENCH_FORMS) --clients 4 --results bench/RESULTS.md
