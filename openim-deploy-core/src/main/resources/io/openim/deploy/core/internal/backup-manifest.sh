# Writes or verifies the MANIFEST of an openim-deploy backup folder: one line per file with its
# SHA-256, its size in bytes and its path, after a few "# key: value" header lines. POSIX sh with
# coreutils, so it runs in the MongoDB image inside the backup Job and on any Linux host.
#
#   write  DIR ID RELEASE OPENIM-VERSION   record every file under DIR
#   verify DIR [FINAL]                     check DIR against its MANIFEST; exit 1 on any problem;
#                                          when it passes, rename DIR to FINAL
set -eu
mode=$1
dir=$2
cd "$dir"
report() {
  echo "$1"
  if [ -e /dev/termination-log ]; then echo "$1" > /dev/termination-log || true; fi
}
case $mode in
write)
  {
    echo "# openim-deploy backup manifest: 1"
    echo "# id: $3"
    echo "# release: $4"
    echo "# openim: $5"
    echo "# created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    find . -type f ! -name MANIFEST ! -name MANIFEST.partial | LC_ALL=C sort | while IFS= read -r file; do
      sum=$(sha256sum < "$file" | cut -d' ' -f1)
      size=$(wc -c < "$file" | tr -d ' ')
      printf '%s  %s  %s\n' "$sum" "$size" "${file#./}"
    done
  } > MANIFEST.partial
  mv MANIFEST.partial MANIFEST
  ;;
verify)
  if [ ! -f MANIFEST ]; then report "no MANIFEST in $dir: not a finished backup"; exit 1; fi
  problems=0 files=0 bytes=0 present=0
  while IFS= read -r line; do
    case $line in '#'* | '') continue ;; esac
    sum=${line%%  *}
    rest=${line#*  }
    size=${rest%%  *}
    file=${rest#*  }
    files=$((files + 1))
    bytes=$((bytes + size))
    if [ ! -f "$file" ]; then
      echo "missing: $file"; problems=$((problems + 1)); continue
    fi
    present=$((present + 1))
    have=$(wc -c < "$file" | tr -d ' ')
    if [ "$have" != "$size" ]; then
      echo "size differs: $file has $have bytes, the manifest says $size"; problems=$((problems + 1)); continue
    fi
    if [ "$(sha256sum < "$file" | cut -d' ' -f1)" != "$sum" ]; then
      echo "checksum differs: $file"; problems=$((problems + 1))
    fi
  done < MANIFEST
  all=$(find . -type f ! -name MANIFEST | wc -l | tr -d ' ')
  if [ "$all" -gt "$present" ]; then
    echo "not in the manifest: $((all - present)) file(s)"; problems=$((problems + 1))
  fi
  if [ "$problems" -gt 0 ]; then report "backup $dir failed verification: $problems problem(s)"; exit 1; fi
  manifest=$(sha256sum < MANIFEST | cut -d' ' -f1)
  if [ $# -ge 3 ]; then
    cd /
    mv "$dir" "$3"
    dir=$3
  fi
  report "verified $dir: $files files, $bytes bytes, manifest sha256 $manifest"
  ;;
*)
  echo "usage: write DIR ID RELEASE VERSION | verify DIR [FINAL]"; exit 2
  ;;
esac
