#!/usr/bin/env bash
# Builds and starts the jianpai desktop app: installs the missing system packages (Debian),
# builds the UI (Vite) and the app (cargo, production protocol), and opens a sample list on
# first run (when the data file is still empty). Extra arguments go to the app, e.g.
#   scripts/run-app.sh sample-lists/某县.xlsx      open that list on first run
#   scripts/run-app.sh --db /tmp/test.sqlite       use another data file
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
for p in libwebkit2gtk-4.1-dev build-essential pkg-config libxdo-dev libssl-dev \
         libayatana-appindicator3-dev librsvg2-dev fonts-noto-cjk; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "安装系统软件包: ${need[*]}"
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

(cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build)
# The core optimised even in this debug build: every edit recomputes the whole list.
cargo build --config 'profile.dev.package.jianpai.opt-level=3' -p jianpai-app --features custom-protocol --locked

args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  sample=$(ls sample-lists/*.xlsx 2>/dev/null | head -n1 || true)
  [ -n "$sample" ] && args=("$sample")
fi
exec "${CARGO_TARGET_DIR:-target}/debug/jianpai-app" "${args[@]}"
