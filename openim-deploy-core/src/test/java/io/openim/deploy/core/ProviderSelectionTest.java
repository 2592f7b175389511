/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.Deployer;
import io.openim.deploy.NotSupportedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Verb;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Host;
import io.openim.deploy.NoSuitableProviderException;
import io.openim.deploy.Target;
import io.openim.deploy.spi.DeploymentProvider;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.Support;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Choosing a provider")
class ProviderSelectionTest {
  /** A cluster nothing listens for: opening a deployer reads its kubeconfig but sends no request. */
  private static final Target CLUSTER = Target.kubernetes("""
      apiVersion: v1
      kind: Config
      clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
      users: [{name: u, user: {token: t}}]
      contexts: [{name: c, context: {cluster: c, user: u}}]
      current-context: c
      """);
  private static final Target HOSTS = Target.hosts(Host.ssh("im-1.example.invalid", "root"));

  @TempDir Path temp;

  @Test
  @DisplayName("the built-in kubernetes provider is found by ServiceLoader for a cluster")
  void builtIn() {
    try (Deployer deployer = OpenImDeploy.builder().target(CLUSTER).build()) {
      assertThat(deployer).isInstanceOf(KubernetesDeployer.class);
      assertThat(deployer.provider()).isEqualTo(KubernetesProvider.ID);
    }
  }

  @Test
  @DisplayName("no provider for hosts: the error lists every candidate and why it declined")
  void noneSupports() {
    NoSuitableProviderException e = catchThrowableOfType(NoSuitableProviderException.class,
        () -> OpenImDeploy.builder().target(HOSTS).build());
    assertThat(e.getMessage()).startsWith("No provider supports Hosts (kubernetes: applies to an existing Kubernetes cluster only");
    assertThat(e.rejected()).containsOnlyKeys("kubernetes");
  }

  @Test
  @DisplayName("an unknown id lists the ids found")
  void unknownId() {
    NoSuitableProviderException e = catchThrowableOfType(NoSuitableProviderException.class,
        () -> OpenImDeploy.builder().target(CLUSTER).provider("k3s").build());
    assertThat(e.getMessage()).contains("No provider has the id 'k3s'; found: kubernetes");
  }

  @Test
  @DisplayName("explicit registration replaces discovery; a tie at the top is an error")
  void explicitAndTies() {
    assertThat(OpenImDeploy.builder().target(HOSTS).provider(new HostsProvider()).build().provider())
        .isEqualTo("acme-hosts");
    NoSuitableProviderException e = catchThrowableOfType(NoSuitableProviderException.class,
        () -> OpenImDeploy.builder().target(CLUSTER)
            .provider(new KubernetesProvider()).provider(new OtherKubernetes()).build());
    assertThat(e.getMessage()).contains("Providers kubernetes, other all support Kubernetes with priority 0; choose one by id");
  }

  @Test
  @DisplayName("a provider in a jar of its own is discovered through the given class loader; a broken entry is reported, not fatal")
  void customProviderFromAJar() throws Exception {
    Path good = jar("acme-provider.jar", HostsProvider.class.getName());
    Path broken = jar("broken-provider.jar", "com.example.DoesNotExist");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {good.toUri().toURL(), broken.toUri().toURL()},
        getClass().getClassLoader())) {
      Deployer openim = OpenImDeploy.builder().target(HOSTS).classLoader(loader).build();
      assertThat(openim.provider()).isEqualTo("acme-hosts");
      assertThat(openim.deploy(DeploymentSpec.builder("openim").build()).orThrow().revision()).isEqualTo(1);
      assertThat(openim.supports(Verb.HISTORY)).isInstanceOf(Support.Unsupported.class);
      NotSupportedException declined = catchThrowableOfType(NotSupportedException.class,
          () -> openim.history(ReleaseRef.of(DeploymentSpec.builder("openim").build())));
      assertThat(declined.getMessage())
          .isEqualTo("the acme-hosts provider does not support history: the acme-hosts provider does not implement history");
      assertThat(declined.verb()).isEqualTo(Verb.HISTORY);

      NoSuitableProviderException e = catchThrowableOfType(NoSuitableProviderException.class,
          () -> OpenImDeploy.builder().target(CLUSTER).classLoader(loader).provider("missing").build());
      assertThat(e.rejected()).containsKey("(broken registration)");
      assertThat(e.rejected().get("(broken registration)")).contains("com.example.DoesNotExist");
    }
  }

  private Path jar(String name, String providerClass) throws Exception {
    Path jar = temp.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/services/io.openim.deploy.spi.DeploymentProvider"));
      out.write((providerClass + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }

  /** A second provider for clusters, to make a tie. */
  static final class OtherKubernetes implements DeploymentProvider {
    @Override
    public String id() {
      return "other";
    }

    @Override
    public Support supports(Target target) {
      return Support.yes();
    }

    @Override
    public Deployer open(ProviderContext context) {
      throw new UnsupportedOperationException();
    }
  }
}
