# coopdocs — two commands do everything on a fresh machine with Python 3.11+:
#   make demo   creates .venv, installs coopdocs, builds the example projects into sortie/
#   make test   installs the test extras and runs the whole suite (ruff, mypy, import
#               contracts, pytest in parallel)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SORTIE ?= sortie

.PHONY: demo test install install-test lint bench soak fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

demo: install
	$(BIN)/coopdocs validate examples/exemple-complet.yaml examples/exemple-minimal.yaml
	$(BIN)/coopdocs build examples/exemple-complet.yaml examples/exemple-minimal.yaml -o $(SORTIE)

lint: install-test
	$(BIN)/ruff check coopdocs tests tools benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test: lint
	$(BIN)/python -m pytest -q -n auto --dist worksteal

bench: install-test
	$(BIN)/python benchmarks/bench_startup.py
	$(BIN)/python benchmarks/bench_build.py --projects 200 --jobs 1,2

# Kill random builds (SIGKILL, SIGTERM, Ctrl-C) and check nothing is lost nor left behind.
# Minutes, not seconds: not part of `make test`.
SOAK_ARRETS ?= 100
soak: install-test
	$(BIN)/python benchmarks/soak.py --kills $(SOAK_ARRETS)

# Fuzz the YAML reading and validation path for a fixed time (seconds).
FUZZ_SECONDES ?= 300
fuzz: install-test
	$(BIN)/python tests/fuzz_source.py --secondes $(FUZZ_SECONDES)

clean:
	rm -rf $(SORTIE) .pytest_cache .ruff_cache
