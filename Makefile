# TailRisk: the README's commands.
#   make run    build in release mode and run the main job on the sample basket in Data/
#   make test   install what is missing, build, run the whole test suite, the MPI checks, the notebooks and a short fuzz run
#   make mpi    build the MPI trait (Open MPI) into .build-mpi; make mpi-test compares mpirun -np 2, 3 with one process
#   make fuzz   fuzz every file reader (prices, policy, accounts, liquidity, catalogue, scenarios, run file, positions, shards) for FUZZ_SECONDS (default 600) each (Fuzz/README.md)
#   make help   rewrite Tests/CLITests/Help/ (the pinned --help texts HelpCLITests compares) after an intended change
#   make golden rewrite Tests/Golden/ (the golden set, scripts/golden.py) from the release binary after an intended change
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
RELEASE_BIN := .build/release/tailrisk

.PHONY: help golden run test deps pydeps benchdeps build release notebooks bench clean fuzz fuzz-build fuzz-smoke mpideps mpi mpi-test

# The fuzz targets (Fuzz/, a package of its own) are built with libFuzzer and ASan, the
# C code of libyaml instrumented too, in .build-fuzz so the main build never needs them.
FUZZ_BUILD_FLAGS := --package-path Fuzz --scratch-path $(CURDIR)/.build-fuzz \
	-Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
# fuzz-smoke: inputs per target, from -seed=1 (reproducible); fuzz: seconds per target.
FUZZ_SMOKE_RUNS ?= 20000
FUZZ_SECONDS ?= 600

# The MPI build (the package's MPI trait, over Open MPI) lives in .build-mpi, so the default
# build never needs MPI; mpi-test runs it under mpirun -np 2 and 3 against one process.
MPI_BUILD_FLAGS := --traits MPI --scratch-path $(CURDIR)/.build-mpi

deps:
	@if ! pkg-config --exists openblas lapacke 2>/dev/null || [ ! -f /usr/include/lapacke.h ]; then \
		echo "installing liblapacke-dev libopenblas-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq liblapacke-dev libopenblas-dev pkg-config >/dev/null; \
	fi

# The pinned --help texts (Tests/CLITests/Help, checked by HelpCLITests): regenerate, then review the diff.
help:
	$(SWIFT) build --product tailrisk
	scripts/update_help.sh .build/debug/tailrisk

mpideps:
	@if ! pkg-config --exists ompi-c 2>/dev/null || ! command -v mpirun >/dev/null; then \
		echo "installing libopenmpi-dev openmpi-bin"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenmpi-dev openmpi-bin >/dev/null; \
	fi

mpi: deps mpideps
	$(SWIFT) build $(MPI_BUILD_FLAGS)

mpi-test: mpi
	BIN=.build-mpi/debug/tailrisk Tests/MPI/run.sh

# nbclient, nbconvert and ipykernel execute the notebooks and render them to HTML (make notebooks)
pydeps:
	@$(PYTHON) -c "import numpy, scipy, sklearn, matplotlib, jupytext" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check -r scripts/requirements.txt
	@$(PYTHON) -c "import nbclient, nbconvert, ipykernel" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check nbclient nbconvert ipykernel

# numba and jax for the Numba and JAX peers of make bench (Benchmarks/numba_peer.py, jax_peer.py);
# not needed by make test. jax is installed with --no-deps so numpy and scipy are never upgraded.
benchdeps: pydeps
	@$(PYTHON) -c "import numba" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check "$$(grep '^numba' Benchmarks/requirements.txt)"
	@$(PYTHON) -c "import jax" 2>/dev/null || \
		$(PYTHON) -m pip install -q --disable-pip-version-check --no-deps \
			$$(grep -E '^(jax|jaxlib|ml_dtypes|opt_einsum)==' Benchmarks/requirements.txt)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	$(RELEASE_BIN) var Data/sp500_skfolio_daily.csv --positions-file Data/positions.csv --window 1000

test: deps pydeps fuzz-smoke
	$(SWIFT) build -c release
	$(PYTHON) scripts/golden.py --check
	$(SWIFT) test
	$(MAKE) mpi-test
	$(MAKE) notebooks

golden: release
	$(PYTHON) scripts/golden.py --write

notebooks: release pydeps
	$(PYTHON) Notebooks/run_all.py

# The OPENBLAS_* pass repeats the peer comparison with the two variables some machines set removed
# (for TailRisk and the peers alike); when neither is set the first pass already is that case.
bench: release benchdeps
	$(PYTHON) Benchmarks/compare_numpy.py
	$(PYTHON) Benchmarks/compare_numpy.py --peers --repeats 3 --tag as-found
	@if [ -n "$$OPENBLAS_CORETYPE$$OPENBLAS_L2_SIZE" ]; then \
		env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $(PYTHON) Benchmarks/compare_numpy.py --peers --repeats 3 --tag openblas-env-unset; \
	else echo "OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are unset: the peers pass above is the unset case"; fi
	$(PYTHON) Benchmarks/machine_limit.py
	$(PYTHON) Benchmarks/memory_flat.py
	$(PYTHON) Benchmarks/models_bench.py
	$(PYTHON) Benchmarks/shards_bench.py
	$(PYTHON) Benchmarks/cascade_bench.py
	$(PYTHON) Benchmarks/precision_per_second.py
	$(PYTHON) Benchmarks/precision_per_second.py --dist t

fuzz-build: deps
	$(SWIFT) build $(FUZZ_BUILD_FLAGS)

fuzz-smoke: fuzz-build
	Fuzz/run.sh smoke $(FUZZ_SMOKE_RUNS)

fuzz: fuzz-build
	Fuzz/run.sh long $(FUZZ_SECONDS)

clean:
	rm -rf .build .build-fuzz Notebooks/output
