# RET Desk: `make run` starts the app, `make test` runs ruff and the whole test suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run demo syslibs test reliability lint bench wheel clean

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip setuptools wheel
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# The window needs Qt's xcb system libraries: installed as root, else the command is printed.
syslibs:
	@installer/linux/qt-system-libs.sh

run: $(STAMP) syslibs
	$(VENV)/bin/ret-desk

demo: $(STAMP) syslibs
	$(VENV)/bin/ret-desk --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check ret_desk tests migrations
	$(VENV)/bin/ruff format --check ret_desk tests migrations

test: lint
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest

# The concurrency tests (issue 10): 8 processes at once per rule on the real PostgreSQL.
# About a minute and a half, so they run after `make test` in .ci/run, not inside it.
reliability: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/pytest tests/reliability

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_case_list.py
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_reports.py
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_matching.py
	QT_QPA_PLATFORM=offscreen $(PY) tests/bench/bench_audit_log.py

wheel: $(STAMP)
	$(PY) -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) dist build *.egg-info .pytest_cache
