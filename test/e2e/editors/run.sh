#!/usr/bin/env bash
# Real-editor tests for cognito-guard-ls: headless Neovim (0.7.2+, its built-in LSP client) and Emacs
# with eglot (batch mode), each on a Terraform file and a CloudFormation YAML template. Each case opens a
# scratch copy of a fixture, waits for the CG101 diagnostic, hovers it, applies the preferred quick fix,
# saves, and waits for the diagnostics without CG101 (see README.md in this folder).
#
#   test/e2e/editors/run.sh [CASE...]      CASE: nvim-tf nvim-yaml emacs-tf emacs-yaml (default: all)
#
# Needs a built repository (npm install / npx tsc -p .). Installs neovim, emacs-nox and elpa-eglot with
# apt-get when they are missing and it runs as root. Artifacts: test-results/editors/<case>/ (result.json
# with every step and check, the saved file, editor output and LSP logs) and test-results/editors/summary.json.
# Environment: E2E_TIMEOUT_MS (per case, default 20000), E2E_RESULTS (artifact folder),
# E2E_BREAK=1 (self-test only: writes {"rules":{"CG101":"off"}} to .cognito-guard.json beside each scratch
# file, so every case must FAIL).
set -uo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
SERVER="$ROOT/bin/cognito-guard-ls.js"
OUT="${E2E_RESULTS:-$ROOT/test-results/editors}"
TIMEOUT_MS="${E2E_TIMEOUT_MS:-20000}"
HARD_TIMEOUT_S=$((TIMEOUT_MS / 1000 + 20)) # only if an editor hangs past its own deadline

log() { printf '%s %s\n' "$(date +%H:%M:%S.%3N)" "$*"; }

# ------------------------------------------------------------------------------------------------
# Prerequisites

install_missing() {
  local need=()
  command -v nvim > /dev/null 2>&1 || need+=(neovim)
  command -v emacs > /dev/null 2>&1 || need+=(emacs-nox)
  compgen -G '/usr/share/emacs/site-lisp/elpa/eglot-*' > /dev/null || need+=(elpa-eglot)
  [ ${#need[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: ${need[*]}; run as root, or: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
    return 1
  fi
  if ! command -v apt-get > /dev/null 2>&1; then
    echo "missing: ${need[*]}, and there is no apt-get to install them" >&2
    return 1
  fi
  log "installing ${need[*]}"
  local t0=$SECONDS
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" > /dev/null || return 1
  log "installed in $((SECONDS - t0)) s"
}

install_missing || exit 1
command -v node > /dev/null || {
  echo "node is not on PATH" >&2
  exit 1
}
if [ ! -f "$ROOT/out/server/src/server.js" ] || [ ! -f "$SERVER" ]; then
  echo "the language server is not built: run 'npx tsc -p .' in $ROOT first" >&2
  exit 1
fi
NVIM_VERSION="$(nvim --version | sed -n '1s/^NVIM v//p')"
case "$NVIM_VERSION" in
  0.[0-6].*)
    echo "Neovim $NVIM_VERSION is too old: 0.7 or later is needed" >&2
    exit 1
    ;;
esac
log "node $(node --version), Neovim $NVIM_VERSION, $(emacs --version | head -n 1), eglot $(basename /usr/share/emacs/site-lisp/elpa/eglot-* 2> /dev/null | sed 's/^eglot-//' | head -n 1)"
if [ "${E2E_BREAK:-}" = 1 ]; then
  log "E2E_BREAK=1: CG101 is turned off in every scratch folder; every case is expected to FAIL"
fi

# ------------------------------------------------------------------------------------------------
# One case

fixture_of() {
  case "$1" in
    *-tf) echo main.tf ;;
    *-yaml) echo template.yaml ;;
  esac
}

run_case() {
  local name="$1" editor="${1%%-*}" fixture
  fixture="$(fixture_of "$name")"
  local dir="$OUT/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  # The scratch workspace lives outside the repository so that both editors take it as the project root
  # (Emacs would otherwise pick the enclosing git repository) and no repository file can leak in.
  local scratch
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/cognito-guard-e2e-$name.XXXXXX")"
  local ws="$scratch/workspace"
  mkdir -p "$ws" "$scratch/home" "$scratch/xdg"
  cp "$HERE/fixtures/$fixture" "$ws/$fixture"
  if [ "${E2E_BREAK:-}" = 1 ]; then
    echo '{"rules":{"CG101":"off"}}' > "$ws/.cognito-guard.json"
  fi
  log "== $name: $editor on $fixture (scratch $ws)"
  local start rc=0
  start=$(date +%s%N)
  case "$editor" in
    nvim)
      (cd "$ws" && env HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/xdg/config" XDG_DATA_HOME="$scratch/xdg/data" \
        XDG_STATE_HOME="$scratch/xdg/state" XDG_CACHE_HOME="$scratch/xdg/cache" \
        CG_SERVER="$SERVER" CG_OUT="$dir/result.json" CG_RULE=CG101 CG_TIMEOUT_MS="$TIMEOUT_MS" \
        timeout -k 5 "$HARD_TIMEOUT_S" nvim --headless -n -i NONE -u "$HERE/nvim-driver.lua" "$fixture" \
        < /dev/null > "$dir/editor.log" 2>&1) || rc=$?
      cp "$scratch/xdg/cache/nvim/lsp.log" "$dir/nvim-lsp.log" 2> /dev/null
      ;;
    emacs)
      (cd "$ws" && env HOME="$scratch/home" \
        CG_SERVER="$SERVER" CG_OUT="$dir/result.json" CG_RULE=CG101 CG_TIMEOUT_MS="$TIMEOUT_MS" CG_LOG_DIR="$dir" \
        timeout -k 5 "$HARD_TIMEOUT_S" emacs --batch -Q -l "$HERE/eglot-driver.el" "$fixture" \
        < /dev/null > "$dir/editor.log" 2>&1) || rc=$?
      ;;
  esac
  local wall_ms=$((($(date +%s%N) - start) / 1000000))
  # The saved file, renamed so that a scan of the repository does not take it for a template.
  cp "$ws/$fixture" "$dir/$fixture.saved" 2> /dev/null
  if [ "$rc" -ne 0 ]; then
    log "$name: the editor exited $rc; last lines of editor.log:"
    tail -n 15 "$dir/editor.log" | sed 's/^/    /'
  fi
  node "$HERE/check.js" verify --case "$name" --result "$dir/result.json" --fixture "$HERE/fixtures/$fixture" \
    --file "$ws/$fixture" --exit "$rc" --wall-ms "$wall_ms"
  local verdict=$?
  rm -rf "$scratch"
  return $verdict
}

# ------------------------------------------------------------------------------------------------

CASES=("$@")
[ ${#CASES[@]} -gt 0 ] || CASES=(nvim-tf nvim-yaml emacs-tf emacs-yaml)
for c in "${CASES[@]}"; do
  case "$c" in
    nvim-tf | nvim-yaml | emacs-tf | emacs-yaml) ;;
    *)
      echo "unknown case '$c' (nvim-tf nvim-yaml emacs-tf emacs-yaml)" >&2
      exit 2
      ;;
  esac
done
mkdir -p "$OUT"
rm -f "$OUT/summary.json"
for c in "${CASES[@]}"; do
  run_case "$c"
done
node "$HERE/check.js" summary "$OUT" "${CASES[@]}"
