/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Discovery;
import io.openim.deploy.Ingress;
import io.openim.deploy.InvalidSpecException;
import io.openim.deploy.Manifest;
import io.openim.deploy.Monitoring;
import io.openim.deploy.Profile;
import io.openim.deploy.Secret;
import io.openim.deploy.core.data.internal.BackupJobs;
import io.openim.deploy.core.render.PolicyModel.Peer;
import io.openim.deploy.core.render.internal.RenderContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plan's NetworkPolicies, checked with {@link PolicyModel} against a table of the connections
 * the topology needs, which {@link NeededConnections} builds from the plan's own Services, env,
 * Ingress and ports: every needed connection is allowed, and nothing else, between every pod of
 * the release, pods in other namespaces, and addresses outside the cluster.
 */
@DisplayName("NetworkPolicies: every connection the topology needs, and nothing else")
class NetworkPolicyTest {
  static final String NS = "im-ns";

  static Stream<Arguments> scenarios() {
    DeploymentSpec.Builder external = DeploymentSpec.builder("im").namespace(NS).profile(Profile.PRODUCTION)
        .ingress(new Ingress("im.example.com", "traefik", null))
        .dependency(DependencyKind.MONGODB, Dependency.external(List.of("10.20.0.5:27017"), null, null))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis.example.com:6379"), null, null))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("10.20.0.6:9093", "10.20.0.7:9093"), null, null))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("https://s3.example.com"), "ak", Secret.of("sk-3f9a2c")))
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("10.20.0.8:2379"), null, null))
        .minioExternalAddress("https://s3.example.com");
    return Stream.of(
        Arguments.of("minimal, no ingress, chat, no monitoring", DeploymentSpec.builder("im").namespace(NS)),
        Arguments.of("production, nginx, operator monitoring", DeploymentSpec.builder("im").namespace(NS)
            .profile(Profile.PRODUCTION).ingress(new Ingress("im.example.com", "nginx", "tls"))
            .monitoring(new Monitoring(true, Monitoring.Mode.OPERATOR, true))),
        Arguments.of("minimal, higress, scrape annotations, no chat", DeploymentSpec.builder("im").namespace(NS)
            .ingress(new Ingress("im.example.com", "higress", null)).chat(false)
            .monitoring(new Monitoring(true, Monitoring.Mode.ANNOTATIONS, false))),
        Arguments.of("production, traefik, every dependency external", external),
        Arguments.of("minimal, an unknown ingress class, external etcd by name, offline push", DeploymentSpec.builder("im")
            .namespace(NS).ingress(new Ingress("im.example.com", "contour", null))
            .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd.example.com:2379"), null, null))
            .env(Component.PUSH, "IMENV_OPENIM_PUSH_ENABLE", "fcm")),
        Arguments.of("minimal, no ingress, a MinIO external address", DeploymentSpec.builder("im").namespace(NS)
            .minioExternalAddress("https://files.example.com")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  @DisplayName("allows exactly the needed connections")
  void exactlyWhatIsNeeded(String name, DeploymentSpec.Builder builder) {
    DeploymentSpec spec = builder.build();
    DeploymentPlan plan = Topology.plan(spec);
    List<Manifest> policies = new ArrayList<>(plan.manifests().stream()
        .filter(m -> m.kind().equals("NetworkPolicy")).toList());
    assertThat(policies).as("policies").isNotEmpty()
        .allSatisfy(p -> assertThat(p.phase()).as(p.name()).isEqualTo(io.openim.deploy.Phase.CONFIGURATION));
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    BackupTarget volume = BackupTarget.volume("backups");
    List<Manifest> dataJobs = List.of(jobs.backup("b1", volume, jobs.release()), jobs.check("b1", "c1", volume),
        jobs.restore("b1", "r1", volume));
    NeededConnections needed = new NeededConnections(plan, dataJobs);
    PolicyModel model = new PolicyModel(NS, policies);

    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Peer from : needed.sources()) {
      for (Peer to : needed.destinations()) {
        if (!needed.releasePods().contains(from) && !needed.releasePods().contains(to)) {
          continue; // no policy of the release applies
        }
        for (int port : needed.ports()) {
          for (String protocol : port == 53 ? List.of("TCP", "UDP") : List.of("TCP")) {
            boolean want = needed.needs(from, to, protocol, port);
            if (model.allows(from, to, protocol, port) != want) {
              wrong.add((want ? "denied but needed: " : "allowed but not needed: ") + from + " -> " + to + " "
                  + protocol + "/" + port);
            }
            checked++;
          }
        }
      }
    }
    assertThat(wrong).as("%d connections checked", checked).isEmpty();
    assertThat(needed.count()).as("needed connections").isGreaterThan(50);
  }

  @Test
  @DisplayName("the default deny selects every pod of the plan and of the data Jobs, and no other")
  void defaultDenySelectsEveryPod() {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(NS).build();
    DeploymentPlan plan = Topology.plan(spec);
    Map<?, ?> deny = (Map<?, ?>) plan.find("NetworkPolicy", "im-default-deny").orElseThrow().body().get("spec");
    assertThat(deny.get("policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
    assertThat(deny.containsKey("ingress") || deny.containsKey("egress")).as("no rule at all").isFalse();
    NeededConnections pods = new NeededConnections(plan, List.of());
    assertThat(pods.releasePods()).hasSizeGreaterThan(20)
        .allSatisfy(p -> assertThat(PolicyModel.matches((Map<?, ?>) deny.get("podSelector"), p.labels())).as(p.name()).isTrue());
    assertThat(PolicyModel.matches((Map<?, ?>) deny.get("podSelector"),
        Map.of("app.kubernetes.io/instance", "other", "app.kubernetes.io/managed-by", "openim-deploy"))).isFalse();
  }

  @Test
  @DisplayName("networkPolicies: false renders none, and the plan says what that leaves open")
  void switchedOff() {
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("im").networkPolicies(false).build());
    assertThat(plan.manifests()).noneMatch(m -> m.kind().equals("NetworkPolicy"));
    assertThat(plan.warnings()).anyMatch(w -> w.startsWith("networkPolicies is false"));
    assertThat(DeploymentSpec.builder("im").build().networkPolicies()).as("on by default").isTrue();
    assertThat(DeploymentSpec.builder("im").networkPolicies(false).build().toBuilder().build().networkPolicies()).isFalse();
    DeploymentSpec spec = DeploymentSpec.builder("im").networkPolicies(false).build();
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    BackupTarget bucket = BackupTarget.bucket("https://10.9.8.7", "openim-backups", "", Secret.of("ak-1"), Secret.of("sk-1"));
    assertThat(jobs.egressPolicy(jobs.backup("b1", bucket, jobs.release()), bucket, jobs.release())).isEmpty();
  }

  @Test
  @DisplayName("the spec file's networkPolicies is read, and anything but true or false is refused")
  void specFile() throws Exception {
    assertThat(SpecFile.parse("networkPolicies: false\n", name -> null, Path.of(".")).networkPolicies()).isFalse();
    assertThat(SpecFile.parse("release: im\n", name -> null, Path.of(".")).networkPolicies()).isTrue();
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> SpecFile.parse("networkPolicies: sometimes\n", name -> null, Path.of(".")));
    assertThat(e.getMessage()).contains("networkPolicies").contains("must be true or false");
  }

  @Test
  @DisplayName("Kubernetes discovery, which would need the API server, is still refused before any policy")
  void kubernetesDiscovery() {
    InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class,
        () -> Topology.plan(DeploymentSpec.builder("im").discovery(Discovery.KUBERNETES).build()));
    assertThat(e.getMessage()).contains("KUBERNETES discovery does not work");
  }

  @Test
  @DisplayName("a data Job gets its own egress to a bucket and to a compose host: by IP, else by port, with DNS")
  void dataJobEgress() {
    DeploymentSpec spec = DeploymentSpec.builder("im").namespace(NS).build();
    BackupJobs jobs = new BackupJobs(new RenderContext(spec, VersionCatalog.builtIn().require(spec.version())));
    BackupTarget bucket = BackupTarget.bucket("https://10.9.8.7:9443", "openim-backups", "p/", Secret.of("ak-1"), Secret.of("sk-1"));
    BackupJobs.Endpoints compose = jobs.external("b2", "compose host", "compose.example.com:37017", "openIM",
        "http://10.1.1.1:10005");
    Manifest job = jobs.backup("b2", bucket, compose);
    Manifest policy = jobs.egressPolicy(job, bucket, compose).orElseThrow();
    PolicyModel model = new PolicyModel(NS, List.of(policy));
    Peer pod = Peer.pod(job.name(), NS, NeededConnections.templateLabels(job));
    assertThat(model.allows(pod, Peer.address("bucket", "10.9.8.7"), "TCP", 9443)).isTrue();
    assertThat(model.allows(pod, Peer.address("elsewhere", "10.9.8.8"), "TCP", 9443)).isFalse();
    assertThat(model.allows(pod, Peer.address("compose minio", "10.1.1.1"), "TCP", 10005)).isTrue();
    assertThat(model.allows(pod, Peer.address("any", "192.0.2.1"), "TCP", 37017)).as("a host: by port").isTrue();
    assertThat(model.allows(pod, Peer.pod("dns", "kube-system", Map.of()), "UDP", 53)).isTrue();
    assertThat(model.allows(pod, Peer.address("any", "192.0.2.1"), "TCP", 443)).isFalse();
    assertThat(jobs.egressPolicy(jobs.backup("b3", BackupTarget.volume("v"), jobs.release()), BackupTarget.volume("v"),
        jobs.release())).as("the release's own data: the plan's policies cover it").isEmpty();
  }
}
