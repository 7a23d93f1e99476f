#!/usr/bin/env bash
# First-load bundle size of the release build, raw and brotli (quality 11).
#
#   bench/size.sh [--strict]
#
# Run after `make build`. Measures the JS, WebAssembly and CSS files the first
# page loads (output-name "kindred" in target/site/pkg; with hash-files the
# names come from target/release/hash.txt). Budget (project architecture): JS +
# WebAssembly, brotli, <= 250 KB (1 KB = 1000 bytes); aim <= 150 KB.
# Exits 0 whether or not the budget holds, unless --strict is given.
set -euo pipefail

STRICT=0
for arg in "$@"; do
    case "$arg" in
        --strict) STRICT=1 ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "size: unknown argument: $arg" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

NAME="${LEPTOS_OUTPUT_NAME:-kindred}"
PKG="target/site/pkg"
HASH_FILE="target/release/hash.txt"
BUDGET_KB="${BUDGET_KB:-250}"
AIM_KB="${AIM_KB:-150}"

die() { printf 'size: error: %s\n' "$*" >&2; exit 1; }
[ -d "$PKG" ] || die "$PKG not found; run 'make build' first"

# --- which files does the first page load? ------------------------------------
files=()
if [ -f "$HASH_FILE" ]; then
    for kind in js wasm css; do
        hash="$(awk -F': *' -v k="$kind" '$1 == k { print $2; exit }' "$HASH_FILE")"
        if [ -n "$hash" ] && [ -f "$PKG/$NAME.$hash.$kind" ]; then
            files+=("$PKG/$NAME.$hash.$kind")
        else
            echo "size: warning: no $kind file for hash '${hash:-?}' from $HASH_FILE" >&2
        fi
    done
    # With code splitting (--split) the wasm-split loader is part of the first load too.
    split="$(awk -F': *' '$1 == "split" { print $2; exit }' "$HASH_FILE")"
    if [ -n "$split" ] && [ -f "$PKG/__wasm_split.$split.js" ]; then
        files+=("$PKG/__wasm_split.$split.js")
    fi
else
    # No hash file: take the newest $NAME*.{js,wasm,css} (matches kindred.js,
    # kindred_bg.wasm and hashed names alike; .br/.gz do not match).
    for kind in js wasm css; do
        newest=""
        for f in "$PKG/$NAME"*."$kind"; do
            [ -f "$f" ] || continue
            if [ -z "$newest" ] || [ "$f" -nt "$newest" ]; then newest="$f"; fi
        done
        if [ -n "$newest" ]; then files+=("$newest"); else echo "size: warning: no $kind file in $PKG" >&2; fi
    done
fi
[ "${#files[@]}" -gt 0 ] || die "no $NAME js/wasm/css files in $PKG"

brotli_size() {
    # Prefer measuring with brotli -q 11; fall back to the .br that --precompress wrote.
    if command -v brotli >/dev/null 2>&1; then
        brotli -q 11 -c -- "$1" | wc -c | tr -d ' '
    elif [ -f "$1.br" ]; then
        wc -c <"$1.br" | tr -d ' '
    else
        die "brotli not installed and $1.br missing"
    fi
}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }

# wasm-bindgen JS snippets (pkg/snippets/...) are imported by the main JS at load time.
if [ -d "$PKG/snippets" ]; then
    while IFS= read -r f; do files+=("$f"); done \
        < <(find "$PKG/snippets" -type f -name '*.js' | sort)
fi

# --- table -------------------------------------------------------------------------
row() { printf '%-56s %12s %12s\n' "$@"; }
row "file" "raw bytes" "brotli bytes"
row "----" "---------" "------------"
total_raw=0; total_br=0; code_br=0
for f in "${files[@]}"; do
    raw="$(wc -c <"$f" | tr -d ' ')"
    br="$(brotli_size "$f")"
    row "${f#"$PKG"/}" "$raw" "$br"
    total_raw=$((total_raw + raw))
    total_br=$((total_br + br))
    case "$f" in *.js|*.wasm) code_br=$((code_br + br)) ;; esac
done
row "total" "$total_raw" "$total_br"
echo

# Other code in pkg (lazy code-split chunks, or files of older builds) is not
# part of the first load; list it for information.
others=()
for f in "$PKG"/*.wasm "$PKG"/*.js; do
    [ -f "$f" ] || continue
    counted=0
    for g in "${files[@]}"; do [ "$f" = "$g" ] && counted=1; done
    [ "$counted" -eq 0 ] && others+=("$f")
done
if [ "${#others[@]}" -gt 0 ]; then
    echo "not counted (lazy chunks or files of older builds):"
    for f in "${others[@]}"; do
        row "  ${f#"$PKG"/}" "$(wc -c <"$f" | tr -d ' ')" "$(brotli_size "$f")"
    done
    echo
fi

budget_bytes=$((BUDGET_KB * 1000))
aim_bytes=$((AIM_KB * 1000))
if [ "$code_br" -le "$budget_bytes" ]; then verdict=PASS; else verdict=FAIL; fi
if [ "$code_br" -le "$aim_bytes" ]; then aim="within"; else aim="over"; fi
echo "js+wasm brotli: $code_br bytes ($(kb "$code_br") KB); $aim the ${AIM_KB} KB aim"
echo "budget ${BUDGET_KB} KB: $verdict"

if [ "$verdict" = FAIL ] && [ "$STRICT" -eq 1 ]; then
    exit 1
fi
exit 0
