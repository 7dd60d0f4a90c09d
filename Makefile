# Packing Station — the commands a newcomer needs.
#   make demo   set everything up and start the station against a local central server
#   make test   set everything up and run the whole suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test test-fast bench load lint venv clean soak installer

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@# setuptools warns that an editable install's folders share the package names (they are
	@# the package): noise for a newcomer, so that one warning is silenced.
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# The window needs Qt's X11 libraries: installed here with apt-get when we are root (or have
# password-less sudo), else the one command to run is printed (ui/platform_check.py).
demo: $(STAMP)
	$(BIN)/python -m ui.platform_check --install
	$(BIN)/station --demo

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider $(PYTEST_ARGS)

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -m "not slow" $(PYTEST_ARGS)

# The full-size reliability record (>= 1,000 kill trials, >= 10k chaos faults, fuzz counts);
# figures go to tests/reliability/soak-figures.txt and then into docs/reliability.md.
soak: $(STAMP)
	rm -f tests/reliability/soak-figures.txt
	STATION_SOAK=1 QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider \
		--timeout=5400 tests/reliability tests/integration/test_label_crash.py $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

# A fleet against a real central process: LOAD_ARGS="--stations 50 --events 500 --kills 10
# --db postgresql+psycopg://…" (default: 50 stations, 500 events each, SQLite, no kills).
load: $(STAMP)
	$(BIN)/python -m bench.load $(LOAD_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check contract station drivers ui central tests bench installer/licences.py
	$(BIN)/mypy

# PyInstaller bundle in build/dist/packing-station and, on Debian/Ubuntu, the .deb in build/
installer: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	installer/build.sh

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
