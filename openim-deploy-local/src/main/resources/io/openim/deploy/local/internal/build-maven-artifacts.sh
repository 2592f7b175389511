#!/usr/bin/env bash
# Fetches Maven artifacts and their runtime dependencies from Maven Central (through this
# machine's Maven and its local repository):
#   OUT/lib/*.jar  (maven-dependency-plugin copy-dependencies, runtime scope, of a generated pom)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-maven-artifacts.sh OUT_DIR MARKER GROUP:ARTIFACT:VERSION...
set -euo pipefail

USAGE="usage: build-maven-artifacts.sh OUT_DIR MARKER GROUP:ARTIFACT:VERSION..."
OUT="${1:?$USAGE}"; MARKER="${2:?$USAGE}"
shift 2
[ "$#" -gt 0 ] || { echo "$USAGE" >&2; exit 2; }
command -v mvn >/dev/null 2>&1 || { echo "openim-deploy: Maven (mvn) is needed to fetch Maven artifacts for a test image; install it (apt-get install maven) and run again." >&2; exit 3; }
step() { printf '[maven artifacts %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -rf "$OUT/VERSIONS" "$OUT/lib"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
{
  echo '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
  echo '<groupId>local</groupId><artifactId>image-artifacts</artifactId><version>1</version><packaging>pom</packaging><dependencies>'
  for c in "$@"; do
    IFS=':' read -r g a v <<< "$c"
    echo "<dependency><groupId>$g</groupId><artifactId>$a</artifactId><version>$v</version></dependency>"
  done
  echo '</dependencies></project>'
} > "$WORK/pom.xml"
step "$* -> $OUT/lib"
mvn -B -q -f "$WORK/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$OUT/lib"
step "$(ls "$OUT/lib" | wc -l) jars, $(du -sh "$OUT/lib" | cut -f1)"
echo "$MARKER" > "$OUT/VERSIONS"
step "done"
