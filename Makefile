# Every target creates and reuses .venv and installs what it needs, so it works on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: install test lint run demo bench bench-quick clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

run: $(STAMP)
	$(BIN)/aduan db upgrade
	$(BIN)/aduan run

demo: $(STAMP)
	@echo "make demo: not yet — the playground (issue 8) has not landed."

bench: $(STAMP)
	$(BIN)/python -m bench.emulator_roundtrip

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
