#!/usr/bin/env bash
# Installs the built .deb into this machine the way a county office would
# (`apt-get install ./jianpai_*.deb`), checks what it put where (the app, the `jianpai`
# command, the Chinese desktop entry and its icons), starts the *installed* app under Xvfb on a
# store holding a sample list, takes a screenshot of its window, runs the installed CLI's
# `check`, and removes the package again — whatever happens, the package is removed on exit.
# Needs root (CI runs as root) and a package built by scripts/package.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
ARTIFACTS="$ROOT/artifacts/package"
mkdir -p "$ARTIFACTS"

deb=$(ls "$TARGET"/release/bundle/deb/*.deb | head -n1)
[ -f "$deb" ] || { echo "没有找到 .deb：先运行 scripts/package.sh" >&2; exit 1; }
echo "== 安装 $deb"

work=$(mktemp -d)
app_pid=""
xvfb_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq jianpai >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

fail() { echo "安装包测试失败：$*" >&2; exit 1; }

DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >"$ARTIFACTS/apt-install.log" 2>&1 \
  || { cat "$ARTIFACTS/apt-install.log" >&2; fail "apt-get install 失败"; }

echo "== 安装内容"
[ -x /usr/bin/jianpai ] || fail "/usr/bin/jianpai 不存在"
[ -x /usr/bin/jianpai-app ] || fail "/usr/bin/jianpai-app 不存在"
desktop=$(dpkg -L jianpai | grep '\.desktop$' | head -n1)
[ -n "$desktop" ] || fail "没有桌面入口"
grep -qx 'Name=减排清单' "$desktop" || fail "桌面入口名称不是 减排清单：$(cat "$desktop")"
grep -q '^Exec=jianpai-app' "$desktop" || fail "桌面入口的 Exec 不对：$(cat "$desktop")"
for size in 32x32 128x128 256x256@2 512x512; do
  dpkg -L jianpai | grep -q "/icons/hicolor/${size}/apps/" || fail "缺少 ${size} 图标"
done
depends=$(dpkg-query -W -f='${Depends}' jianpai)
for d in libwebkit2gtk-4.1-0 libgtk-3-0; do
  echo "$depends" | grep -q "$d" || fail "依赖未声明 $d（Depends: $depends）"
done
version=$(/usr/bin/jianpai --version)
[ "$version" = "jianpai $(dpkg-query -W -f='${Version}' jianpai)" ] || fail "版本不一致：$version"
echo "$version；$(basename "$desktop")；Depends: $depends"

echo "== 已安装的命令行：导入示例清单并测算"
db="$work/list.sqlite"
/usr/bin/jianpai --db "$db" import "sample-lists/洹水县-2026-模板甲.xlsx" >/dev/null
set +e
/usr/bin/jianpai --db "$db" check --json >"$work/check.json"
code=$?
set -e
# The sample passes yellow and orange and misses red on purpose: exit 3, and JSON that says so.
[ "$code" -eq 3 ] || fail "check 退出码 $code（应为 3）"
python3 - "$work/check.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
levels = {l["level"]: l["pass"]["level"] for l in r["levels"]}
assert levels == {"yellow": True, "orange": True, "red": False}, levels
assert r["counts"]["enterprises"] > 0, r["counts"]
print("check:", levels, r["counts"])
PY

echo "== 已安装的桌面程序（Xvfb）"
display_file=$(mktemp -p "$work")
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$display_file" 2>"$ARTIFACTS/xvfb.log" &
xvfb_pid=$!
for _ in $(seq 1 100); do [ -s "$display_file" ] && break; sleep 0.1; done
[ -s "$display_file" ] || fail "Xvfb 未能启动"
export DISPLAY=":$(head -n1 "$display_file")"
export DBUS_SESSION_BUS_ADDRESS="disabled:"
HOME="$work/home" XDG_DATA_HOME="$work/data" /usr/bin/jianpai-app --db "$db" >"$ARTIFACTS/app.log" 2>&1 &
app_pid=$!
# The window is up when X knows a window with the app's title.
for _ in $(seq 1 150); do
  xwininfo -root -tree 2>/dev/null | grep -q 'jianpai' && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$ARTIFACTS/app.log" >&2; fail "程序启动后退出"; }
  sleep 0.2
done
xwininfo -root -tree | grep -q 'jianpai' || fail "30 秒内没有出现程序窗口"
# Then wait for the page to draw the 总览 (the list is already in the store). A window that is
# mapped but not yet painted screenshots as one colour; on a fresh machine the first start of
# the webview (font cache, web process) takes longer than on a warm one, so poll instead of
# sleeping a fixed time. A blank (single-colour) screenshot after 60 s means nothing was drawn.
shot="$ARTIFACTS/installed-app.png"
# The spread of the grey levels (0…1) of an X screenshot taken as a plain PPM, computed here
# rather than by an image tool whose options differ between ImageMagick and its stand-ins.
spread_of_screen() {
  import -window root -depth 8 "ppm:$work/screen.ppm"
  python3 - "$work/screen.ppm" <<'PY'
import statistics, sys
data = open(sys.argv[1], "rb").read()
fields, at = [], 0
while len(fields) < 4:  # magic, width, height, maxval; '#' comments are not written by import
    while data[at:at + 1].isspace():
        at += 1
    end = at
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[at:end])
    at = end
at += 1
assert fields[0] == b"P6" and fields[3] == b"255", fields
pixels = data[at:]
grey = [(pixels[i] * 299 + pixels[i + 1] * 587 + pixels[i + 2] * 114) / 255000 for i in range(0, len(pixels) - 2, 3 * 7)]
print(f"{statistics.pstdev(grey):.4f}")
PY
}
spread=0
waited=0
for waited in $(seq 1 60); do
  sleep 1
  kill -0 "$app_pid" 2>/dev/null || { cat "$ARTIFACTS/app.log" >&2; fail "程序启动后退出"; }
  spread=$(spread_of_screen)
  python3 -c "import sys; sys.exit(0 if float('$spread') > 0.02 else 1)" && break
done
import -window root "$shot"
python3 -c "import sys; sys.exit(0 if float('$spread') > 0.02 else 1)" \
  || { tail -n 40 "$ARTIFACTS/app.log" >&2; fail "60 秒后截图仍是空白的（灰度离散度 $spread，截图 $shot）"; }
echo "截图：$shot（窗口出现后 ${waited} 秒画出，灰度离散度 $spread）"

echo "== 卸载"
kill "$app_pid" 2>/dev/null || true
wait "$app_pid" 2>/dev/null || true
app_pid=""
DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq jianpai >/dev/null
[ ! -e /usr/bin/jianpai ] && [ ! -e /usr/bin/jianpai-app ] || fail "卸载后仍有文件"
echo "安装包测试通过"
