# Set-up is part of every target: a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: setup demo test lint bench

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0  # first: the CPU build (the encoder extra pins it)
	$(BIN)/python -m pip install -q ".[dev,encoder]"
	touch $@

setup: $(VENV)/.installed

# The main job: audit the bundled example corpus and print the report in the terminal.
demo: setup
	$(BIN)/python -m pip install -q --no-deps --force-reinstall .
	$(BIN)/auditor audit corpus/docs

# The whole test suite against a regular (non-editable) install of this tree, then the linter.
test: setup
	$(BIN)/python -m pip install -q --no-deps --force-reinstall .
	$(BIN)/python -m pytest
	$(BIN)/ruff check auditor tests benchmarks

bench: setup
	$(BIN)/python benchmarks/throughput.py
