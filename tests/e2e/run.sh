#!/usr/bin/env bash
# End-to-end tests of the desktop app: builds the UI and the app (or, with
# JIANPAI_E2E_RELEASE=1, takes the release build of scripts/package.sh), starts Xvfb and
# tauri-driver (WebKitWebDriver underneath), runs tests/e2e/tests/app.rs against the real
# window, and leaves a screenshot of each screen in artifacts/e2e/. Both servers are killed
# on exit, whatever happens.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
ARTIFACTS="$ROOT/artifacts/e2e"
mkdir -p "$ARTIFACTS"

# The core is optimised even in a debug build: an edit recomputes the whole list's
# reductions (~0.5 s unoptimised at 60,000 sources, well under 0.1 s optimised).
OPT=(--config 'profile.dev.package.jianpai.opt-level=3')
if [ "${JIANPAI_E2E_RELEASE:-}" = 1 ]; then
  # The app under test is the release build; the tests' own use of the core needs no speed.
  OPT=()
  # CI drives the release build that scripts/package.sh made and packaged: the app is
  # compiled once for the package test and these tests.
  BUILD=release
  [ -x "$CARGO_TARGET_DIR/release/jianpai-app" ] || { echo "先运行 scripts/package.sh" >&2; exit 1; }
else
  BUILD=debug
  echo "== 前端构建 (npm ci, vite build)"
  (cd ui && npm ci --no-audit --no-fund && npm run build)
  echo "== 桌面程序与命令行构建"
  cargo build "${OPT[@]}" -p jianpai-app --features custom-protocol --locked
  cargo build "${OPT[@]}" -p jianpai --bin jianpai --locked
fi
cargo build "${OPT[@]}" -p jianpai-e2e --tests --locked

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "== 安装 tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi

xvfb_pid=""
driver_pid=""
cleanup() {
  [ -n "$driver_pid" ] && kill "$driver_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -f "${display_file:-}"
}
trap cleanup EXIT

# Xvfb picks a free display and writes its number to fd 3.
display_file=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" 2>"$ARTIFACTS/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$display_file" ] && break; sleep 0.1; done
[ -s "$display_file" ] || { echo "Xvfb 未能启动" >&2; exit 1; }
export DISPLAY=":$(head -n1 "$display_file")"

# No session bus: the single-instance plugin then launches every test's app normally.
export DBUS_SESSION_BUS_ADDRESS="disabled:"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
native_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
tauri-driver --port "$port" --native-port "$native_port" >"$ARTIFACTS/tauri-driver.log" 2>&1 &
driver_pid=$!
for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/status" 2>/dev/null | grep -q '"ready": *true'; then break; fi
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/status" >/dev/null || { echo "tauri-driver 未就绪" >&2; cat "$ARTIFACTS/tauri-driver.log" >&2; exit 1; }

export TAURI_DRIVER_URL="http://127.0.0.1:$port"
export JIANPAI_APP="$CARGO_TARGET_DIR/$BUILD/jianpai-app"
export JIANPAI_CLI="$CARGO_TARGET_DIR/$BUILD/jianpai"
export E2E_ARTIFACTS="$ARTIFACTS"

echo "== 端到端测试"
# One app at a time (one WebKitWebDriver session); a crashed app must not hang CI.
# --show-output prints the harness's "慢步骤" lines of passing tests too.
timeout 900 cargo test "${OPT[@]}" -p jianpai-e2e --locked -- --test-threads=1 --show-output "$@"
echo "截图保存在 $ARTIFACTS"
