# TailRisk: the README's commands.
#   make run    build in release mode and run the main job on the sample basket in Data/
#   make test   install what is missing, build, run the whole test suite, the notebooks and a short fuzz run
#   make fuzz   fuzz the price and policy readers for FUZZ_SECONDS (default 600) each (Fuzz/README.md)
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
RELEASE_BIN := .build/release/tailrisk

.PHONY: run test deps pydeps build release notebooks bench clean fuzz fuzz-build fuzz-smoke

# The fuzz targets (Fuzz/, a package of its own) are built with libFuzzer and ASan, the
# C code of libyaml instrumented too, in .build-fuzz so the main build never needs them.
FUZZ_BUILD_FLAGS := --package-path Fuzz --scratch-path $(CURDIR)/.build-fuzz \
	-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
# fuzz-smoke: inputs per target, from -seed=1 (reproducible); fuzz: seconds per target.
FUZZ_SMOKE_RUNS ?= 20000
FUZZ_SECONDS ?= 600

deps:
	@if ! pkg-config --exists openblas lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
		echo "installing liblapacke-dev libopenblas-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liblapacke-dev libopenblas-dev pkg-config >/dev/null; \
	fi

# nbclient, nbconvert and ipykernel execute the notebooks and render them to HTML (make notebooks)
pydeps:
	@$(PYTHON) -c "import numpy, scipy, sklearn, matplotlib, jupytext" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check -r scripts/requirements.txt
	@$(PYTHON) -c "import nbclient, nbconvert, ipykernel" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check nbclient nbconvert ipykernel

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) var Data/sp500_skfolio_daily.csv --positions-file Data/positions.csv --window 1000

test: deps pydeps fuzz-smoke
	$(SWIFT) build -c release
	$(SWIFT) test
	$(MAKE) notebooks

notebooks: release pydeps
	$(PYTHON) Notebooks/run_all.py

bench: release pydeps
	$(PYTHON) Benchmarks/compare_numpy.py
	$(PYTHON) Benchmarks/models_bench.py

fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)

fuzz-smoke: fuzz-build
	Fuzz/run.sh smoke $(FUZZ_SMOKE_RUNS)

fuzz: fuzz-build
	Fuzz/run.sh long $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz Notebooks/output
