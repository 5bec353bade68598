#!/usr/bin/env bash
# System packages the tablet app's tests need on a fresh Debian/Ubuntu machine (idempotent):
# a Thai TrueType font, and what Kivy's SDL2 wheel loads at run time to draw into an offscreen
# OpenGL window (Mesa's software renderer through EGL/GLX; libmtdev for Kivy's input probe).
# Xvfb is optional: SDL_VIDEODRIVER=offscreen needs no X server, Xvfb is there for debugging.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

packages=(
  fonts-thai-tlwg-ttf  # Loma, Garuda, Waree… (the app's default Thai font)
  libgl1 libglx-mesa0 libegl1 libegl-mesa0 libgl1-mesa-dri  # OpenGL through Mesa (llvmpipe)
  libx11-6 libmtdev1
  xvfb xauth
)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
fc-list 2>/dev/null | grep -qi "tlwg" || ls /usr/share/fonts/truetype/tlwg/Loma.ttf >/dev/null
echo "== tablet-app system packages present"
