#!/usr/bin/env bash
# End-to-end test of the Cognito Guard extension in a real VS Code workbench: code-server 4.100.3
# (VS Code 1.100.3) driven by playwright-core in Debian's headless Chromium (drive.mjs).
#
#   test/e2e/vscode/run.sh
#
# Installs what is missing (install.sh: Debian packages as root, code-server into
# ${CG_E2E_CACHE:-~/.cache/cognito-guard-e2e}; npm dependencies), builds the CLI and packages the VSIX
# when they are missing or older than the sources, installs the VSIX into a code-server isolated in a
# run folder (extensions, user data and XDG folders), opens a scratch copy of workspace/ and drives it.
# Then it runs again with a stand-in for HashiCorp's Terraform extension installed (stub-terraform/).
# Screenshots and the code-server log go to test-results/vscode/. Ends with "N passed, M failed".
#
# Environment:
#   E2E_BREAK=1         turn CG101 off in the user settings: a deliberate break, the run must fail
#   KEEP_RUN=1          keep the run folder (code-server data, workspace copy) and print its path
#   CG_E2E_REPACKAGE=1  package the VSIX even when it looks up to date
#   CG_E2E_CACHE        where code-server is installed (default ~/.cache/cognito-guard-e2e)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RESULTS="$ROOT/test-results/vscode"
export TMPDIR="${TMPDIR:-/tmp}"
mkdir -p "$RESULTS"

now() { date +%s%N; }
T_START=$(now)
TIMINGS=()
mark() { # mark LABEL START_NS
  TIMINGS+=("$(printf '%-34s %7d ms' "$1" $(( ($(now) - $2) / 1000000 )))")
}

# --- what is missing -------------------------------------------------------------------------------
t=$(now)
CODE_SERVER="$("$HERE/install.sh" | tail -n 1)"
[ -x "$CODE_SERVER" ] || { echo "code-server was not installed" >&2; exit 1; }
mark "install check" "$t"

cd "$ROOT"
t=$(now)
if ! node -e 'require.resolve("playwright-core")' 2>/dev/null; then
  echo "[run] installing npm dependencies"
  if [ -d node_modules ]; then npm install --no-audit --no-fund; else npm ci --no-audit --no-fund; fi
fi
newer_than() { [ ! -e "$1" ] || [ -n "$(find "${@:2}" -type f -newer "$1" -print -quit 2>/dev/null)" ]; }
# The CLI in out/ gives the expected findings: it must be built from the same sources as the VSIX.
if newer_than out/server/src/cli.js server/src package.json; then
  echo "[run] building the CLI (npm run build)"
  npm run build >"$RESULTS/build.log" 2>&1 || {
    [ -f out/server/src/cli.js ] || { cat "$RESULTS/build.log"; exit 1; }
    echo "[run] WARNING: npm run build failed (see ${RESULTS#"$ROOT"/}/build.log); the CLI in out/ may be" \
      "older than the VSIX, and findings may then differ"
  }
fi
VSIX="$ROOT/cognito-guard-$(node -p 'require("./package.json").version').vsix"
if [ -n "${CG_E2E_REPACKAGE:-}" ] || newer_than "$VSIX" client/src server/src syntaxes docs/rules package.json README.md .vscodeignore; then
  echo "[run] packaging the extension (npm run package)"
  npm run package
fi
mark "build and package (if needed)" "$t"

# --- isolated code-server ----------------------------------------------------------------------------
RUN="$(mktemp -d "$TMPDIR/cg-e2e.XXXXXX")"
CS_PID=""
stop_code_server() {
  [ -n "$CS_PID" ] || return 0
  # code-server was started with setsid: its process id is its process group id. A plain kill of the
  # main process leaves the file watcher behind.
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  CS_PID=""
}
cleanup() {
  stop_code_server
  [ -f "$RUN/code-server.log" ] && cp "$RUN/code-server.log" "$RESULTS/code-server.log"
  if [ -n "${KEEP_RUN:-}" ]; then echo "[run] run folder kept: $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export XDG_CONFIG_HOME="$RUN/xdg-config" XDG_DATA_HOME="$RUN/xdg-data" XDG_CACHE_HOME="$RUN/xdg-cache"
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
cp -r "$HERE/workspace" "$RUN/ws"

BREAK=""
if [ "${E2E_BREAK:-}" = 1 ]; then
  echo "[run] E2E_BREAK=1: CG101 is turned off in the user settings, this run must fail"
  BREAK='"cognitoGuard.rules": { "CG101": "off" },'
fi
cat > "$RUN/user-data/User/settings.json" <<JSON
{
  $BREAK
  "workbench.startupEditor": "none",
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "editor.hover.delay": 200,
  "update.mode": "none",
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "workbench.enableExperiments": false,
  "workbench.tips.enabled": false,
  "workbench.editor.enablePreview": false,
  // VS Code for the web (code-server) saves after a delay by default; the test saves with Ctrl+S.
  "files.autoSave": "off",
  "git.enabled": false,
  "cognitoGuard.debounceMs": 50
}
JSON

t=$(now)
"$CODE_SERVER" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
  --install-extension "$VSIX" >"$RUN/install-extension.log" 2>&1 ||
  { cat "$RUN/install-extension.log"; exit 1; }
mark "install the VSIX" "$t"

PORT=""
start_code_server() { # start_code_server LABEL
  local t
  t=$(now)
  PORT="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  setsid "$CODE_SERVER" --auth none --bind-addr "127.0.0.1:$PORT" \
    --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    >>"$RUN/code-server.log" 2>&1 &
  CS_PID=$!
  local ready=""
  for _ in $(seq 1 300); do
    if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then ready=1; break; fi
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$ready" ]; then
    echo "code-server did not become healthy on port $PORT:" >&2
    cat "$RUN/code-server.log" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  mark "$1" "$t"
}

# --- drive it ------------------------------------------------------------------------------------------
# Phase 1: Cognito Guard alone (it colours Terraform itself). Phase 2: with a stand-in for HashiCorp's
# Terraform extension installed beside it (stub-terraform/), on a fresh copy of the workspace: the
# stand-in's grammar colours .tf and .tfvars, and the checks still run.
status=0
start_code_server "start code-server (healthz)"
t=$(now)
set +e
node "$HERE/drive.mjs" --url "http://127.0.0.1:$PORT" --folder "$RUN/ws" --shots "$RESULTS" | tee "$RUN/drive.log"
status=${PIPESTATUS[0]}
set -e
mark "drive the workbench" "$t"
stop_code_server

t=$(now)
cp -r "$HERE/stub-terraform" "$RUN/stub-terraform"
(cd "$RUN/stub-terraform" &&
  node "$ROOT/node_modules/@vscode/vsce/vsce" package --no-dependencies --allow-missing-repository --skip-license \
    -o "$RUN/stub-terraform.vsix" >"$RUN/stub-package.log" 2>&1) || { cat "$RUN/stub-package.log"; exit 1; }
"$CODE_SERVER" --user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions" \
  --install-extension "$RUN/stub-terraform.vsix" >>"$RUN/install-extension.log" 2>&1 ||
  { cat "$RUN/install-extension.log"; exit 1; }
rm -rf "$RUN/ws2" && cp -r "$HERE/workspace" "$RUN/ws2"
mark "package and install the stub" "$t"
start_code_server "restart code-server (healthz)"
t=$(now)
set +e
node "$HERE/drive.mjs" --url "http://127.0.0.1:$PORT" --folder "$RUN/ws2" --shots "$RESULTS" \
  --phase terraform-extension | tee "$RUN/drive2.log"
status2=${PIPESTATUS[0]}
set -e
mark "drive with the stub installed" "$t"
stop_code_server
[ "$status" = 0 ] && status=$status2
mark "whole run" "$T_START"

echo
echo "Timings:"
printf '  %s\n' "${TIMINGS[@]}"
echo "Screenshots: ${RESULTS#"$ROOT"/}/"
# one summary over both phases
tally() { grep -E '^[0-9]+ passed, [0-9]+ failed$' "$1" 2>/dev/null | tail -n 1 || true; }
p=0 f=0
for log in "$RUN/drive.log" "$RUN/drive2.log"; do
  line="$(tally "$log")"
  if [ -z "$line" ]; then f=$((f + 1)); continue; fi
  read -r np _ nf _ <<<"${line//,/}"
  p=$((p + np)) f=$((f + nf))
done
[ "$status" = 0 ] || [ "$f" -gt 0 ] || f=1
echo "$p passed, $f failed"
exit "$([ "$status" = 0 ] && echo 0 || echo 1)"
