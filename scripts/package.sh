#!/usr/bin/env bash
# Builds the installable Debian package of jianpai in release: the desktop app (减排清单) and
# the `jianpai` command-line program in one .deb, with the desktop entry, icons and declared
# dependencies, so that `apt install ./jianpai_*.deb` pulls what it needs.
# The package lands in $CARGO_TARGET_DIR/release/bundle/deb/ (default target/…) and its path
# is printed last. The Windows installer is built on Windows: see docs/release.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

bash scripts/install-deps.sh

if [ "${JIANPAI_UI_BUILT:-}" != 1 ]; then
  echo "== 前端构建 (npm ci, vite build)"
  (cd ui && npm ci --no-audit --no-fund && npm run build)
fi

echo "== 发布构建：桌面程序与命令行"
# One cargo run for both: built apart, the CLI compiled the core a second time (the app's
# dependencies switch on other features of crates the core shares), two minutes more on CI.
cargo build --release --locked -p jianpai-app -p jianpai --features jianpai-app/custom-protocol \
  --bin jianpai-app --bin jianpai

echo "== 打包 .deb (tauri bundle)"
# The CLI goes in beside the app (its path depends on the target folder, so it is given here),
# and the sample lists go to /usr/share/jianpai/sample-lists for the first-run offer.
files=$(python3 - "$TARGET/release/jianpai" "$ROOT"/sample-lists/*.xlsx <<'PY'
import json, os, sys
files = {"/usr/bin/jianpai": sys.argv[1]}
for sample in sys.argv[2:]:
    files["/usr/share/jianpai/sample-lists/" + os.path.basename(sample)] = sample
print(json.dumps({"bundle": {"linux": {"deb": {"files": files}}}}, ensure_ascii=False))
PY
)
rm -rf "$TARGET/release/bundle/deb"
(cd src-tauri && "$ROOT/ui/node_modules/.bin/tauri" bundle --bundles deb --features custom-protocol --config "$files")
ls "$TARGET"/release/bundle/deb/*.deb
