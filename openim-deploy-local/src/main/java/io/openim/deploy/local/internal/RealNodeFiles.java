/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.local.internal;

import java.nio.file.Path;

/**
 * The configuration files of the real node's processes. Every path the processes would otherwise
 * take from the host (/var/lib/kubelet, /var/log/pods, /run/containerd/runc, /var/lib/cni, the
 * flexvolume folder) is moved under the node's folder, so that the host keeps nothing after the
 * node's teardown.
 */
final class RealNodeFiles {
  /** The ClusterIP of the kube-dns Service, kubelet's clusterDNS. */
  static final String DNS_SERVICE_IP = "10.96.0.10";

  /** The sandbox image kubelet and containerd use; built here from the release's pause.c. */
  static final String PAUSE_IMAGE = "registry.k8s.io/pause:3.10.2";

  private RealNodeFiles() {}

  /**
   * containerd 1.6 (Debian bookworm's): a private root, state and socket; runc's state under the
   * node folder; CNI from Debian's plugins with our conflist; network namespaces under the state
   * folder. {@code restrict_oom_score_adj} because a sandbox without CAP_SYS_RESOURCE fails every
   * pod with "can't get final child's PID from pipe" otherwise.
   */
  static String containerdConfig(Path dir) {
    return String.join(
        "\n",
        "version = 2",
        "root = " + quote(dir.resolve("containerd/root")),
        "state = " + quote(dir.resolve("containerd/state")),
        "disabled_plugins = [\"io.containerd.snapshotter.v1.aufs\", \"io.containerd.snapshotter.v1.btrfs\","
            + " \"io.containerd.snapshotter.v1.zfs\", \"io.containerd.snapshotter.v1.devmapper\","
            + " \"io.containerd.tracing.processor.v1.otlp\", \"io.containerd.internal.v1.tracing\"]",
        "[grpc]",
        "  address = " + quote(dir.resolve("containerd.sock")),
        "[ttrpc]",
        "  address = " + quote(dir.resolve("containerd.ttrpc.sock")),
        "[debug]",
        "  level = \"warn\"",
        "[plugins.\"io.containerd.internal.v1.opt\"]",
        "  path = " + quote(dir.resolve("containerd/opt")),
        "[plugins.\"io.containerd.grpc.v1.cri\"]",
        "  sandbox_image = \"" + PAUSE_IMAGE + "\"",
        "  restrict_oom_score_adj = true",
        "  netns_mounts_under_state_dir = true",
        "  enable_selinux = false",
        "  disable_apparmor = true",
        "  [plugins.\"io.containerd.grpc.v1.cri\".containerd]",
        "    snapshotter = \"overlayfs\"",
        "    default_runtime_name = \"runc\"",
        "    [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc]",
        "      runtime_type = \"io.containerd.runc.v2\"",
        "      [plugins.\"io.containerd.grpc.v1.cri\".containerd.runtimes.runc.options]",
        "        SystemdCgroup = false",
        "        Root = " + quote(dir.resolve("runc")),
        "  [plugins.\"io.containerd.grpc.v1.cri\".cni]",
        "    bin_dir = \"/usr/lib/cni\"",
        "    conf_dir = " + quote(dir.resolve("cni")),
        "    max_conf_num = 1",
        "");
  }

  /** The CNI bridge network for the node's pods; no masquerade, since nothing may leave. */
  static String cniConfig(Path dir) {
    return String.join(
        "\n",
        "{",
        "  \"cniVersion\": \"0.4.0\",",
        "  \"name\": \"openim-deploy-pods\",",
        "  \"plugins\": [",
        "    {",
        "      \"type\": \"bridge\",",
        "      \"bridge\": \"oimd-pods\",",
        "      \"isGateway\": true,",
        "      \"ipMasq\": false,",
        "      \"hairpinMode\": true,",
        "      \"ipam\": {",
        "        \"type\": \"host-local\",",
        "        \"dataDir\": " + jsonQuote(dir.resolve("cni-ipam")) + ",",
        "        \"ranges\": [[{\"subnet\": \"" + RealNodeHost.POD_CIDR + "\", \"gateway\": \"10.232.0.1\"}]],",
        "        \"routes\": [{\"dst\": \"0.0.0.0/0\"}]",
        "      }",
        "    }",
        "  ]",
        "}",
        "");
  }

  /**
   * kubelet 1.36 on cgroup v1 (failCgroupV1: false) with the cgroupfs driver (containerd 1.6 lacks
   * the RuntimeConfig call kubelet would ask it with), x509 clients only, eviction thresholds low
   * enough for a shared machine.
   */
  static String kubeletConfig(Path dir, int port, int healthzPort) {
    return String.join(
        "\n",
        "apiVersion: kubelet.config.k8s.io/v1beta1",
        "kind: KubeletConfiguration",
        "address: " + RealNodeHost.NODE_ADDRESS,
        "port: " + port,
        "readOnlyPort: 0",
        "healthzBindAddress: 127.0.0.1",
        "healthzPort: " + healthzPort,
        "authentication:",
        "  anonymous:",
        "    enabled: false",
        "  webhook:",
        "    enabled: false",
        "  x509:",
        "    clientCAFile: " + dir.resolve("pki/ca.crt"),
        "authorization:",
        "  mode: AlwaysAllow",
        "tlsCertFile: " + dir.resolve("pki/kubelet.crt"),
        "tlsPrivateKeyFile: " + dir.resolve("pki/kubelet.key"),
        "cgroupDriver: cgroupfs",
        "cgroupRoot: " + RealNodeHost.CGROUP_ROOT,
        "failCgroupV1: false",
        "failSwapOn: false",
        "containerRuntimeEndpoint: unix://" + dir.resolve("containerd.sock"),
        "clusterDNS:",
        "- " + DNS_SERVICE_IP,
        "clusterDomain: cluster.local",
        "resolvConf: " + dir.resolve("resolv.conf"),
        "podLogsDir: " + dir.resolve("pod-logs"),
        "volumePluginDir: " + dir.resolve("volume-plugins"),
        "evictionHard:",
        "  memory.available: 100Mi",
        "  nodefs.available: 1%",
        "  nodefs.inodesFree: 1%",
        "  imagefs.available: 1%",
        "imageGCHighThresholdPercent: 100",
        "imageGCLowThresholdPercent: 99",
        "serializeImagePulls: false",
        "syncFrequency: 10s",
        "nodeStatusUpdateFrequency: 4s",
        "rotateCertificates: false",
        "serverTLSBootstrap: false",
        "");
  }

  /**
   * kube-proxy in iptables mode, told to leave the host's conntrack sysctls and route_localnet
   * alone, with NodePorts on the node address only.
   */
  static String kubeProxyConfig(Path dir, String nodeName, int healthzPort, int metricsPort) {
    return String.join(
        "\n",
        "apiVersion: kubeproxy.config.k8s.io/v1alpha1",
        "kind: KubeProxyConfiguration",
        "mode: iptables",
        "clientConnection:",
        "  kubeconfig: " + dir.resolve("kube-proxy.kubeconfig"),
        "hostnameOverride: " + nodeName,
        "bindAddress: " + RealNodeHost.NODE_ADDRESS,
        "healthzBindAddress: 127.0.0.1:" + healthzPort,
        "metricsBindAddress: 127.0.0.1:" + metricsPort,
        "clusterCIDR: " + RealNodeHost.POD_CIDR,
        "nodePortAddresses:",
        "- " + RealNodeHost.NODE_ADDRESS + "/32",
        "iptables:",
        "  localhostNodePorts: false",
        "conntrack:",
        "  maxPerCore: 0",
        "  min: 0",
        "  tcpEstablishedTimeout: 0s",
        "  tcpCloseWaitTimeout: 0s",
        "");
  }

  /** CoreDNS on the node address, answering for cluster.local only: no forward, nothing leaves. */
  static String corefile(Path dir, int port, int readyPort) {
    return String.join(
        "\n",
        ".:" + port + " {",
        "  bind " + RealNodeHost.NODE_ADDRESS,
        "  errors",
        "  ready 127.0.0.1:" + readyPort,
        "  kubernetes cluster.local in-addr.arpa ip6.arpa {",
        "    kubeconfig " + dir.resolve("coredns.kubeconfig") + " openim-deploy-local",
        "    pods insecure",
        "    fallthrough in-addr.arpa ip6.arpa",
        "    ttl 5",
        "  }",
        "  cache 5",
        "}",
        "");
  }

  private static String quote(Path path) {
    return "\"" + path + "\"";
  }

  private static String jsonQuote(Path path) {
    return "\"" + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
