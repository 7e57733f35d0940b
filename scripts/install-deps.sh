#!/usr/bin/env bash
# Installs what building, running and testing jianpai needs on Debian 12, idempotently:
# only missing apt packages are installed, only a missing tauri-driver is built.
set -euo pipefail

apt_packages=(
  # Tauri 2 / WebKitGTK build and the end-to-end webview (Tauri's Linux prerequisites)
  libwebkit2gtk-4.1-dev build-essential pkg-config file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev webkit2gtk-driver xvfb xauth x11-utils
  # Chinese text is invisible in the webview without a CJK font
  fonts-noto-cjk imagemagick
  # the second, independent reader of our .xlsx/.docx output, and PDF page counts
  libreoffice-calc libreoffice-writer poppler-utils curl
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "安装系统软件包: ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v tauri-driver >/dev/null 2>&1; then
  echo "安装 tauri-driver"
  cargo install tauri-driver --version '^2' --locked
fi
