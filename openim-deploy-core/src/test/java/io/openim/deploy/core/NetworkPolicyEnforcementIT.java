/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.DiscoveryV1Api;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Manifest;
import io.openim.deploy.Phase;
import io.openim.deploy.core.engine.Applier;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.core.engine.ObjectRef;
import io.openim.deploy.core.engine.RolloutWaiter;
import io.openim.deploy.local.ContainerImage;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plan's NetworkPolicies enforced on the local cluster's real node by kube-router's
 * network-policy controller ({@link KubeRouterFirewall}, a test-only enforcer): a pod outside the
 * release cannot reach the dependencies' Redis, Kafka, etcd and MinIO ports, an OpenIM pod reaches
 * exactly the ones it dials. MongoDB has no real image here (see {@link RealPodsIT}), so its port
 * is proven on the API server only ({@code NetworkPolicyIT}). Skipped, with the reason, where no
 * real node or no ipset/iptables is here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("The plan's NetworkPolicies, enforced on a real node")
class NetworkPolicyEnforcementIT {
  private static final Duration ROLLOUT = Duration.ofSeconds(120);
  /** Has bash, whose /dev/tcp makes a plain TCP connect. */
  private static final String PROBE_IMAGE = "docker.io/library/redis:7.0.0";

  private LocalCluster cluster;
  private KubeRouterFirewall firewall;
  private Applier applier;
  private PodRuns pods;
  private PodRuns outside;
  private DeploymentPlan plan;
  private String ns;

  @BeforeAll
  void start() throws Exception {
    Optional<String> unavailable = LocalCluster.realNodeUnavailable().or(KubeRouterFirewall::unavailable);
    Assumptions.assumeTrue(unavailable.isEmpty(), () -> "cannot enforce NetworkPolicies here: " + unavailable.orElseThrow());
    cluster = LocalCluster.builder().nodes(0).realNodes(1).start();
    List.of(TestImages.redis(), TestImages.etcd(), TestImages.minio(), TestImages.kafka(),
            ContainerImage.builder(PodRuns.BUSYBOX).busybox().build().archive())
        .forEach(image -> cluster.importImage(image.file()));
    ns = cluster.createNamespace("enforced");
    ClusterConnection connection = ClusterConnection.fromKubeconfig(cluster.adminKubeconfig());
    applier = new Applier(connection, false);
    pods = new PodRuns(cluster.newAdminClient(), ns, applier);
    outside = new PodRuns(cluster.newAdminClient(), cluster.createNamespace("outside"), applier);
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(ns).build();
    try (KubernetesDeployer deployer = KubernetesDeployer.builder().kubeconfig(cluster.adminKubeconfig()).build()) {
      plan = deployer.plan(spec);
    }
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (firewall != null) {
        firewall.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Test
  @Order(10)
  @DisplayName("the enforcer runs: a default deny cuts a pod off, a policy lets exactly the labelled client back in")
  void enforcerRuns() throws Exception {
    String web = pods.serve("web", Map.of("app", "web"), PROBE_IMAGE,
        "exec redis-server --port 8080 --protected-mode no --save ''");
    // a plain TCP connect from bash (Debian's static busybox wget ends in a segmentation fault here)
    String wget = connect("$WEB/8080");
    String ip = "export WEB=" + web + "\n";
    assertThat(pods.run("before", PROBE_IMAGE, ip + until(wget, "reached") , List.of())).contains("reached");
    firewall = KubeRouterFirewall.start(cluster.adminKubeconfigFile(), cluster.realNodes().get(0),
        Path.of("target", "kube-router")); // kept after the cluster is gone, to read
    assertThat(pods.run("with-enforcer", PROBE_IMAGE, ip + until(wget, "reached"), List.of())).contains("reached");
    applier.apply(policy("web-deny", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "web")),
        "policyTypes", List.of("Ingress"))), Map.of());
    assertThat(pods.run("denied", PROBE_IMAGE, ip + until("! " + wget, "denied"), List.of())).contains("denied");
    applier.apply(policy("web-from-friend", Map.of("podSelector", Map.of("matchLabels", Map.of("app", "web")),
        "ingress", List.of(Map.of("from", List.of(Map.of("podSelector", Map.of("matchLabels", Map.of("role", "friend")))),
            "ports", List.of(Map.of("port", 8080, "protocol", "TCP")))))), Map.of());
    assertThat(pods.run("friend", Map.of("role", "friend"), PROBE_IMAGE, ip + until(wget, "allowed"), List.of()))
        .contains("allowed");
    assertThat(pods.run("stranger", PROBE_IMAGE, ip + wget + " && echo reached || echo refused", List.of()))
        .contains("refused").doesNotContain("reached");
    assertThat(firewall.alive()).as("kube-router is still running; its log:\n%s", firewall.log()).isTrue();
  }

  @Test
  @Order(20)
  @DisplayName("with the plan's policies, a pod outside the release reaches none of Redis, Kafka, etcd and MinIO;"
      + " OpenIM's pods reach exactly the ones they dial, and the stores' init Jobs complete")
  void planPoliciesEnforced() throws Exception {
    RealDependencies.start(plan, applier, new RolloutWaiter(ClusterConnection.fromKubeconfig(cluster.adminKubeconfig())),
        ROLLOUT);
    // before any policy: every port answers from outside, so a refusal below is the policies' doing
    // Service names qualified by the release's namespace, so that pods of other namespaces resolve them
    List<String> ports = RealDependencies.PORTS.stream().map(p -> p.replaceFirst("/", "." + ns + "/")).toList();
    assertThat(outside.run("open", PROBE_IMAGE, PodRuns.reachable(ports.toArray(String[]::new)) + "echo open", List.of()))
        .contains("open");

    List<Manifest> policies = plan.manifests().stream().filter(m -> m.kind().equals("NetworkPolicy")).toList();
    assertThat(policies).isNotEmpty();
    policies.forEach(m -> applier.apply(m, Map.of()));
    applier.apply(nodeDns(), Map.of());

    // rpc-msg dials Redis, Kafka and etcd, not MinIO (Dials); rpc-third dials MinIO
    String msg = pods.run("as-rpc-msg", podLabels("rpc-msg"), PROBE_IMAGE,
        until(connect("im-redis/6379"), "redis") + until(connect("im-kafka/9092"), "kafka")
            + until(connect("im-etcd/2379"), "etcd") + attempt("im-minio/9000"), List.of());
    System.out.printf("a pod with rpc-msg's labels:%n%s", msg);
    assertThat(msg).contains("redis", "kafka", "etcd", "im-minio/9000 refused");
    assertThat(pods.run("as-rpc-third", podLabels("rpc-third"), PROBE_IMAGE, until(connect("im-minio/9000"), "minio"),
        List.of())).contains("minio");
    // the plan's init Jobs for these stores, run as rendered, complete under the policies (the
    // etcd-user Job once had no policy to etcd: found by running OpenIM v3.8.3-patch.15 on a real node)
    RolloutWaiter waiter = new RolloutWaiter(ClusterConnection.fromKubeconfig(cluster.adminKubeconfig()));
    List<Manifest> jobs = plan.manifests().stream().filter(m -> m.kind().equals("Job")
        && (m.name().startsWith("im-etcd-user-") || m.name().startsWith("im-kafka-topics-"))).toList();
    assertThat(jobs).hasSize(2);
    for (Manifest job : jobs) {
      applier.apply(job, Map.of());
      waiter.await(ObjectRef.of(job), ROLLOUT);
    }

    String attempts = ports.stream().map(NetworkPolicyEnforcementIT::attempt).reduce("", String::concat);
    for (PodRuns where : List.of(outside, pods)) {
      String out = where.run("stranger-" + (where == pods ? "inside" : "outside"), PROBE_IMAGE, attempts, List.of());
      System.out.printf("a pod without the release's labels, %s its namespace:%n%s", where == pods ? "inside" : "outside",
          out);
      for (String port : ports) {
        assertThat(out).as("from a pod outside the release").contains(port + " refused");
      }
    }
    assertThat(firewall.alive()).as("kube-router is still running; its log:\n%s", firewall.log()).isTrue();
  }

  /** The pod labels of the plan's Deployment whose name ends with {@code suffix}. */
  @SuppressWarnings("unchecked")
  private Map<String, Object> podLabels(String suffix) {
    Manifest deployment = plan.manifests().stream()
        .filter(m -> m.kind().equals("Deployment") && m.name().endsWith(suffix)).findFirst().orElseThrow();
    Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) deployment.body().get("spec")).get("template");
    return (Map<String, Object>) ((Map<String, Object>) template.get("metadata")).get("labels");
  }

  /**
   * Test-only: the release's DNS policy lets its pods reach kube-system's pods on port 53, where a
   * real cluster's CoreDNS runs; the local cluster runs CoreDNS as a host process on the node
   * address instead (RealNodeObjects.publishDns), which only an ipBlock can name.
   */
  private Manifest nodeDns() throws Exception {
    var slice = new DiscoveryV1Api(cluster.newAdminClient())
        .readNamespacedEndpointSlice("kube-dns-host", "kube-system").execute();
    String address = slice.getEndpoints().get(0).getAddresses().get(0);
    Integer port = slice.getPorts().get(0).getPort();
    // the release's pods only (NetworkPolicies.release): a stranger's own egress stays open
    Map<String, Object> release = Map.of("matchLabels",
        Map.of("app.kubernetes.io/instance", "im", "app.kubernetes.io/managed-by", "openim-deploy"));
    return policy("test-node-dns", Map.of("podSelector", release, "policyTypes", List.of("Egress"),
        "egress", List.of(Map.of("to", List.of(Map.of("ipBlock", Map.of("cidr", address + "/32"))),
            "ports", List.of(Map.of("port", port, "protocol", "UDP"), Map.of("port", port, "protocol", "TCP"))))));
  }

  private static String connect(String target) {
    return "timeout 3 bash -c 'echo > /dev/tcp/" + target + "' 2>/dev/null";
  }

  /**
   * One connection attempt that prints whether {@code target} was reached or refused, or that its
   * name did not resolve (so that a refusal is never a DNS failure in disguise).
   */
  private static String attempt(String target) {
    String host = target.substring(0, target.indexOf('/'));
    return "if ! getent hosts " + host + " > /dev/null; then echo '" + target + " unresolved'; elif " + connect(target)
        + "; then echo '" + target + " reached'; else echo '" + target + " refused'; fi\n";
  }

  private Manifest policy(String name, Map<String, Object> spec) {
    return new Manifest(Phase.CONFIGURATION, "networking.k8s.io/v1", "NetworkPolicy", ns, name,
        Map.of("apiVersion", "networking.k8s.io/v1", "kind", "NetworkPolicy",
            "metadata", Map.of("name", name, "namespace", ns), "spec", spec));
  }

  /** A shell loop that runs {@code check} until it succeeds, at most 60 s, then prints {@code done}. */
  private static String until(String check, String done) {
    return "i=0; until " + check + "; do i=$((i+1)); [ $i -ge 120 ] && { echo gave-up; " + check.replace("2>/dev/null", "")
        + "; exit 1; }; sleep 0.5; done; echo "
        + done + "\n";
  }
}
