# govnet — the two commands a newcomer runs: `make demo` and `make test`.
SHELL := /bin/bash
VENV ?= $(CURDIR)/.venv
PY := $(VENV)/bin/python
EXTRAS ?= test,plot,notebooks,dask,publish,view
JOBS ?= 2
CMAKE := $(VENV)/bin/cmake
CTEST := $(VENV)/bin/ctest

.PHONY: demo test setup install cpp-test py-test bench lint clean asan-test fuzz-setup fuzz-short fuzz fuzz-python

## demo: install what is missing (only the demo extra: plot + notebooks, no test or
## dask extras), build, run the Nanshan case study
demo: EXTRAS = demo
demo: install
	$(PY) -m govnet demo --out out
	@echo "Rendering the case-study notebooks (executed) to out/notebooks/:"
	$(PY) scripts/notebooks.py render out/notebooks
	@echo "Open out/notebooks/*.html, out/report/report.html and out/nanshan_structure.png."

## test: install what is missing, build, lint (ruff + mypy), run the GoogleTest suite,
## pytest, the sanitized GoogleTest suite and a one-minute fuzz run
test: install lint cpp-test py-test asan-test fuzz-short

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
	cd tests && $(PY) -m pytest -c ../pyproject.toml --rootdir=.. -q -p no:cacheprovider ../tests/python ../tests/notebooks
	cd tests && $(PY) -m pytest -c ../pyproject.toml --rootdir=.. -q -p no:cacheprovider --doctest-modules --pyargs govnet

# --- reliability (issue #10) ----------------------------------------------------
# The GoogleTest suite (and fuzz replays) under AddressSanitizer + UBSan, no Python
# module. Any report fails the run: -fno-sanitize-recover=all, halt_on_error=1;
# leak detection stays on, with libgomp's pool suppressed (tests/sanitizers/lsan.supp).
SAN_ENV := ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1 \
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0
asan-test: setup
	$(CMAKE) -S . -B build/asan -G Ninja -DCMAKE_MAKE_PROGRAM=$(VENV)/bin/ninja \
	  -DCMAKE_BUILD_TYPE=Debug -DGOVNET_SANITIZE=ON -DGOVNET_TESTS=ON -DGOVNET_PYTHON=OFF >/dev/null
	$(CMAKE) --build build/asan -j $(JOBS)
	set -o pipefail; cd build/asan && $(SAN_ENV) $(CTEST) --no-tests=error --output-on-failure \
	  -j $(JOBS) | tail -n 4

# libFuzzer targets (tests/fuzz/fuzz_<name>.cpp, listed in CMakeLists.txt) built by
# clang with ASan + UBSan. fuzz-short (part of `make test`) runs each for
# FUZZ_SECONDS, fuzz for FUZZ_LONG_SECONDS. Seeds come from tests/fuzz/corpus/<name>
# (read only); new inputs go to build/fuzz/corpus/<name>; a crash is saved under
# build/fuzz/crashes/<name>/ and fails the run: copy it to tests/fuzz/regressions/<name>/
# (replayed by ctest) once fixed.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.cpp,%,$(wildcard tests/fuzz/fuzz_*.cpp))
FUZZ_SECONDS ?= 20
FUZZ_LONG_SECONDS ?= 600
FUZZ_FLAGS := -rss_limit_mb=2048 -timeout=10 -max_len=8192 -print_final_stats=1
fuzz-setup: setup
	bash scripts/setup-fuzz.sh
	CXX=clang++ $(CMAKE) -S . -B build/fuzz -G Ninja -DCMAKE_MAKE_PROGRAM=$(VENV)/bin/ninja \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGOVNET_FUZZ=ON -DGOVNET_OPENMP=OFF -DGOVNET_TESTS=OFF \
	  -DGOVNET_PYTHON=OFF >/dev/null
	$(CMAKE) --build build/fuzz -j $(JOBS)

define run_fuzzers
	@set -e; [ -n "$(FUZZ_TARGETS)" ] || { echo "[fuzz] no fuzz targets found" >&2; exit 1; }; \
	for t in $(FUZZ_TARGETS); do \
	  mkdir -p build/fuzz/corpus/$$t build/fuzz/crashes/$$t tests/fuzz/corpus/$$t; \
	  echo "[fuzz] $$t for $(1) s"; \
	  $(SAN_ENV) build/fuzz/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(1) \
	    -artifact_prefix=build/fuzz/crashes/$$t/ build/fuzz/corpus/$$t tests/fuzz/corpus/$$t \
	    2>build/fuzz/$$t.log || { tail -n 40 build/fuzz/$$t.log; exit 1; }; \
	  grep -h "stat::number_of_executed_units" build/fuzz/$$t.log | sed "s/^/[fuzz] $$t /"; \
	done
endef

fuzz-short: fuzz-setup
	$(call run_fuzzers,$(FUZZ_SECONDS))

fuzz: fuzz-setup fuzz-python
	$(call run_fuzzers,$(FUZZ_LONG_SECONDS))

# The hypothesis fuzzing of the Python readers with many more inputs than in `make test`.
FUZZ_PY_EXAMPLES ?= 5000
fuzz-python: install
	cd tests && GOVNET_FUZZ_EXAMPLES=$(FUZZ_PY_EXAMPLES) $(PY) -m pytest -c ../pyproject.toml \
	  --rootdir=.. -q -p no:cacheprovider ../tests/python/test_fuzz_readers.py

## bench: govnet beside networkx, igraph, NetworKit, graph-tool and R sna (about 30 min)
bench: install
	bash scripts/setup.sh test,bench,dask,fast
	bash scripts/setup-bench.sh
	$(PY) bench/run.py --markdown bench/last-run.md $(BENCH_ARGS)

# ruff and mypy at the versions pinned in the test extra; rules in pyproject.toml.
lint: setup
	$(VENV)/bin/ruff --version
	$(VENV)/bin/ruff check python tests scripts
	$(VENV)/bin/mypy

clean:
	rm -rf build out
