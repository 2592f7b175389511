#!/usr/bin/env bash
# Builds the Debian root filesystem that test images with Debian packages start from:
#   OUT/rootfs  (debootstrap --variant=minbase SUITE, from the first Debian mirror in this
#                machine's apt sources, with those sources copied in)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-debian-base.sh OUT_DIR MARKER [SUITE]
# Needs root (debootstrap makes device nodes and files of other owners).
set -euo pipefail

OUT="${1:?usage: build-debian-base.sh OUT_DIR MARKER [SUITE]}"
MARKER="${2:?usage: build-debian-base.sh OUT_DIR MARKER [SUITE]}"
SUITE="${3:-bookworm}"

step() { printf '[debian base %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "openim-deploy: debootstrap is needed to build Debian-based test images; install it (apt-get install debootstrap) and run again." >&2
  exit 3
fi
if [ "$(id -u)" != 0 ]; then
  echo "openim-deploy: building a Debian root filesystem needs root (debootstrap and chroot); run the tests as root." >&2
  exit 3
fi

# The mirror: the first deb822 URIs line, else the first "deb" line of sources.list.
MIRROR="$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -1 || true)"
if [ -z "$MIRROR" ]; then
  MIRROR="$(awk '$1 == "deb" && $2 !~ /security/ { print ($2 ~ /^\[/ ? $3 : $2); exit }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true)"
fi
[ -n "$MIRROR" ] || { echo "openim-deploy: no Debian mirror in /etc/apt/sources.list(.d); add one and run again." >&2; exit 4; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -rf "$OUT/VERSIONS" "$OUT/rootfs"
step "debootstrap --variant=minbase $SUITE from $MIRROR -> $OUT/rootfs"
debootstrap --variant=minbase "$SUITE" "$OUT/rootfs" "$MIRROR"

# The image's apt sources: this machine's, so that packages come from the same mirrors.
rm -f "$OUT/rootfs/etc/apt/sources.list"
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
  [ -f "$f" ] && [ -s "$f" ] && cp "$f" "$OUT/rootfs$f"
done
rm -rf "$OUT/rootfs/var/cache/apt/archives/"*.deb "$OUT/rootfs/var/lib/apt/lists/"* "$OUT/rootfs/etc/resolv.conf"
step "$(du -sh "$OUT/rootfs" | cut -f1) in $OUT/rootfs"
echo "$MARKER" > "$OUT/VERSIONS"
step "done"
