#!/usr/bin/env bash
# Runs every test of jianpai: formatting and lints, the core's unit, integration and CLI tests
# (with LibreOffice as the second reader of our files), the staleness check of the UI's
# generated bindings, the front end's unit tests, and the end-to-end tests in the real app.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each stage's header says how long the run has taken so far, so a slow CI log shows where.
started=$SECONDS
stage() { echo "== $*（已用 $(((SECONDS - started) / 60)) 分 $(((SECONDS - started) % 60)) 秒）"; }

bash scripts/install-deps.sh

# Tests that convert our .xlsx/.docx with LibreOffice fail instead of skipping here.
export JIANPAI_REQUIRE_SOFFICE=1

stage "格式与静态检查 (cargo fmt, clippy)"
cargo fmt --all --check
cargo clippy --locked --all-targets -- -D warnings

stage "核心、命令行与文档测试 (cargo test)"
# The importer's fuzz test (tests/fuzz) mutates the sample workbooks for this long in CI;
# local `cargo test` runs give it 20 s. Its past crashers are replayed on every run.
export JIANPAI_FUZZ_SECS=150
cargo test --locked

stage "前端单元测试与构建 (vitest, vue-tsc, vite)"
# The shell embeds ui/dist at compile time (tauri::generate_context!), so the UI is built first.
(cd ui && npm ci --no-audit --no-fund && npm test && npm run build)

stage "桌面程序外壳与端到端测试的静态检查 (clippy: src-tauri, tests/e2e)"
cargo clippy --locked -p jianpai-app --all-targets -- -D warnings
cargo clippy --locked -p jianpai-e2e --all-targets -- -D warnings

stage "安装包 (.deb)：发布构建"
JIANPAI_UI_BUILT=1 bash scripts/package.sh

stage "桌面程序外壳测试 (src-tauri)，用发布构建已编译的依赖"
# In release with the package's features, the shell's tests reuse the Tauri stack the package
# build just compiled instead of compiling it a second time in debug (five minutes on CI).
cargo test --release --locked -p jianpai-app --features custom-protocol

stage "界面类型绑定是否过期 (ts-rs)"
# Both exports already ran: the core's in `cargo test`, the shell's just above.
bash ui/scripts/check-bindings.sh --exported

stage "安装包 (.deb)：安装、启动已安装的程序、卸载"
bash tests/package/run.sh

stage "端到端测试 (tauri-driver + WebKitWebDriver, Xvfb)，驱动同一个发布构建"
JIANPAI_E2E_RELEASE=1 tests/e2e/run.sh
stage "全部测试通过"
