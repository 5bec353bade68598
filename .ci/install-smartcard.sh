#!/usr/bin/env bash
# The smart-card test rig: pcscd with Debian's vpcd reader driver, and python3-virtualsmartcard
# for the card emulator of tests/card_reader; libpcsclite-dev and swig build pyscard.
# Idempotent: installs what is missing, (re)starts pcscd when it is down or runs without vpcd.
# Run it before `pip install` (pyscard compiles against libpcsclite) and before the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

PACKAGES=(pcscd vsmartcard-vpcd python3-virtualsmartcard libpcsclite-dev swig)
VPCD_DRIVER=libifdvpcd
VPCD_PORT_HEX=8C7B  # 35963, "Virtual PCD 00 00"
PID_FILE=/run/pcscd/pcscd.pid
SOCKET=/run/pcscd/pcscd.comm

# --- packages ----------------------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "== apt-get install ${missing[*]}"
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- pcscd: running, with the vpcd driver loaded ------------------------------------------------
pcscd_pid() {
  local pid
  [ -r "$PID_FILE" ] || return 1
  pid=$(tr -dc '0-9' < "$PID_FILE")
  [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = pcscd ] || return 1
  # a killed daemon may linger as a zombie where nothing reaps orphans (containers)
  [ "$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$pid/status" 2>/dev/null)" != Z ] || return 1
  echo "$pid"
}
vpcd_loaded() { grep -q "$VPCD_DRIVER" "/proc/$1/maps" 2>/dev/null; }
vpcd_listening() { grep -qE "^ *[0-9]+: [0-9A-F]+:$VPCD_PORT_HEX [0-9A-F]+:0000 0A " /proc/net/tcp; }

if [ -d /run/systemd/system ]; then
  # A desktop with systemd: pcscd is socket-activated; restart it so that it reads
  # /etc/reader.conf.d/vpcd (serial drivers are loaded only at start).
  if ! pid=$(pcscd_pid) || ! vpcd_loaded "$pid"; then
    echo "== systemctl restart pcscd"
    as_root systemctl restart pcscd.socket pcscd.service
  fi
else
  # CI and containers have no systemd: run pcscd ourselves, as a daemon without --auto-exit (which
  # would stop it after 60 idle seconds, between test modules).
  if pid=$(pcscd_pid) && ! vpcd_loaded "$pid"; then
    # pcscd loads the drivers of /etc/reader.conf.d only when it starts
    echo "== pcscd $pid runs without the vpcd driver: restarting it"
    as_root kill "$pid"
    for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  fi
  if ! pcscd_pid >/dev/null; then
    as_root rm -f "$SOCKET" "$PID_FILE"  # left by a pcscd that did not stop cleanly
    echo "== starting pcscd"
    as_root pcscd
  fi
fi

for _ in $(seq 1 100); do
  if pid=$(pcscd_pid) && vpcd_loaded "$pid" && [ -S "$SOCKET" ] && vpcd_listening; then break; fi
  sleep 0.1
done
if ! { pid=$(pcscd_pid) && vpcd_loaded "$pid" && [ -S "$SOCKET" ] && vpcd_listening; }; then
  echo "install-smartcard: pcscd is not up with the vpcd reader (TCP 35963)" >&2
  exit 1
fi

# --- the emulator's library imports under the system Python ------------------------------------
/usr/bin/python3 tests/card_reader/thai_card_emulator.py --check >/dev/null
echo "== smart-card rig ready: pcscd $pid with vpcd on TCP 35963"
