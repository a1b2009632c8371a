#!/usr/bin/env bash
# Installs what the VS Code end-to-end test needs and is missing, and prints the code-server binary path
# on its last line of output.
#   - Debian packages (as root only): chromium (the browser Playwright drives), ripgrep (seeds
#     @vscode/ripgrep's download cache, whose postinstall would fetch rg from GitHub), libkrb5-dev
#     (gssapi headers for code-server's kerberos module), build-essential python3 pkg-config (node-gyp).
#   - code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) into a cache folder
#     outside the repository, with a stamp file so that a second run skips the install.
# Environment: CG_E2E_CACHE (default ~/.cache/cognito-guard-e2e).
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep version pinned by code-server 4.100.3 (lib/vscode/npm-shrinkwrap.json) and the rg
# release tag its postinstall downloads (VERSION in @vscode/ripgrep/lib/postinstall.js).
RIPGREP_PKG_VERSION=1.15.11
RIPGREP_TAG=v13.0.0-10
CACHE="${CG_E2E_CACHE:-$HOME/.cache/cognito-guard-e2e}"
DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
STAMP="$DIR/.cognito-guard-e2e-stamp"
BIN="$DIR/node_modules/.bin/code-server"

log() { echo "[install] $*" >&2; }

# --- Debian packages ---------------------------------------------------------------------------
need=()
for pkg in chromium ripgrep libkrb5-dev build-essential python3 pkg-config curl; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    log "installing Debian packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq "${need[@]}" >&2
  else
    log "missing packages: ${need[*]} (run as root on Debian to install them, or install them yourself)"
    # Without apt the browser may still be elsewhere; the driver says so if /usr/bin/chromium is absent.
  fi
fi

# --- code-server ---------------------------------------------------------------------------------
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$CODE_SERVER_VERSION" ] && [ -x "$BIN" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DIR"
  echo "$BIN"
  exit 0
fi

node -e 'if (process.versions.node.split(".")[0] !== "20") { console.error("code-server '"$CODE_SERVER_VERSION"' needs Node 20, this is " + process.version); process.exit(1) }'
command -v rg >/dev/null || { log "ripgrep (rg) is needed to install code-server offline"; exit 1; }

log "installing code-server $CODE_SERVER_VERSION into $DIR (about a minute the first time)"
rm -rf "$DIR"
mkdir -p "$DIR"
echo '{"name":"cognito-guard-e2e-code-server","version":"1.0.0","private":true}' > "$DIR/package.json"

# @vscode/ripgrep's postinstall first looks for
# <os.tmpdir()>/vscode-ripgrep-cache-<pkgver>/ripgrep-<tag>-<target>.tar.gz: seed it with Debian's rg.
RG_CACHE="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
mkdir -p "$RG_CACHE"
tmp="$(mktemp -d)"
cp "$(command -v rg)" "$tmp/rg"
tar czf "$RG_CACHE/ripgrep-$RIPGREP_TAG-x86_64-unknown-linux-musl.tar.gz" -C "$tmp" rg
rm -rf "$tmp"

# npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
# npm_config_yes: node-pty's postinstall runs `npx node-gyp`, which otherwise waits for a terminal.
(
  cd "$DIR"
  npm_config_unsafe_perm=true npm_config_yes=true npm install --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >&2
)
# code-server writes a default config.yaml under XDG_CONFIG_HOME even for --version: keep it out of ~.
XDG_CONFIG_HOME="$DIR/.xdg-config" XDG_DATA_HOME="$DIR/.xdg-data" "$BIN" --version >&2
echo "$CODE_SERVER_VERSION" > "$STAMP"
log "code-server installed"
echo "$BIN"
