# Kindred — build, run and test entry points.
#
#   make run    build the release site and serve it on http://127.0.0.1:3000 with demo data
#   make test   formatting, clippy (ssr + hydrate), Rust tests on SQLite and PostgreSQL,
#               release build, Playwright end-to-end suite
#
# The toolchain is installed (idempotently) by scripts/install-tools.sh.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# cargo and the tools it installs live in ~/.cargo/bin.
export PATH := $(HOME)/.cargo/bin:$(PATH)

# wasm-opt (npm binaryen) for the release front end.
TOOLS_BIN := $(CURDIR)/tools/node_modules/.bin

SITE_ADDR ?= 127.0.0.1:3000
# Extra arguments for Playwright, e.g. make e2e E2E_ARGS="--project=phone-nojs"
E2E_ARGS ?=

# Runtime configuration of the release server (hash.txt sits next to the binary).
LEPTOS_RUN_ENV := \
	LEPTOS_SITE_ROOT=target/site \
	LEPTOS_SITE_PKG_DIR=pkg \
	LEPTOS_OUTPUT_NAME=kindred \
	LEPTOS_HASH_FILES=true \
	LEPTOS_ENV=PROD \
	LEPTOS_SITE_ADDR=$(SITE_ADDR)

.PHONY: help tools build run test e2e bench-size

help:
	@echo "Kindred make targets:"
	@echo "  make tools       install build tools (scripts/install-tools.sh)"
	@echo "  make build       release build: cargo leptos build --release --precompress"
	@echo "  make run         build, then serve on http://$(SITE_ADDR) with demo data (data/kindred.db)"
	@echo "  make test        fmt, clippy (ssr + hydrate), Rust tests (SQLite + PostgreSQL), build, e2e"
	@echo "  make e2e         Playwright suite against the existing release build (scripts/e2e.sh)"
	@echo "  make bench-size  first-load bundle size, brotli (bench/size.sh)"

tools:
	@echo "==> installing build tools"
	scripts/install-tools.sh

build: tools
	@echo "==> release build (server + WebAssembly, precompressed assets)"
	PATH="$(TOOLS_BIN):$$PATH" cargo leptos build --release --precompress

run: build
	@echo "==> serving http://$(SITE_ADDR) (demo data seeded on first start; Ctrl-C to stop)"
	mkdir -p data
	env $(LEPTOS_RUN_ENV) KINDRED_DEMO=1 target/release/kindred serve

test:
	@echo "==> [1/7] installing build and test tools"
	scripts/install-tools.sh --test
	@echo "==> [2/7] cargo fmt --check"
	cargo fmt --all -- --check
	@echo "==> [3/7] clippy, server build (ssr)"
	cargo clippy --features ssr --all-targets -- -D warnings
	@echo "==> [4/7] clippy, browser build (hydrate, wasm32)"
	cargo clippy --lib --target wasm32-unknown-unknown --no-default-features --features hydrate -- -D warnings
	@echo "==> [5/7] Rust unit and integration tests on SQLite and PostgreSQL"
	scripts/with-postgres.sh env KINDRED_REQUIRE_PG=1 scripts/rust-tests.sh
	@echo "==> [6/7] release build"
	$(MAKE) --no-print-directory build
	@echo "==> [7/7] end-to-end tests (Playwright, Debian Chromium)"
	scripts/e2e.sh
	@echo "==> all tests passed"

e2e:
	@echo "==> end-to-end tests against the release build"
	scripts/e2e.sh $(E2E_ARGS)

bench-size:
	@echo "==> first-load bundle size"
	bench/size.sh
