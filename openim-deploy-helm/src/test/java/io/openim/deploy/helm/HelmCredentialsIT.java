/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.core.chart.HelmReleases;
import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.Component;
import io.openim.deploy.Dependency;
import io.openim.deploy.DependencyKind;
import io.openim.deploy.DeploymentEvent;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.core.engine.ClusterConnection;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The helm provider deploys the spec's credentials")
class HelmCredentialsIT {
  private static final Set<SecretKey> GIVEN = EnumSet.of(SecretKey.OPENIM_SECRET, SecretKey.CHAT_SUPER_CODE);

  /** A spec as a new process would build it: every credential not given is generated anew. */
  private static DeploymentSpec spec(TestNamespace namespace, String openimSecret, String redisPassword, int apis) {
    return DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false)
        .secret(SecretKey.OPENIM_SECRET, Secret.of(openimSecret))
        .secret(SecretKey.CHAT_SUPER_CODE, Secret.of("ab12cd"))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis.corp.example:6379"), null,
            Secret.of(redisPassword)))
        .replicas(Component.API, apis)
        .build();
  }

  @Test
  @DisplayName("the release's Secret holds exactly the spec's given values on install and on upgrade, generated"
      + " ones stay as they were, a rollback keeps the current ones, and no value is printed, sent as an event or"
      + " stored in the chart")
  void givenAndGenerated(LocalCluster cluster, TestNamespace namespace) throws Exception {
    List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    Deployer helm = OpenImDeploy.builder().target(Target.kubernetes(cluster.adminKubeconfig()))
        .provider(HelmProvider.ID).listener(events::add).objectTimeout(Duration.ofMinutes(2)).build();
    DeploymentSpec install = spec(namespace, "given-\"secret\" {{ .Release.Name }} `x` \\ é", "redis-one-1", 1);
    List<String> shown = new ArrayList<>();

    assertThat(printed(shown, () -> helm.deploy(install).orThrow().revision())).isEqualTo(1);
    Map<String, String> installed = secretData(cluster, namespace);
    assertThat(installed).containsOnlyKeys(expectedKeys(install));
    for (SecretKey key : GIVEN) {
      assertThat(installed.get(key.secretKey())).as(key.secretKey()).isEqualTo(install.secret(key).reveal());
    }
    assertThat(installed.get("redis-external-password")).isEqualTo("redis-one-1");
    for (SecretKey key : generated(install)) {
      // what the plan generated is what the release holds, so the spec's values are the cluster's
      assertThat(installed.get(key.secretKey())).as(key.secretKey()).isEqualTo(install.secret(key).reveal());
    }

    DeploymentSpec upgrade = spec(namespace, "another-given-secret", "redis-two-2", 2);
    assertThat(printed(shown, () -> helm.deploy(upgrade).orThrow().revision())).isEqualTo(2);
    Map<String, String> upgraded = secretData(cluster, namespace);
    assertThat(upgraded).containsOnlyKeys(expectedKeys(install));
    assertThat(upgraded.get("openim-secret")).isEqualTo("another-given-secret");
    assertThat(upgraded.get("chat-super-code")).isEqualTo("ab12cd");
    assertThat(upgraded.get("redis-external-password")).isEqualTo("redis-two-2");
    for (SecretKey key : generated(install)) {
      assertThat(upgrade.secret(key).reveal()).as("the new spec generated another " + key.secretKey())
          .isNotEqualTo(installed.get(key.secretKey()));
      assertThat(upgraded.get(key.secretKey())).as(key.secretKey() + " kept across the upgrade")
          .isEqualTo(installed.get(key.secretKey()));
    }

    assertThat(printed(shown, () -> helm.rollback(ReleaseRef.of(upgrade), 1).orThrow().revision()))
        .isEqualTo(3);
    assertThat(new AppsV1Api(cluster.newAdminClient()).readNamespacedDeployment("openim-api", namespace.name())
        .execute().getSpec().getReplicas()).as("revision 1's replicas are back").isEqualTo(1);
    assertThat(secretData(cluster, namespace)).as("the credentials stay the current ones").isEqualTo(upgraded);

    String chart = HelmReleases.record(ClusterConnection.fromKubeconfig(cluster.adminKubeconfig()),
        ReleaseRef.of(upgrade), 3).orElseThrow().json().getAsJsonObject("chart").toString();
    String output = String.join("\n", shown);
    String sent = events.toString();
    List<String> values = new ArrayList<>(installed.values());
    values.addAll(upgraded.values());
    for (String value : values) {
      assertThat(chart).as("the stored chart").doesNotContain(value);
      assertThat(output).as("standard output and error").doesNotContain(value);
      assertThat(sent).as("the events").doesNotContain(value);
    }
    assertThat(output).as("the capture worked").contains("helm upgrade");
  }

  /** The keys the spec uses but does not give (an external Redis needs no in-cluster password). */
  private static Set<SecretKey> generated(DeploymentSpec spec) {
    Set<SecretKey> keys = EnumSet.complementOf(EnumSet.copyOf(GIVEN));
    keys.removeIf(key -> !spec.uses(key));
    return keys;
  }

  private static List<String> expectedKeys(DeploymentSpec spec) {
    List<String> keys = new ArrayList<>();
    for (SecretKey key : SecretKey.values()) {
      if (spec.uses(key)) {
        keys.add(key.secretKey());
      }
    }
    keys.add("redis-external-password");
    return keys;
  }

  private static Map<String, String> secretData(LocalCluster cluster, TestNamespace namespace) throws Exception {
    Map<String, String> data = new LinkedHashMap<>();
    new CoreV1Api(cluster.newAdminClient()).readNamespacedSecret("openim-credentials", namespace.name()).execute()
        .getData().forEach((k, v) -> data.put(k, new String(v, StandardCharsets.UTF_8)));
    return data;
  }

  /** Runs {@code action}, adding what this JVM printed to standard output and error meanwhile to {@code shown}. */
  private static <T> T printed(List<String> shown, Supplier<T> action) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(new Tee(out, captured), true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(new Tee(err, captured), true, StandardCharsets.UTF_8));
    try {
      return action.get();
    } finally {
      System.setOut(out);
      System.setErr(err);
      shown.add(captured.toString(StandardCharsets.UTF_8));
    }
  }

  /** Writes to the original stream and to the capture. */
  private static final class Tee extends OutputStream {
    private final OutputStream original;
    private final ByteArrayOutputStream capture;

    Tee(OutputStream original, ByteArrayOutputStream capture) {
      this.original = original;
      this.capture = capture;
    }

    @Override
    public void write(int b) throws IOException {
      synchronized (capture) {
        capture.write(b);
      }
      original.write(b);
    }
  }
}
