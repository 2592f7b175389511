# Writes or verifies the MANIFEST of an openim-deploy backup folder: one line per file with its
# SHA-256, its size in bytes and its path, after a few "# key: value" header lines. POSIX sh with
# coreutils and findutils, so it runs in the MongoDB image inside the backup Job and on any Linux host.
#
#   write  DIR ID RELEASE OPENIM-VERSION   record every file under DIR
#   verify DIR [FINAL]                     check DIR against its MANIFEST; exit 1 on any problem;
#                                          when it passes, rename DIR to FINAL (which must not exist)
set -eu
mode=$1
case $2 in /*) dir=$2 ;; *) dir=$PWD/$2 ;; esac
cd "$dir"
report() {
  echo "$1"
  if [ -e /dev/termination-log ]; then echo "$1" > /dev/termination-log || true; fi
}
checksum() {
  sum=$(sha256sum < "$1")
  echo "${sum%% *}"
}
case $mode in
write)
  {
    echo "# openim-deploy backup manifest: 1"
    echo "# id: $3"
    echo "# release: $4"
    echo "# openim: $5"
    echo "# created: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    find . -type f ! -path ./MANIFEST ! -path ./MANIFEST.partial | LC_ALL=C sort | while IFS= read -r file; do
      size=$(wc -c < "$file")
      printf '%s  %s  %s\n' "$(checksum "$file")" "$((size))" "${file#./}"
    done
  } > MANIFEST.partial
  mv MANIFEST.partial MANIFEST
  ;;
verify)
  if [ ! -f MANIFEST ]; then report "no MANIFEST in $dir: not a finished backup"; exit 1; fi
  if [ $# -ge 3 ] && [ -e "$3" ]; then report "$3 exists already: a backup with this id was made before"; exit 1; fi
  problems=0 files=0 bytes=0 present=0 archive=0 number=0
  while IFS= read -r line; do
    number=$((number + 1))
    case $line in '#'* | '') continue ;; esac
    sum=${line%%  *}
    rest=${line#*  }
    size=${rest%%  *}
    file=${rest#*  }
    case $sum$size in *[!0-9a-f]* | '') bad=1 ;; *) bad=0 ;; esac
    case $size in '' | *[!0-9]*) bad=1 ;; esac
    if [ "$bad" = 1 ] || [ "${#sum}" != 64 ] || [ "$file" = "$rest" ]; then
      echo "line $number is not '<sha256>  <bytes>  <path>'"; problems=$((problems + 1)); continue
    fi
    files=$((files + 1))
    bytes=$((bytes + size))
    if [ "$file" = mongodb/openim_v3.archive.gz ]; then archive=1; fi
    if [ ! -f "$file" ]; then
      echo "missing: $file"; problems=$((problems + 1)); continue
    fi
    present=$((present + 1))
    have=$(wc -c < "$file")
    if [ "$((have))" != "$size" ]; then
      echo "size differs: $file has $((have)) bytes, the manifest says $size"; problems=$((problems + 1)); continue
    fi
    if [ "$(checksum "$file")" != "$sum" ]; then
      echo "checksum differs: $file"; problems=$((problems + 1))
    fi
  done < MANIFEST
  if [ "$archive" = 0 ]; then
    echo "the manifest lists no MongoDB archive (mongodb/openim_v3.archive.gz)"; problems=$((problems + 1))
  fi
  distinct=$(sed -n '/^[^#]/s/^[^ ]*  [^ ]*  //p' MANIFEST | LC_ALL=C sort -u | wc -l)
  if [ "$((distinct))" -lt "$files" ]; then
    echo "listed more than once: $((files - distinct)) line(s)"; problems=$((problems + 1))
  fi
  all=$(find . -type f ! -path ./MANIFEST ! -path ./MANIFEST.partial | wc -l)
  if [ "$((all))" -gt "$present" ]; then
    echo "not in the manifest: $((all - present)) file(s)"; problems=$((problems + 1))
  fi
  if [ "$problems" -gt 0 ]; then report "backup $dir failed verification: $problems problem(s)"; exit 1; fi
  manifest=$(checksum MANIFEST)
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
