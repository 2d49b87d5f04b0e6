# govnet — the two commands a newcomer runs: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= $(CURDIR)/.venv
PY := $(VENV)/bin/python
EXTRAS ?= test,plot,notebooks,dask
JOBS ?= 2
CMAKE := $(VENV)/bin/cmake
CTEST := $(VENV)/bin/ctest

.PHONY: demo test setup install cpp-test py-test bench lint clean

## demo: install what is missing, build, run the Nanshan case study
demo: install
	$(PY) -m govnet demo

## test: install what is missing, build, run the GoogleTest suite and pytest
test: install cpp-test py-test

setup:
	bash scripts/setup.sh $(EXTRAS)

# Non-editable install into the venv, reusing build/<wheel tag> so rebuilds are incremental.
install: setup
	$(PY) -m pip --disable-pip-version-check -q install --no-build-isolation --no-deps \
	  -Ccmake.define.CMAKE_BUILD_PARALLEL_LEVEL=$(JOBS) .
	@$(PY) -c "import govnet, govnet._core; print('[build] govnet', govnet.__version__, 'installed (OpenMP:', govnet._core.has_openmp, ')')"

cpp-test: setup
	$(CMAKE) -S . -B build/cpp -G Ninja -DCMAKE_MAKE_PROGRAM=$(VENV)/bin/ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVNET_TESTS=ON -DGOVNET_PYTHON=OFF -DGOVNET_WERROR=ON >/dev/null
	$(CMAKE) --build build/cpp -j $(JOBS)
	set -o pipefail; cd build/cpp && $(CTEST) --no-tests=error --output-on-failure -j $(JOBS) | tail -n 4

py-test: install
	cd tests && $(PY) -m pytest -c ../pyproject.toml --rootdir=.. -q -p no:cacheprovider ../tests/python
	cd tests && $(PY) -m pytest -c ../pyproject.toml --rootdir=.. -q -p no:cacheprovider --doctest-modules --pyargs govnet

bench: install
	bash scripts/setup.sh test,bench
	$(PY) bench/run.py $(BENCH_ARGS)

lint: setup
	$(VENV)/bin/python -m pip -q install ruff
	$(VENV)/bin/ruff check python tests

clean:
	rm -rf build out
