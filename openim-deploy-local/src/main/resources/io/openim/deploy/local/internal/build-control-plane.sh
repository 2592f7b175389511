#!/usr/bin/env bash
# Builds the local cluster's binaries from the Go module proxy into one folder. Two modes:
#
#   build-control-plane.sh OUT_DIR [K8S_VERSION] [ETCD_VERSION] [KWOK_VERSION] [HELM_VERSION]
#     kube-apiserver, kube-controller-manager, kube-scheduler, kubectl  (k8s.io/kubernetes via a wrapper module)
#     etcd                                                              (go.etcd.io/etcd/server/v3 via a wrapper module)
#     kwok, kwok-stages.yaml                                            (sigs.k8s.io/kwok, go install)
#     helm                                                              (helm.sh/helm/v3, go install; for chart tests)
#
#   build-control-plane.sh OUT_DIR --node [K8S_VERSION] [COREDNS_VERSION]
#     kubelet, kube-proxy                                               (k8s.io/kubernetes, the same wrapper module)
#     coredns                                                           (github.com/coredns/coredns, go install)
#     pause                                                             (k8s.io/kubernetes build/pause/linux/pause.c, cc -static)
#
# and writes VERSIONS last, so a folder without it is an unfinished build.
# Nothing built here belongs in the repository.
set -euo pipefail

OUT="${1:?usage: build-control-plane.sh OUT_DIR [--node] [versions...]}"
MODE=control-plane
if [ "${2:-}" = "--node" ]; then MODE=node; shift; fi
K8S_VERSION="${2:-v1.36.3}"
if [ "$MODE" = node ]; then
  COREDNS_VERSION="${3:-v1.14.2}"
else
  ETCD_VERSION="${3:-v3.6.14}"
  KWOK_VERSION="${4:-v0.8.0}"
  HELM_VERSION="${5:-v3.21.4}"
fi

if ! command -v go >/dev/null 2>&1; then
  echo "openim-deploy: Go 1.26 or newer is needed to build the local control plane; install it (https://go.dev/doc/install or your package manager) and run again." >&2
  exit 3
fi

step() { printf '[%s build %s] %s\n' "$MODE" "$(date -u +%H:%M:%S)" "$*"; }

export CGO_ENABLED=0 GOFLAGS=-mod=mod GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
STAGING_VERSION="v0.${K8S_VERSION#v1.}"
MINOR="${K8S_VERSION#v1.}"; MINOR="${MINOR%%.*}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
rm -f "$OUT/VERSIONS"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT


k8s_module() {
  # --- Kubernetes: a wrapper module replacing every staging module with its published v0.X.Y tag
  mkdir -p "$WORK/k8s"; cd "$WORK/k8s"
  go mod init local/k8s-bins >/dev/null 2>&1
  step "resolving k8s.io/kubernetes@$K8S_VERSION"
  KMOD="$(go mod download -json "k8s.io/kubernetes@${K8S_VERSION}" | sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",\{0,1\}$/\1/p')"
  [ -f "$KMOD" ] || { echo "openim-deploy: could not download the go.mod of k8s.io/kubernetes@$K8S_VERSION" >&2; exit 4; }
  count=0
  for m in $(sed -n 's|^[[:space:]]*\(k8s\.io/[^ ]*\) => \./staging/src/.*|\1|p' "$KMOD"); do
    go mod edit -replace="${m}=${m}@${STAGING_VERSION}"
    count=$((count + 1))
  done
  GD="$(sed -n 's/^godebug[[:space:]]\+\(.*\)$/\1/p' "$KMOD" | head -1)"
  if [ -n "$GD" ]; then go mod edit -godebug="$GD"; fi
  step "replaced $count staging modules with $STAGING_VERSION; fetching dependencies (slow on a cold module cache)"
  go get "k8s.io/kubernetes@${K8S_VERSION}"

  LDF="-s -w"
  NOW="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    LDF+=" -X $p.gitVersion=${K8S_VERSION} -X $p.gitMajor=1 -X $p.gitMinor=${MINOR}"
    LDF+=" -X $p.gitTreeState=clean -X $p.gitCommit=0000000000000000000000000000000000000000 -X $p.buildDate=${NOW}"
  done
}

if [ "$MODE" = node ]; then
  step "Go $(go env GOVERSION); Kubernetes $K8S_VERSION node binaries, CoreDNS $COREDNS_VERSION -> $OUT"
  if ! command -v cc >/dev/null 2>&1; then
    echo "openim-deploy: a C compiler with a static libc is needed to build the pod sandbox (pause); install gcc and libc6-dev and run again." >&2
    exit 3
  fi
  k8s_module
  for cmd in kubelet kube-proxy; do
    step "building $cmd"
    go build -trimpath -tags=selinux,notest -ldflags="$LDF" -o "$OUT/$cmd" "k8s.io/kubernetes/cmd/$cmd"
  done
  "$OUT/kubelet" --version
  # pause: the sandbox process of every pod, from the same release's source (what registry.k8s.io/pause is built from)
  step "building pause"
  PAUSE_SRC="$(go env GOMODCACHE)/k8s.io/kubernetes@${K8S_VERSION}/build/pause/linux/pause.c"
  PAUSE_TAG="$(sed -n 's/^TAG ?= //p' "$(go env GOMODCACHE)/k8s.io/kubernetes@${K8S_VERSION}/build/pause/Makefile")"
  cc -Os -Wall -Werror -static -DVERSION="v${PAUSE_TAG}-openim-deploy" -o "$OUT/pause" "$PAUSE_SRC"
  strip "$OUT/pause" 2>/dev/null || true
  echo "$PAUSE_TAG" > "$OUT/pause.version"
  # coredns: go install works (its go.mod has no replace lines)
  step "building coredns $COREDNS_VERSION"
  cd "$WORK"
  GOBIN="$OUT" GOFLAGS= go install "github.com/coredns/coredns@${COREDNS_VERSION}"
  "$OUT/coredns" -version > "$WORK/coredns.version"; head -1 "$WORK/coredns.version"  # no pipe: head closing it early fails the build under pipefail
  NODE_RECIPE=1
  echo "${K8S_VERSION} coredns-${COREDNS_VERSION} recipe-${NODE_RECIPE}" > "$OUT/VERSIONS"
  step "done"
  exit 0
fi

step "Go $(go env GOVERSION); Kubernetes $K8S_VERSION, etcd $ETCD_VERSION, kwok $KWOK_VERSION -> $OUT"
k8s_module
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  step "building $cmd"
  go build -trimpath -tags=selinux,notest -ldflags="$LDF" -o "$OUT/$cmd" "k8s.io/kubernetes/cmd/$cmd"
done
"$OUT/kube-apiserver" --version

# --- etcd: its go.mod has replace lines, so it too goes through a wrapper module (no replaces needed there)
mkdir -p "$WORK/etcd"; cd "$WORK/etcd"
go mod init local/etcd-bin >/dev/null 2>&1
step "building etcd $ETCD_VERSION"
go get "go.etcd.io/etcd/server/v3@${ETCD_VERSION}"
go build -trimpath -ldflags='-s -w' -o "$OUT/etcd" go.etcd.io/etcd/server/v3
"$OUT/etcd" --version > "$WORK/etcd.version"; head -1 "$WORK/etcd.version"  # no pipe: head closing it early fails the build under pipefail

# --- kwok: no replace lines, so go install works as documented
step "building kwok $KWOK_VERSION"
cd "$WORK"
GOBIN="$OUT" GOFLAGS= go install "sigs.k8s.io/kwok/cmd/kwok@${KWOK_VERSION}"
S="$(go env GOMODCACHE)/sigs.k8s.io/kwok@${KWOK_VERSION}/kustomize/stage"
# The stages kwokctl would inject (nodes Ready, pods Ready, Job pods Succeeded, deleted pods gone),
# the volume stages that provision and bind PVCs of the StorageClass "kwok-volume", and the chaos
# stage that fails the containers of pods labelled pod-container-running-failed.stage.kwok.x-k8s.io=true
# (for tests of rollouts that never finish).
{
  for f in node/fast/node-initialize.yaml node/heartbeat-with-lease/node-heartbeat-with-lease.yaml \
           pod/fast/pod-ready.yaml pod/fast/pod-complete.yaml pod/fast/pod-delete.yaml \
           volume/fast/pvc-provision.yaml volume/fast/pv-bind.yaml volume/fast/pvc-delete.yaml volume/fast/pv-delete.yaml \
           pod/chaos/pod-container-running-failed.yaml; do
    printf -- '---\n'; cat "$S/$f"; printf '\n'
  done
} > "$OUT/kwok-stages.yaml"

# --- helm: the command-line tool, for tests that check charts and releases with Helm itself
step "building helm $HELM_VERSION"
GOBIN="$OUT" GOFLAGS= go install "helm.sh/helm/v3/cmd/helm@${HELM_VERSION}"
"$OUT/helm" version --short

# RECIPE names this script's revision: a cache made by an older recipe is rebuilt.
RECIPE=3
echo "${K8S_VERSION} ${ETCD_VERSION} ${KWOK_VERSION} recipe-${RECIPE}" > "$OUT/VERSIONS"
step "done"
