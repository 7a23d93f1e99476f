#!/usr/bin/env bash
# Unit and integration tests. With cargo-nextest (on the machine image) every
# test runs in its own process — no global state shared between tests — and a
# test that fails once is retried once and reported as FLAKY rather than hidden.
# Without it, plain `cargo test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if cargo nextest --version >/dev/null 2>&1; then
    echo "rust-tests: cargo nextest (one process per test, one retry)"
    exec cargo nextest run --features ssr --retries 1 --no-fail-fast "$@"
else
    echo "rust-tests: cargo test (cargo-nextest not installed)"
    exec cargo test --features ssr "$@"
fi
