#!/usr/bin/env bash
# Fetches Debian's statically linked busybox for test images without Debian packages:
#   OUT/busybox  (from the busybox-static package, apt-get download and dpkg -x; no root needed)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-busybox.sh OUT_DIR MARKER
set -euo pipefail

OUT="${1:?usage: build-busybox.sh OUT_DIR MARKER}"; MARKER="${2:?usage: build-busybox.sh OUT_DIR MARKER}"
step() { printf '[busybox %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
for tool in apt-get dpkg; do
  command -v "$tool" >/dev/null 2>&1 || { echo "openim-deploy: $tool is needed to fetch Debian's busybox-static for test images; run on Debian or Ubuntu." >&2; exit 3; }
done
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -f "$OUT/VERSIONS" "$OUT/busybox"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
chmod 777 "$WORK"  # apt-get download drops to user _apt when run as root
if ! apt-get -q download busybox-static; then
  echo "openim-deploy: apt-get download busybox-static failed; run apt-get update (as root) and run again." >&2
  exit 4
fi
dpkg -x busybox-static_*.deb x
install -m 755 x/bin/busybox "$OUT/busybox"
step "$(dpkg-deb -f busybox-static_*.deb Package Version | tr '\n' ' ')-> $OUT/busybox"
echo "$MARKER" > "$OUT/VERSIONS"
step "done"
