#!/usr/bin/env bash
# Checks the system libraries that Qt's xcb platform plugin (the RET Desk window on a
# Linux desktop) needs and that a bare Debian or Ubuntu machine lacks. As root it installs
# the missing ones with apt-get; otherwise it prints the one command to run and exits 1.
#   installer/linux/qt-system-libs.sh           check, install as root
#   installer/linux/qt-system-libs.sh --print   check only: list what is missing
#   installer/linux/qt-system-libs.sh --sonames print the sonames it checks (for the tests)
# Checked by shared-library name (ldconfig), so a library installed another way counts too.
# libxcb-cursor is loaded at run time (dlopen), so ldd on the plugin never shows it.
set -euo pipefail

# soname -> Debian/Ubuntu package
LIBS=(
  "libxcb-cursor.so.0 libxcb-cursor0"
  "libxcb-icccm.so.4 libxcb-icccm4"
  "libxcb-keysyms.so.1 libxcb-keysyms1"
  "libxcb-image.so.0 libxcb-image0"
  "libxcb-render-util.so.0 libxcb-render-util0"
  "libxcb-randr.so.0 libxcb-randr0"
  "libxcb-render.so.0 libxcb-render0"
  "libxcb-shape.so.0 libxcb-shape0"
  "libxcb-shm.so.0 libxcb-shm0"
  "libxcb-sync.so.1 libxcb-sync1"
  "libxcb-util.so.1 libxcb-util1"
  "libxcb-xfixes.so.0 libxcb-xfixes0"
  "libxcb-xinerama.so.0 libxcb-xinerama0"
  "libxcb-xkb.so.1 libxcb-xkb1"
  "libxcb.so.1 libxcb1"
  "libX11-xcb.so.1 libx11-xcb1"
  "libX11.so.6 libx11-6"
  "libxkbcommon-x11.so.0 libxkbcommon-x11-0"
  "libxkbcommon.so.0 libxkbcommon0"
  "libEGL.so.1 libegl1"
  "libGL.so.1 libgl1"
  "libfontconfig.so.1 libfontconfig1"
  "libdbus-1.so.3 libdbus-1-3"
  "libglib-2.0.so.0 libglib2.0-0"
)

if [[ ${1:-} == --sonames ]]; then
  for entry in "${LIBS[@]}"; do echo "${entry%% *}"; done
  exit 0
fi
[[ ${QT_QPA_PLATFORM:-} == offscreen ]] && exit 0  # no window, no xcb

cache=$(ldconfig -p 2>/dev/null || /sbin/ldconfig -p)
missing=()
for entry in "${LIBS[@]}"; do
  soname=${entry%% *}
  grep -qE "^[[:space:]]*${soname//./\\.}[[:space:]]" <<<"$cache" || missing+=("${entry##* }")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command="apt-get install -y ${missing[*]}"
if [[ ${1:-} != --print && $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "Systeembibliotheken voor het Qt-venster installeren: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq "${missing[@]}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null; }
  exit 0
fi
echo "Het RET Desk-venster mist systeembibliotheken van Qt (xcb). Installeer ze met:" >&2
echo "  sudo $command" >&2
exit 1
