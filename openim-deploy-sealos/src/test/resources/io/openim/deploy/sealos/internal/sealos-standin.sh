#!/bin/sh
# Copyright 2026 The openim-deploy Authors
# SPDX-License-Identifier: Apache-2.0
#
# A stand-in for the sealos v5.1.1 command-line tool, for tests only: it behaves as
# docs/sealos.md says sealos does, on the machine it runs on, with no host contacted.
#   - any error exits 1 with an "Error: ..." line, success exits 0;
#   - a confirmation prompt wants this machine's host name typed (`uname -n`) and exits 1 on
#     end-of-file or a wrong name;
#   - state in $SEALOS_RUNTIME_ROOT/<cluster>/Clusterfile (default ~/.sealos), the kubeconfig in
#     <cluster>/etc/admin.conf with the server https://apiserver.cluster.local:6443;
#   - apply -f FILE: the same file again prints "no nodes that need to be scaled"; prompts only for a
#     file with a creationTimestamp when no saved state exists; a first apply that fails still saves
#     the cluster, phase ClusterFailed, with admin.conf written;
#   - run IMAGE...: an installed image prompts unless -f/--force; needs phase ClusterSuccess;
#   - add: "host X already joined"; delete: prompts unless --force (no -f), master0 refused;
#   - reset: prompts unless --force, renames the Clusterfile to Clusterfile.<unix time>, so a second
#     reset fails with "clusterfile must exist".
# Next to this script: admin.conf (the kubeconfig to leave, written by the test), calls.log (one
# line per call: its arguments), answers.log (what each prompt read), and, written by a test, knobs
# (sourced: SLOW=1 makes a step wait for a long sleep, FAIL="message" makes a step fail with that
# message, ECHO_SSH=1 makes apply print the ssh lines of the Clusterfile, as a verbose tool might).
set -u
here=$(cd "$(dirname "$0")" && pwd)
SLOW=""
FAIL=""
ECHO_SSH=""
if [ -f "$here/knobs" ]; then . "$here/knobs"; fi
root=${SEALOS_RUNTIME_ROOT:-$HOME/.sealos}
printf '%s\n' "$*" >> "$here/calls.log"

fail() {
  echo "Error: $*"
  exit 1
}

# confirm WHAT: asks for this machine's host name; exits 1 on end-of-file or a wrong answer.
confirm() {
  printf '%s\n' "$1"
  printf 'To confirm, type the host name of this machine: '
  if ! IFS= read -r answer; then
    printf 'eof\n' >> "$here/answers.log"
    echo
    fail "no answer: standard input ended"
  fi
  printf 'read:%s\n' "$answer" >> "$here/answers.log"
  [ "$answer" = "$(uname -n)" ] || fail "'$answer' is not the host name of this machine"
}

slow() {
  echo $$ > "$here/sealos.pid"
  sleep 600 &
  echo $! > "$here/sleep.pid"
  echo "waiting for the hosts"
  wait
}

# joined IP: whether the saved Clusterfile lists IP (with or without a port) among spec.hosts[].ips.
joined() {
  awk -v ip="$1" '$1 == "-" && ($2 == ip || index($2, ip ":") == 1) { found = 1 } END { exit !found }' "$state"
}

# append_host IP ROLE: a new host group at the end of spec.hosts, so master0 stays first.
append_host() {
  group=$(printf '  - ips:\n    - %s\n    roles:\n    - %s\n    - amd64' "$(address "$1")" "$2")
  GROUP=$group awk '
    inside && /^(  )?[a-zA-Z]/ { print ENVIRON["GROUP"]; inside = 0 }
    { print }
    $0 == "  hosts:" { inside = 1 }
    END { if (inside) print ENVIRON["GROUP"] }' "$state" > "$state.new"
  mv "$state.new" "$state"
}

address() {
  case $1 in *:*) printf '%s' "$1" ;; *) printf '%s:22' "$1" ;; esac
}

# kubeconfig: the admin kubeconfig, from admin.conf next to this script (written by the test).
kubeconfig() {
  mkdir -p "$dir/etc"
  cp "$here/admin.conf" "$dir/etc/admin.conf"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
cluster=default
file=""
masters=""
nodes=""
force=no
images=""
while [ $# -gt 0 ]; do
  case $1 in
    -f)
      if [ "$cmd" = apply ]; then file=${2:-}; shift
      elif [ "$cmd" = run ]; then force=yes
      else fail "unknown shorthand flag: 'f' in -f"; fi ;;
    --force) force=yes ;;
    --masters) masters=$(printf '%s' "${2:-}" | tr ',' ' '); shift ;;
    --nodes) nodes=$(printf '%s' "${2:-}" | tr ',' ' '); shift ;;
    --cluster) cluster=${2:-}; shift ;;
    -*) fail "unknown flag: $1" ;;
    *) images="$images $1" ;;
  esac
  shift
done

if [ -n "$file" ] && [ -f "$file" ]; then
  cluster=$(awk '/^metadata:/ { m = 1; next } m && /^  name:/ { print $2; exit }' "$file")
  cluster=${cluster:-default}
fi
dir=$root/$cluster
state=$dir/Clusterfile

case $cmd in
  apply)
    [ -n "$file" ] || fail "required flag(s) \"file\" not set"
    [ -f "$file" ] || fail "open $file: no such file or directory"
    if [ -f "$state" ] && cmp -s "$file" "$dir/.applied"; then
      echo "no nodes that need to be scaled"
      exit 0
    fi
    if [ ! -f "$state" ] && grep -q 'creationTimestamp: [^n]' "$file"; then
      confirm "cluster $cluster has a creationTimestamp but no saved state"
    fi
    [ -z "$ECHO_SSH" ] || grep -E '^ +(user|passwd):' "$file"
    [ -z "$SLOW" ] || slow
    if [ -n "$FAIL" ]; then
      # as sealos v5.1.1 does when a first apply fails (applydrivers/apply_drivers_default.go): admin.conf
      # is already written (before kubeadm init), and the cluster is saved anyway, phase ClusterFailed
      if [ ! -f "$state" ]; then
        mkdir -p "$dir"
        kubeconfig
        { cat "$file"; printf 'status:\n  phase: ClusterFailed\n'; } > "$state"
      fi
      fail "$FAIL"
    fi
    mkdir -p "$dir"
    cp "$file" "$dir/.applied"
    { cat "$file"; printf 'status:\n  phase: ClusterSuccess\n'; } > "$state"
    kubeconfig
    echo "succeeded in creating a new cluster, enjoy it!"
    ;;
  run)
    [ -n "$images" ] || fail "requires at least 1 arg(s), only received 0"
    [ -z "$SLOW" ] || slow
    [ -z "$FAIL" ] || fail "$FAIL"
    if [ -f "$state" ]; then
      grep -q 'phase: ClusterSuccess' "$state" || fail "cluster status is not ClusterSuccess"
      for image in $images; do
        if grep -qxF "  - $image" "$state"; then
          [ $force = yes ] || confirm "image $image is already installed; override it?"
          echo "running the CMD of $image again"
        else
          awk -v image="$image" '{ print } $0 == "  image:" { print "  - " image }' "$state" > "$state.new"
          mv "$state.new" "$state"
          echo "installing $image"
        fi
      done
    else
      [ -n "$masters" ] || masters=127.0.0.1 # the local address, without --masters
      mkdir -p "$dir"
      {
        printf 'apiVersion: apps.sealos.io/v1beta1\nkind: Cluster\nmetadata:\n  name: %s\nspec:\n  hosts:\n' "$cluster"
        printf '  - ips:\n'
        for ip in $masters; do printf '    - %s\n' "$(address "$ip")"; done
        printf '    roles:\n    - master\n    - amd64\n'
        if [ -n "$nodes" ]; then
          printf '  - ips:\n'
          for ip in $nodes; do printf '    - %s\n' "$(address "$ip")"; done
          printf '    roles:\n    - node\n    - amd64\n'
        fi
        printf '  image:\n'
        for image in $images; do printf '  - %s\n' "$image"; done
        printf 'status:\n  phase: ClusterSuccess\n'
      } > "$state"
      kubeconfig
      echo "succeeded in creating a new cluster, enjoy it!"
    fi
    ;;
  add)
    [ -f "$state" ] || fail "cluster $cluster not found"
    [ -n "$masters$nodes" ] || fail "masters or nodes is required"
    for ip in $masters $nodes; do
      if joined "$ip"; then fail "host $ip already joined"; fi
    done
    [ -z "$FAIL" ] || fail "$FAIL"
    for ip in $masters; do append_host "$ip" master; done
    for ip in $nodes; do append_host "$ip" node; done
    echo "succeeded in scaling this cluster"
    ;;
  delete)
    [ -f "$state" ] || fail "cluster $cluster not found"
    [ $force = yes ] || confirm "delete $masters $nodes from cluster $cluster"
    master0=$(awk '/^  - ips:$/ { getline; ip = $2 } $0 == "    - master" { print ip; exit }' "$state")
    for ip in $masters $nodes; do
      joined "$ip" || fail "host $ip is not in cluster $cluster"
      [ "$(address "$ip")" != "$master0" ] || fail "cannot delete master0 $ip"
    done
    for ip in $masters $nodes; do
      grep -vxF -e "    - $ip" -e "    - $(address "$ip")" "$state" > "$state.new"
      mv "$state.new" "$state"
    done
    echo "succeeded in deleting hosts"
    ;;
  reset)
    [ -f "$state" ] || fail "clusterfile must exist"
    [ $force = yes ] || confirm "reset cluster $cluster"
    mv "$state" "$state.$(date +%s)"
    echo "cluster $cluster reset"
    ;;
  *)
    fail "unknown command \"$cmd\" for \"sealos\""
    ;;
esac
