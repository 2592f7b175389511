#!/usr/bin/env bash
# Builds one static Go program (CGO_ENABLED=0) from the Go module proxy:
#   OUT/bin/NAME  (go install PACKAGE@VERSION; through a wrapper module when the module's go.mod
#                  has replace lines, which go install refuses)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-go-binary.sh OUT_DIR MARKER PACKAGE VERSION NAME [-X importpath.name=value ...]
set -euo pipefail

USAGE="usage: build-go-binary.sh OUT_DIR MARKER PACKAGE VERSION NAME [-X importpath.name=value ...]"
OUT="${1:?$USAGE}"; MARKER="${2:?$USAGE}"; PKG="${3:?$USAGE}"; VERSION="${4:?$USAGE}"; NAME="${5:?$USAGE}"
shift 5

if ! command -v go >/dev/null 2>&1; then
  echo "openim-deploy: Go is needed to build $PKG for a test image; install it (https://go.dev/doc/install or the golang package) and run again." >&2
  exit 3
fi
step() { printf '[go build %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

mkdir -p "$OUT/bin"
OUT="$(cd "$OUT" && pwd)"
rm -f "$OUT/VERSIONS" "$OUT/bin/$NAME"
export CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
LDF="-s -w $*"
step "Go $(go env GOVERSION); $PKG@$VERSION -> $OUT/bin/$NAME"
cd "$WORK"
if GOBIN="$WORK/gobin" GOFLAGS= go install -trimpath -ldflags="$LDF" "$PKG@$VERSION" 2> "$WORK/install.err"; then
  mv "$WORK/gobin/$(basename "$PKG")" "$OUT/bin/$NAME"
elif grep -q 'replace directives' "$WORK/install.err"; then
  step "its go.mod has replace lines; building through a wrapper module"
  mkdir -p "$WORK/wrapper"; cd "$WORK/wrapper"
  go mod init local/wrapper >/dev/null 2>&1
  GOFLAGS=-mod=mod go get "$PKG@$VERSION"
  GOFLAGS=-mod=mod go build -trimpath -ldflags="$LDF" -o "$OUT/bin/$NAME" "$PKG"
else
  cat "$WORK/install.err" >&2
  exit 5
fi
go version -m "$OUT/bin/$NAME" | sed -n '2,3p'
echo "$MARKER" > "$OUT/VERSIONS"
step "done"
