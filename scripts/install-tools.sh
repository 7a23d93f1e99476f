#!/usr/bin/env bash
# Install the tools Kindred needs to build (and, with --test, to test).
# Idempotent: everything already present at the right version is skipped.
#
#   scripts/install-tools.sh          build tools
#   scripts/install-tools.sh --test   build tools + chromium, postgresql, end2end npm deps
#   (or INSTALL_TEST_TOOLS=1 scripts/install-tools.sh)
#
# Only registries are reachable (crates.io, npm, Debian apt): nothing here
# downloads from elsewhere, and `npx playwright install` is never run.
set -euo pipefail

CARGO_LEPTOS_VERSION="0.3.10"
BINARYEN_VERSION="132.0.0"
BUILD_DEBS=(pkg-config libssl-dev perl make brotli)
TEST_DEBS=(chromium postgresql)

WITH_TEST="${INSTALL_TEST_TOOLS:-0}"
for arg in "$@"; do
    case "$arg" in
        --test) WITH_TEST=1 ;;
        -h|--help)
            awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
            exit 0 ;;
        *) echo "install-tools: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say()  { printf 'install-tools: %s\n' "$*"; }
skip() { printf 'install-tools: [skip] %s\n' "$*"; }
die()  { printf 'install-tools: error: %s\n' "$*" >&2; exit 1; }

case ":$PATH:" in
    *":$HOME/.cargo/bin:"*) ;;
    *) export PATH="$HOME/.cargo/bin:$PATH" ;;
esac

# --- Debian packages ---------------------------------------------------------
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi
fi
deb_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}
APT_UPDATED=0
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        if deb_installed "$pkg"; then
            skip "Debian package $pkg is installed"
        else
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 || die "need Debian packages (${missing[*]}) but apt-get is not available"
    if [ "$(id -u)" -ne 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
        die "need Debian packages (${missing[*]}); run as root or install sudo"
    fi
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
        APT_UPDATED=1
    fi
    say "apt-get install -y ${missing[*]}"
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

debs=("${BUILD_DEBS[@]}")
command -v npm >/dev/null 2>&1 || debs+=(npm)
if [ "$WITH_TEST" = 1 ]; then
    debs+=("${TEST_DEBS[@]}")
fi
apt_install "${debs[@]}"

# --- Rust: wasm32 target -----------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found (install Rust with rustup; ~/.cargo/bin must be on PATH)"
command -v rustup >/dev/null 2>&1 || die "rustup not found (needed for the wasm32 target)"

if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
    skip "rust target wasm32-unknown-unknown is installed"
else
    say "rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
fi

# --- cargo-leptos --------------------------------------------------------------
have_leptos="$(cargo leptos --version 2>/dev/null | awk '{print $NF}' || true)"
if [ "$have_leptos" = "$CARGO_LEPTOS_VERSION" ]; then
    skip "cargo-leptos $CARGO_LEPTOS_VERSION is installed"
else
    say "cargo install cargo-leptos --version $CARGO_LEPTOS_VERSION --locked (found: ${have_leptos:-none}; this takes a long while)"
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# --- wasm-bindgen CLI, exactly the version in Cargo.lock ----------------------
wb_version=""
if [ -f Cargo.lock ]; then
    wb_version="$(awk '
        /^\[\[package\]\]/ { in_wb = 0; next }
        /^name = "wasm-bindgen"$/ { in_wb = 1; next }
        in_wb && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock)"
fi
if [ -z "$wb_version" ]; then
    # No lockfile yet: fall back to the exact pin in Cargo.toml (wasm-bindgen = "=X").
    wb_version="$(grep -E '^wasm-bindgen[[:space:]]*=' Cargo.toml 2>/dev/null \
        | grep -oE '"=[0-9][^"]*"' | head -n1 | tr -d '"=' || true)"
fi
[ -n "$wb_version" ] || die "cannot find the wasm-bindgen version in Cargo.lock (or an exact pin in Cargo.toml)"

have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
if [ "$have_wb" = "$wb_version" ]; then
    skip "wasm-bindgen CLI $wb_version is installed (matches Cargo.lock)"
else
    # Deliberately without --locked: the CLI's own lockfile pins a crate the registry no longer serves.
    say "cargo install wasm-bindgen-cli --version $wb_version (found: ${have_wb:-none})"
    cargo install wasm-bindgen-cli --version "$wb_version"
    have_wb="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
    [ "$have_wb" = "$wb_version" ] \
        || die "wasm-bindgen on PATH is ${have_wb:-missing}, expected $wb_version ($(command -v wasm-bindgen || true))"
fi

# --- wasm-opt from npm binaryen (Debian's is too old) -------------------------
WASM_OPT="$ROOT/tools/node_modules/.bin/wasm-opt"
binaryen_major="${BINARYEN_VERSION%%.*}"
if "$WASM_OPT" --version 2>/dev/null | grep -qE "version ${binaryen_major}([^0-9]|$)"; then
    skip "wasm-opt $binaryen_major is installed in tools/node_modules"
else
    command -v npm >/dev/null 2>&1 || die "npm not found"
    say "npm install --prefix tools binaryen@$BINARYEN_VERSION"
    mkdir -p tools
    npm install --prefix "$ROOT/tools" --no-audit --no-fund --save-exact "binaryen@$BINARYEN_VERSION"
    "$WASM_OPT" --version >/dev/null || die "wasm-opt did not install"
fi
say "for cargo leptos, put wasm-opt on PATH:"
say "  export PATH=\"$ROOT/tools/node_modules/.bin:\$PATH\""

# --- test tools ---------------------------------------------------------------
if [ "$WITH_TEST" = 1 ]; then
    if [ ! -f end2end/package.json ]; then
        skip "end2end/package.json does not exist yet; no npm dependencies to install"
    elif [ -d end2end/node_modules/@playwright/test ]; then
        skip "end2end npm dependencies are installed"
    else
        # @playwright/test downloads no browser on install; Debian's chromium is used instead.
        export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
        if [ -f end2end/package-lock.json ]; then
            say "npm ci (end2end)"
            (cd end2end && npm ci --no-audit --no-fund)
        else
            say "npm install (end2end; no package-lock.json, none written)"
            (cd end2end && npm install --no-audit --no-fund --no-package-lock)
        fi
    fi
    if [ -x /usr/bin/chromium ]; then
        say "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
    fi
fi

say "done"
