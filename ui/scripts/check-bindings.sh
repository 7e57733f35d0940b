#!/usr/bin/env bash
# Fails when ui/src/bindings/ is stale: regenerates the TypeScript types from the Rust types
# (ts-rs writes them when its export tests run, for the core and for the app's own DTOs) and
# checks that git sees no difference and no new file. With --exported it only compares.
set -euo pipefail
cd "$(dirname "$0")/../.."
# --exported: the caller has just run both crates' tests (scripts/test.sh), so only compare.
if [ "${1:-}" != --exported ]; then
  cargo test --locked -p jianpai --lib export_bindings -- --quiet
  cargo test --locked -p jianpai-app --lib export_bindings -- --quiet
fi
if [ -n "$(git status --porcelain -- ui/src/bindings)" ]; then
  git status --porcelain -- ui/src/bindings
  git --no-pager diff --stat -- ui/src/bindings
  echo "ui/src/bindings 与 Rust 类型不一致：请运行 ui/scripts/check-bindings.sh 并提交生成的文件" >&2
  exit 1
fi
echo "界面类型绑定是最新的"
