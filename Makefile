# Everything runs inside .venv, created on first use from the pinned constraints.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# One stamp per set of extras: `make site` installs only what the site needs.
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
PDF_STAMP := $(VENV)/.installed-pdf-stamp
PIP := $(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt
# ProperDocs, the continuation of MkDocs 1.x, in a venv of its own: same constraints.
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed-stamp
# The conversion and annotation tests also run on the pure-Python OpenCC package, which
# installs the same module `opencc`: in a venv of its own, where it replaces the binding.
PURE_VENV := .venv-purepy
PURE_STAMP := $(PURE_VENV)/.installed-stamp
BACKEND_TESTS := tests/analysis/test_convert.py tests/analysis/test_annotations.py
# Material prints a banner about its successor on every build; the build log is for our news.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test bundle pdf bench bench-report properdocs properdocs-venv clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) -e .
	touch $(STAMP)

$(TEST_STAMP): $(STAMP)
	$(PIP) -e '.[test]'
	touch $(TEST_STAMP)

$(PDF_STAMP): $(STAMP)
	$(PIP) -e '.[pdf]'
	touch $(PDF_STAMP)

$(PD_STAMP): pyproject.toml constraints.txt
	test -x $(PD_VENV)/bin/python || $(PYTHON) -m venv $(PD_VENV)
	$(PD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[properdocs]'
	touch $(PD_STAMP)

$(PURE_STAMP): pyproject.toml constraints.txt
	test -x $(PURE_VENV)/bin/python || $(PYTHON) -m venv $(PURE_VENV)
	$(PURE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e . pytest
	$(PURE_VENV)/bin/python -m pip uninstall --quiet --yes opencc
	# Both packages install the module opencc: uninstalling one removes the other's files.
	$(PURE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps opencc-python-reimplemented==0.1.7
	touch $(PURE_STAMP)

site: $(STAMP)
	$(PY) -m build_tools build --site-dir site
	@echo "Open site/index.html in a browser, or run 'make serve' for a live preview."

serve: $(STAMP)
	$(VENV)/bin/mkdocs serve --dirty

test: $(TEST_STAMP) $(PURE_STAMP)
	$(PY) -m pytest
	$(PURE_VENV)/bin/python -m pytest -p no:cacheprovider $(BACKEND_TESTS)

# The site for reading offline (file://, search included) as one reproducible zip:
# mkdocs-offline.yml, no network needed to build or to read.
bundle: $(STAMP)
	$(PY) -m build_tools bundle --out dist/speeches-offline.zip

# The whole collection (cover, contents, every speech) as one A4 PDF with bookmarks,
# printed by headless Chromium (apt-get install chromium fonts-noto-cjk).
pdf: $(PDF_STAMP)
	$(PY) -m build_tools pdf --out dist/speeches.pdf

# The seed site built by ProperDocs instead of MkDocs (same mkdocs.yml, same plugin):
# dist/properdocs-site/. `make properdocs-venv` only creates .venv-properdocs. The config is
# named: ProperDocs reads properdocs.yml first, mkdocs.yml only as a fallback it deprecates.
properdocs-venv: $(PD_STAMP)

properdocs: $(PD_STAMP)
	$(PD_VENV)/bin/properdocs build --quiet --config-file mkdocs.yml --site-dir dist/properdocs-site

# Build time, size and memory against a bare mkdocs-material site, at 1×, 10× and 100× the
# seed, and the live preview at 100×: bench/results.json, rendered as bench/results.md
# (about a quarter of an hour). `make bench-report` renders the JSON again.
bench: $(TEST_STAMP)
	$(PY) bench/run.py --out bench/results.json
	$(PY) bench/report.py bench/results.json --out bench/results.md

bench-report: $(STAMP)
	$(PY) bench/report.py bench/results.json --out bench/results.md

clean:
	rm -rf site dist .pytest_cache
