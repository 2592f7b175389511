#!/usr/bin/env bash
# Builds one test image's root filesystem from the shared Debian base:
#   OUT/rootfs  (a copy of BASE_ROOTFS; ACCOUNTS created, then PACKAGES installed with apt-get in a
#                chroot, services kept from starting, apt's lists and caches removed)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-debian-rootfs.sh OUT_DIR MARKER BASE_ROOTFS ACCOUNTS [PACKAGE...]
#   ACCOUNTS: name:uid:gid[,name:uid:gid...] or "-" for none; each gets a group and a system user
# Needs root (chroot, and a /proc mount inside it while packages are installed).
set -euo pipefail

USAGE="usage: build-debian-rootfs.sh OUT_DIR MARKER BASE_ROOTFS ACCOUNTS [PACKAGE...]"
OUT="${1:?$USAGE}"; MARKER="${2:?$USAGE}"; BASE="${3:?$USAGE}"; ACCOUNTS="${4:?$USAGE}"
shift 4

step() { printf '[debian rootfs %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

if [ "$(id -u)" != 0 ]; then
  echo "openim-deploy: installing Debian packages into a test image needs root (chroot); run the tests as root." >&2
  exit 3
fi
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
R="$OUT/rootfs"
rm -rf "$OUT/VERSIONS" "$R"
step "copying $BASE"
cp -a "$BASE" "$R"

# No service starts inside the chroot; name resolution as on this machine.
printf '#!/bin/sh\nexit 101\n' > "$R/usr/sbin/policy-rc.d"
chmod 755 "$R/usr/sbin/policy-rc.d"
cp -L /etc/resolv.conf "$R/etc/resolv.conf"
# Some maintainer scripts run programs that need /proc (java does); unmounted on every exit.
mount -t proc proc "$R/proc"
cleanup() {
  umount "$R/proc" 2>/dev/null || umount -l "$R/proc" || true
  rm -f "$R/usr/sbin/policy-rc.d" "$R/etc/resolv.conf"
}
trap cleanup EXIT

if [ "$ACCOUNTS" != "-" ]; then
  IFS=',' read -r -a list <<< "$ACCOUNTS"
  for a in "${list[@]}"; do
    IFS=':' read -r name uid gid <<< "$a"
    step "account $name ($uid:$gid)"
    chroot "$R" groupadd --system --gid "$gid" "$name"
    chroot "$R" useradd --system --uid "$uid" --gid "$gid" --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$name"
  done
fi

if [ "$#" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  step "apt-get update"
  chroot "$R" apt-get -q update
  step "apt-get install $*"
  chroot "$R" apt-get -q -y install --no-install-recommends "$@"
  chroot "$R" apt-get clean
  chroot "$R" dpkg-query -W "$@" | sed 's/^/installed: /'
fi
rm -rf "$R/var/lib/apt/lists/"* "$R/var/cache/apt/"*.bin "$R/var/log/"*.log "$R/var/log/apt/"*
step "$(du -sxh "$R" | cut -f1) in $R"
echo "$MARKER" > "$OUT/VERSIONS"
step "done"
