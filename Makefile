# coopdocs — two commands do everything on a fresh machine with Python 3.11+ (Linux, macOS):
#   make demo        creates .venv, installs coopdocs, builds the example projects into sortie/
#   make test        installs the test extras and runs the whole suite (ruff, mypy, import
#                    contracts, pytest in parallel)
#   make distclean   removes sortie/, the caches and .venv
# Without make (Windows), see the README: pip or pipx install coopdocs the same way.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SORTIE ?= sortie
# pip says a lot (and setuptools more): it all goes to this log, shown only when it fails.
LOG    := $(VENV)/installation.log

.PHONY: demo test install install-test lint bench soak fuzz clean distclean python-check

# The Python given must be 3.11 or newer; a .venv made by an older or vanished Python, or left
# broken by an interrupted creation, is made again rather than reused.
python-check:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
	  found=$$($(PYTHON) -c 'import sys; print("version", sys.version.split()[0])' \
	    2>/dev/null || echo "introuvable"); \
	  echo "coopdocs demande Python 3.11 ou plus récent ; « $(PYTHON) » : $$found." >&2; \
	  echo "Installez Python 3.11 ou plus récent (https://www.python.org/downloads/)," \
	    "puis relancez avec son nom, par exemple : make demo PYTHON=python3.12" >&2; \
	  exit 1; }
	@if [ -e $(VENV) ] && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	    2>/dev/null; then \
	  echo "Le dossier $(VENV) est abîmé ou vient d'un Python trop ancien : il est recréé."; \
	  rm -rf $(VENV); \
	fi
	@if [ ! -x $(BIN)/python ]; then \
	  echo "Création de l'environnement Python $(VENV) ($$($(PYTHON) --version 2>&1))…"; \
	  $(PYTHON) -m venv $(VENV) >/dev/null 2>&1 || { rm -rf $(VENV); \
	    echo "Impossible de créer $(VENV). Sous Debian ou Ubuntu, installez le paquet" \
	      "python3-venv (sudo apt install python3-venv), puis relancez." >&2; exit 1; }; \
	  $(BIN)/python -m pip install --upgrade pip >$(LOG) 2>&1 || true; \
	fi

# $(call pip_install,what,stamp): install once, again when pyproject.toml changes.
define pip_install
	@if [ ! -f $(2) ] || [ pyproject.toml -nt $(2) ]; then \
	  echo "Installation de coopdocs dans $(VENV) (journal : $(LOG))…"; \
	  $(BIN)/python -m pip install -e '$(1)' >>$(LOG) 2>&1 || { tail -n 15 $(LOG) >&2; \
	    echo "L'installation a échoué : le journal complet est dans $(LOG)." >&2; exit 1; }; \
	  touch $(2); \
	fi
endef

install: python-check
	$(call pip_install,.,$(VENV)/.installed)

install-test: python-check
	$(call pip_install,.[test],$(VENV)/.installed-test)
	@touch $(VENV)/.installed

# Quiet: `coopdocs build` checks each file before writing, so its warnings are shown once.
demo: install
	@echo "Production des documents des deux exemples (chaque fichier est vérifié d'abord)…"
	@$(BIN)/coopdocs build examples/exemple-complet.yaml examples/exemple-minimal.yaml \
	  -o $(SORTIE) --quiet
	@find $(SORTIE) -name '*.docx' | sort | sed 's/^/  écrit : /'
	@echo ""
	@echo "Ce que les exemples laissent à compléter avant signature, ligne par ligne :"
	@echo "    $(BIN)/coopdocs validate examples/exemple-complet.yaml"
	@echo ""
	@echo "Les documents sont dans $(SORTIE)/. Pour décrire votre propre projet :"
	@echo "    source $(VENV)/bin/activate     (une fois par terminal, puis :)"
	@echo "    coopdocs init                 (crée projet.yaml, à remplir)"
	@echo "    coopdocs validate             (dit ce qu'il reste à remplacer ou à corriger)"

lint: install-test
	@$(BIN)/ruff check coopdocs tests tools benchmarks
	@$(BIN)/mypy
	@$(BIN)/lint-imports --no-cache

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
	rm -rf $(SORTIE) .pytest_cache .ruff_cache .mypy_cache .hypothesis build dist

distclean: clean
	rm -rf $(VENV) coopdocs.egg-info
