#!/usr/bin/env bash
# Start (or stop) a ClamAV daemon of our own for tests and development: Debian's clamd with the small
# signature set in scripts/clamav/ (it cannot download signatures here), listening on a unix socket in
# $CLAMD_DIR. Prints the socket path; use it as CLAMD_SOCKET.
#   scripts/clamd.sh start    start clamd unless it already answers, wait until it does
#   scripts/clamd.sh stop     stop the clamd this script started
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
CLAMD_DIR="${CLAMD_DIR:-/tmp/cumulus-clamd}"
SOCKET="$CLAMD_DIR/clamd.sock"

ping_clamd() {
  python3 - "$SOCKET" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
try:
    s.connect(sys.argv[1]); s.sendall(b"zPING\0"); sys.exit(0 if s.recv(16).startswith(b"PONG") else 1)
except OSError:
    sys.exit(1)
PY
}

case "${1:-start}" in
  start)
    command -v clamd >/dev/null || { echo "clamd is not installed: apt-get install clamav-daemon" >&2; exit 1; }
    mkdir -p "$CLAMD_DIR"
    if ! ping_clamd; then
      cat > "$CLAMD_DIR/clamd.conf" <<CONF
LocalSocket $SOCKET
LocalSocketMode 660
PidFile $CLAMD_DIR/clamd.pid
DatabaseDirectory $ROOT/scripts/clamav
LogFile $CLAMD_DIR/clamd.log
Foreground false
StreamMaxLength 30M
MaxFileSize 30M
MaxScanSize 100M
Bytecode false
CONF
      clamd --config-file="$CLAMD_DIR/clamd.conf"
      for _ in $(seq 1 60); do ping_clamd && break; sleep 0.5; done
      ping_clamd || { echo "clamd did not start; see $CLAMD_DIR/clamd.log" >&2; exit 1; }
    fi
    echo "$SOCKET"
    ;;
  stop)
    [ -f "$CLAMD_DIR/clamd.pid" ] && kill "$(cat "$CLAMD_DIR/clamd.pid")" 2>/dev/null || true
    ;;
  *)
    echo "usage: $0 start|stop" >&2; exit 2
    ;;
esac
