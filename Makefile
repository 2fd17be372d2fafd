# Two entry points a newcomer needs (see README): `make demo` and `make test`.
# Each sets up everything it needs in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo example test lint bench eval rules-index clean browser-deps

$(VENV)/.installed: pyproject.toml
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

browser-deps:
	@command -v /usr/bin/chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)
	@test -f $(AXE) || npm install --no-save --prefix .cache/axe axe-core@4

test: $(VENV)/.installed browser-deps
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
