#!/usr/bin/env bash
# Builds the OCI registry server that image-check tests push to and resolve from:
#   registry  (github.com/distribution/distribution/v3/cmd/registry, go install from the Go module proxy)
# and writes VERSIONS last, so a folder without it is an unfinished build.
#
# usage: build-registry.sh OUT_DIR [DISTRIBUTION_VERSION]
# Nothing built here belongs in the repository.
set -euo pipefail

OUT="${1:?usage: build-registry.sh OUT_DIR [DISTRIBUTION_VERSION]}"
VERSION="${2:-v3.1.2}"

if ! command -v go >/dev/null 2>&1; then
  echo "openim-deploy: Go 1.26 or newer is needed to build the test registry; install it (https://go.dev/doc/install or your package manager) and run again." >&2
  exit 3
fi

step() { printf '[registry build %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -f "$OUT/VERSIONS"
export CGO_ENABLED=0 GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
step "Go $(go env GOVERSION); distribution $VERSION -> $OUT"
# distribution's go.mod has no replace lines, so go install works as documented
GOBIN="$OUT" GOFLAGS= go install "github.com/distribution/distribution/v3/cmd/registry@${VERSION}"
"$OUT/registry" --version

# RECIPE names this script's revision: a cache made by an older recipe is rebuilt.
RECIPE=1
echo "distribution-${VERSION} recipe-${RECIPE}" > "$OUT/VERSIONS"
step "done"
