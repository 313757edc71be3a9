# TailRisk: the README's commands.
#   make run    build in release mode and run the main job on the sample basket in Data/
#   make test   install what is missing, build, run the whole test suite and the notebooks
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
RELEASE_BIN := .build/release/tailrisk

.PHONY: run test deps pydeps build release notebooks bench clean

deps:
	@if ! pkg-config --exists openblas lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
		echo "installing liblapacke-dev libopenblas-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liblapacke-dev libopenblas-dev pkg-config >/dev/null; \
	fi

pydeps:
	@$(PYTHON) -c "import numpy, scipy, sklearn, matplotlib, jupytext" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check -r scripts/requirements.txt

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) var Data/sp500_skfolio_daily.csv --positions-file Data/positions.csv --window 1000

test: deps pydeps
	$(SWIFT) build -c release
	$(SWIFT) test
	$(MAKE) notebooks

notebooks: release pydeps
	$(PYTHON) Notebooks/run_all.py

bench: release pydeps
	$(PYTHON) Benchmarks/compare_numpy.py

clean:
	rm -rf .build Notebooks/output
