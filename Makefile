# Two entry points a newcomer needs (see README): `make demo` and `make test`.
# Each sets up everything it needs in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo example test lint bench eval rules-index clean browser-deps test-prereqs

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "make: Mend needs Python 3.11 or newer as '$(PYTHON)' (or name one: make PYTHON=python3.12 ...)" >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || { \
		echo "make: '$(PYTHON)' cannot make a virtual environment; on Debian or Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,web,journal,postgres]'
	touch $@

# The main job: the local web app on the SQLite default (journal under MEND_HOME), 127.0.0.1:8765.
demo: $(VENV)/.installed
	$(BIN)/mend serve

# The bundled example conversation, analysed in the terminal.
example: $(VENV)/.installed
	$(BIN)/mend analyze src/mendkit/examples/workplace.txt

# The browser tests (web app) need Debian's Chromium and axe-core (a test-only tool, MPL-2.0,
# installed into .cache, never shipped in the package).
AXE := .cache/axe/node_modules/axe-core/axe.min.js

# What `make test` needs beyond Python, all named at once before anything is installed: Chromium
# and PostgreSQL come from Debian's apt-get (as root), axe-core from npm (Node.js).
test-prereqs:
	@missing=""; root=""; \
	if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then root=yes; fi; \
	command -v /usr/bin/chromium >/dev/null 2>&1 || [ -n "$$root" ] || \
		missing="$$missing\n  - Chromium (/usr/bin/chromium), or apt-get as root to install it"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "$$root" ] || \
		missing="$$missing\n  - PostgreSQL (Debian's postgresql package), or apt-get as root to install it"; \
	test -f $(AXE) || command -v npm >/dev/null 2>&1 || \
		missing="$$missing\n  - npm (Node.js), to install axe-core for the browser tests"; \
	if [ -n "$$missing" ]; then \
		printf "make test needs what this machine lacks:$$missing\nInstall them and run make test again (see README's Quick start).\n" >&2; \
		exit 1; fi

browser-deps: test-prereqs
	@command -v /usr/bin/chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	@test -f $(AXE) || npm install --no-save --prefix .cache/axe axe-core@4

test: test-prereqs $(VENV)/.installed browser-deps
	@# journal tests start a real PostgreSQL server (Debian's postgresql)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || \
		(export DEBIAN_FRONTEND=noninteractive; apt-get update -q && apt-get install -y -q postgresql)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/pytest

eval: $(VENV)/.installed
	$(BIN)/mend eval

rules-index: $(VENV)/.installed
	$(BIN)/python -c "from mendkit.analysis.rules import write_index; write_index()"

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
