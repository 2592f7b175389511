#!/usr/bin/env bash
# What the local cluster's real node changes on the host, and how each change is undone.
#
#   real-node-host.sh check                 says what is missing for a real node, or nothing
#   real-node-host.sh check-network         says whether another node holds the host's network
#   real-node-host.sh setup STATE NODE_DIR  records, then makes, the node's host changes
#   real-node-host.sh teardown STATE        undoes everything STATE records; safe to run twice
#
# STATE is a shell file of NAME=value lines, appended BEFORE each change is made, so a run that
# dies halfway (even by SIGKILL) leaves a record of every change it may have made. The same
# teardown runs on an orderly close, from the watchdog when the JVM dies, and as the sweep at the
# next start. One real node per host: its names and address ranges are fixed.
#
# Address ranges, all private and none routed off the machine:
#   node     10.231.0.1/32 on bridge oimd-node (a bridge without ports: this kernel may lack dummy)
#   pods     10.232.0.0/24 on bridge oimd-pods (made by the CNI bridge plugin; gateway .1)
#   Services 10.96.0.0/16  (the API server's --service-cluster-ip-range)
# A raw-table chain drops every packet from a pod to any other address, so nothing leaves.
set -uo pipefail

NODE_IP=10.231.0.1
POD_CIDR=10.232.0.0/24
SERVICE_CIDR=10.96.0.0/16
NODE_BRIDGE=oimd-node
POD_BRIDGE=oimd-pods
EGRESS_CHAIN=OPENIM-DEPLOY-PODS
CGROUP_ROOT=openim-deploy-node
# Every sysctl the node's processes may set: the bridge plugin and we set ip_forward; kubelet sets
# the next three (pkg/kubelet/cm/container_manager_linux.go setupKernelTunables); kube-proxy is
# configured to leave conntrack and route_localnet alone, recorded anyway in case it does not.
SYSCTLS="net.ipv4.ip_forward vm.overcommit_memory kernel.panic kernel.panic_on_oops \
net.ipv4.conf.all.route_localnet net.netfilter.nf_conntrack_max \
net.netfilter.nf_conntrack_tcp_timeout_established net.netfilter.nf_conntrack_tcp_timeout_close_wait \
net.bridge.bridge-nf-call-iptables"

say() { printf 'real-node-host: %s\n' "$*"; }

check() {
  local missing=()
  for tool in containerd containerd-shim-runc-v2 runc ctr iptables iptables-save ip6tables ip sysctl mount umount; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ -x /usr/lib/cni/bridge ] && [ -x /usr/lib/cni/host-local ] && [ -x /usr/lib/cni/loopback ] || missing+=("CNI plugins in /usr/lib/cni")
  if [ ${#missing[@]} -gt 0 ]; then
    echo "a real node needs ${missing[*]}: install the Debian packages containerd, runc, containernetworking-plugins and iptables (apt-get install containerd runc containernetworking-plugins iptables)"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "a real node runs containers through containerd and changes the host's network, so it needs root; this process runs as uid $(id -u)"
    return 0
  fi
}

# Run with the node lock held, after the sweep: chains left now belong to another node.
check_network() {
  if iptables-save 2>/dev/null | grep '^:KUBE-' > /dev/null; then  # not grep -q: under pipefail its early exit would fail iptables-save
    echo "this host already has Kubernetes iptables chains (KUBE-*), so another node runs here; a real node needs the host's network to itself"
  fi
}

record() { printf '%s\n' "$*" >> "$STATE"; }

setup() {
  STATE="$1"; NODE_DIR="$2"
  [ -e "$STATE" ] && { say "$STATE exists: tear the previous node down first"; exit 2; }
  mkdir -p "$(dirname "$STATE")"
  record "NODE_DIR='$NODE_DIR'"
  record "WORK_DIR='$(dirname "$NODE_DIR")'"
  for s in $SYSCTLS; do
    v="$(sysctl -n "$s" 2>/dev/null)" && record "SYSCTL_SAVED+=' $s=$(printf '%s' "$v" | tr '\t' ' ' | tr ' ' '~')'"
  done
  [ -d /run/containerd ] || record "CREATED_RUN_CONTAINERD=1"
  [ -d /var/lib/cni ] || record "CREATED_VAR_LIB_CNI=1"
  # where KWOK's volume stage points its hostPath volumes; kubelet creates it for such a pod
  [ -d /tmp/kwok-local-path-provisioner ] || record "CREATED_KWOK_HOSTPATH=1"
  for c in /sys/fs/cgroup/*/; do [ -d "$c$CGROUP_ROOT" ] || record "CGROUP_MADE+=' $c$CGROUP_ROOT'"; done
  record "LINKS='$NODE_BRIDGE $POD_BRIDGE'"
  record "CHAIN=$EGRESS_CHAIN"
  sysctl -qw net.ipv4.ip_forward=1 || exit 3
  # kubelet's cgroupRoot must exist in every hierarchy; a new cpuset needs its parent's cpus and mems
  for c in /sys/fs/cgroup/*/; do
    mkdir -p "$c$CGROUP_ROOT" || exit 3
    if [ -f "${c}cpuset.cpus" ]; then
      cat "${c}cpuset.cpus" > "$c$CGROUP_ROOT/cpuset.cpus" && cat "${c}cpuset.mems" > "$c$CGROUP_ROOT/cpuset.mems" || exit 3
    fi
  done
  ip link add "$NODE_BRIDGE" type bridge || exit 3
  ip addr add "$NODE_IP/32" dev "$NODE_BRIDGE" || exit 3
  ip link set "$NODE_BRIDGE" up || exit 3
  iptables -t raw -N "$EGRESS_CHAIN" || exit 3
  iptables -t raw -A "$EGRESS_CHAIN" -d "$POD_CIDR" -j RETURN
  iptables -t raw -A "$EGRESS_CHAIN" -d "$SERVICE_CIDR" -j RETURN
  iptables -t raw -A "$EGRESS_CHAIN" -d "$NODE_IP/32" -j RETURN
  iptables -t raw -A "$EGRESS_CHAIN" -m comment --comment "openim-deploy: pod traffic stays on this machine" -j DROP
  iptables -t raw -I PREROUTING -s "$POD_CIDR" -j "$EGRESS_CHAIN" || exit 3
  say "node address $NODE_IP on $NODE_BRIDGE; pods $POD_CIDR may reach only pods, Services and the node"
}

# Processes of this cluster: its control plane, node processes and shims all name a file in the
# cluster's folder; the containers are the processes in the node's cgroups. The watchdog that runs
# this teardown names the folder too, so this shell and its parent are left out.
node_pids() {
  local p
  case "$WORK_DIR" in /?*/*) ;; *) return ;; esac
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] || [ "${p#/proc/}" = "$PPID" ] && continue
    cmd="$( { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null)"
    case "$cmd" in *real-node-host.sh*) continue ;; *"$WORK_DIR/"*) echo "${p#/proc/}" ;; esac
  done
  for c in /sys/fs/cgroup/*/"$CGROUP_ROOT"; do
    [ -d "$c" ] && find "$c" -name cgroup.procs -exec cat {} + 2>/dev/null
  done
}

# Mount points at or under a folder, deepest first (mountinfo escapes spaces as \040).
mounts_under() {
  awk -v d="$1" '{ m = $5; gsub(/\\040/, " ", m); if (m == d || index(m, d "/") == 1) print length(m) "\t" m }' /proc/self/mountinfo |
    sort -rn | cut -f2-
}

teardown() {
  STATE="$1"
  [ -f "$STATE" ] || exit 0
  NODE_DIR=""; WORK_DIR=""; SHIM_SOCKETS=""; SYSCTL_SAVED=""; CREATED_RUN_CONTAINERD=0; CREATED_VAR_LIB_CNI=0; CREATED_KWOK_HOSTPATH=0; CGROUP_MADE=""; LINKS=""; CHAIN=""
  # shellcheck disable=SC1090
  . "$STATE"
  local left=()
  if [ -n "$NODE_DIR" ]; then
    # containerd 1.6 puts each shim's socket at /run/containerd/s/sha256(address/namespace/id)
    # whatever its state folder; a killed shim leaves it behind
    for task in "$NODE_DIR"/containerd/state/io.containerd.runtime.v2.task/*/*; do
      [ -d "$task" ] || continue
      ns="$(basename "$(dirname "$task")")"
      hash="$(printf '%s' "$NODE_DIR/containerd.sock/$ns/$(basename "$task")" | sha256sum | cut -d' ' -f1)"
      SHIM_SOCKETS+=" /run/containerd/s/$hash"
    done
    for round in 1 2 3 4 5; do
      pids="$(node_pids | sort -u | tr '\n' ' ')"
      [ -z "${pids// }" ] && break
      kill -KILL $pids 2>/dev/null
      sleep 0.2
    done
    [ -n "${pids// }" ] && left+=("processes $pids")
    for round in 1 2 3; do
      while IFS= read -r m; do [ -n "$m" ] && { umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null; }; done < <(mounts_under "$NODE_DIR")
    done
    [ -n "$(mounts_under "$NODE_DIR")" ] && left+=("mounts $(mounts_under "$NODE_DIR" | tr '\n' ' ')")
    for socket in $SHIM_SOCKETS; do rm -f "$socket"; done
  fi
  # kube-proxy's, kubelet's and our own chains: jumps to them first, then the chains
  for ipt in iptables ip6tables; do
    for table in raw mangle nat filter; do
      "$ipt-save" -t "$table" 2>/dev/null | awk -v chain="$CHAIN" '
        /^-A / { for (i = 1; i < NF; i++) if ($i == "-j" || $i == "-g") { t = $(i + 1); if (t ~ /^KUBE-/ || (chain != "" && t == chain)) { sub(/^-A /, ""); print; next } } }' |
        while IFS= read -r rule; do eval "\"$ipt\" -w -t \"$table\" -D $rule" 2>/dev/null; done
      for c in $("$ipt-save" -t "$table" 2>/dev/null | awk -v chain="$CHAIN" '/^:/ { n = substr($1, 2); if (n ~ /^KUBE-/ || (chain != "" && n == chain)) print n }'); do
        "$ipt" -w -t "$table" -F "$c" 2>/dev/null
      done
      for c in $("$ipt-save" -t "$table" 2>/dev/null | awk -v chain="$CHAIN" '/^:/ { n = substr($1, 2); if (n ~ /^KUBE-/ || (chain != "" && n == chain)) print n }'); do
        "$ipt" -w -t "$table" -X "$c" 2>/dev/null || left+=("$ipt chain $table/$c")
      done
    done
  done
  # kube-proxy in iptables mode also removes nftables tables of its nftables mode; none is made here
  for l in $LINKS; do
    for v in $(ip -o link show master "$l" 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }'); do ip link del "$v" 2>/dev/null; done
    ip link show "$l" >/dev/null 2>&1 && { ip link del "$l" 2>/dev/null || left+=("link $l"); }
  done
  for c in $CGROUP_MADE; do
    [ -d "$c" ] && find "$c" -depth -type d -exec rmdir {} \; 2>/dev/null
    [ -d "$c" ] && left+=("cgroup $c")
  done
  for saved in $SYSCTL_SAVED; do
    name="${saved%%=*}"; value="$(printf '%s' "${saved#*=}" | tr '~' ' ')"
    [ "$(sysctl -n "$name" 2>/dev/null | tr '\t' ' ')" = "$value" ] || sysctl -qw "$name=$value" 2>/dev/null || left+=("sysctl $name")
  done
  if [ "$CREATED_RUN_CONTAINERD" = 1 ] && [ -d /run/containerd ] && ! pgrep -x containerd >/dev/null; then
    [ -z "$(mounts_under /run/containerd)" ] && rm -rf /run/containerd
  fi
  [ "$CREATED_VAR_LIB_CNI" = 1 ] && rm -rf /var/lib/cni
  [ "$CREATED_KWOK_HOSTPATH" = 1 ] && rm -rf --one-file-system /tmp/kwok-local-path-provisioner
  # a sweep finds the folder of a cluster whose JVM and watchdog both died: nothing is mounted in it now
  if [ -n "$WORK_DIR" ] && [ -d "$WORK_DIR" ] && [ -z "$(mounts_under "$WORK_DIR")" ]; then
    rm -rf --one-file-system -- "$WORK_DIR"
  fi
  if [ ${#left[@]} -gt 0 ]; then
    say "could not undo: ${left[*]}; the record stays in $STATE for the next sweep"
    exit 1
  fi
  rm -f "$STATE"
}

case "${1:-}" in
  check) check ;;
  check-network) check_network ;;
  setup) setup "${2:?STATE}" "${3:?NODE_DIR}" ;;
  teardown) teardown "${2:?STATE}" ;;
  *) echo "usage: real-node-host.sh check | check-network | setup STATE NODE_DIR | teardown STATE" >&2; exit 64 ;;
esac
