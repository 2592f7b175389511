/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.render.SpecFile;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.local.LocalRegistry;
import io.openim.deploy.testkit.WithLocalCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster
@DisplayName("images, up and plan --pin-digests against a real registry on 127.0.0.1")
class ImagesCommandIT {
  @TempDir Path temp;
  private LocalRegistry registry;
  private final Console console = new Console();

  @BeforeEach
  void startRegistry() {
    registry = LocalRegistry.builder().start();
  }

  @AfterEach
  void stopRegistry() {
    registry.close();
  }

  private Path spec(String namespace) throws Exception {
    return spec(namespace, registry.host());
  }

  private Path spec(String namespace, String registryHost) throws Exception {
    return Files.writeString(temp.resolve("openim.yaml"), "namespace: " + namespace + "\nrelease: im\n"
        + "images: {registryMirror: " + registryHost + "/hub}\n");
  }

  /** Pushes every image of the spec's plan, for amd64 and arm64, except {@code skipped}. */
  private List<String> pushAllBut(Path spec, String skipped) {
    DeploymentSpec parsed = SpecFile.read(spec);
    List<String> refs = ImageCheck.images(Topology.plan(parsed));
    for (String ref : refs) {
      if (ref.contains(skipped)) {
        continue;
      }
      String path = ref.substring(ref.indexOf('/') + 1);
      int colon = path.lastIndexOf(':');
      registry.images().pushIndex(path.substring(0, colon), path.substring(colon + 1), "linux/amd64", "linux/arm64");
    }
    return refs;
  }

  @Test
  @DisplayName("up with an image missing is refused before any write: the namespace does not even exist")
  void refusedUpChangesNothing(LocalCluster cluster) throws Exception {
    String namespace = "images-refused";
    Path spec = spec(namespace);
    List<String> refs = pushAllBut(spec, "/openim/openim-server:");
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());

    int code = console.run("up", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
    assertThat(code).as(console.err()).isEqualTo(3);
    String server = refs.stream().filter(r -> r.contains("/openim/openim-server:")).findFirst().orElseThrow();
    assertThat(console.err()).contains("error: 1 of " + refs.size() + " images cannot be pulled as the plan says;"
            + " up refused, nothing in the cluster was changed:")
        .contains("  " + server + ": not found: the registry " + registry.host() + " has no tag")
        .contains("run with --skip-image-check");
    assertThat(console.out()).contains("Checking " + refs.size() + " images for ").doesNotContain("FOUNDATION");

    ApiClient admin = cluster.newAdminClient();
    assertThat(namespaceExists(admin, namespace)).as("the refused up created nothing").isFalse();
  }

  @Test
  @DisplayName("images lists each image with digest and platforms; plan --pin-digests writes them; up then applies")
  void everyImageFound(LocalCluster cluster) throws Exception {
    String namespace = "images-found";
    Path spec = spec(namespace);
    List<String> refs = pushAllBut(spec, "(nothing skipped)");

    assertThat(console.run("images", "-f", spec.toString())).as(console.err()).isZero();
    assertThat(console.out()).contains("Checking " + refs.size() + " images for linux/amd64, linux/arm64");
    for (String ref : refs) {
      assertThat(console.out()).containsPattern("  ok       " + java.util.regex.Pattern.quote(ref)
          + "  sha256:[0-9a-f]{64}  linux/amd64,linux/arm64");
    }

    console.clear();
    assertThat(console.run("plan", "-f", spec.toString(), "--pin-digests")).as(console.err()).isZero();
    for (String ref : refs) {
      assertThat(console.out()).containsPattern("image: " + java.util.regex.Pattern.quote(ref) + "@sha256:[0-9a-f]{64}");
    }
    assertThat(console.out()).doesNotContainPattern("image: [^@\\n]+\\n");

    console.clear();
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    int code = console.run("up", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString());
    assertThat(code).as(console.err()).isZero();
    assertThat(console.out()).contains("Checking " + refs.size() + " images for ").contains("is up in " + namespace + "/im");
  }

  @Test
  @DisplayName("images exits 3 listing every problem at once; plan --pin-digests then prints no plan")
  void everyProblemAtOnce() throws Exception {
    Path spec = spec("images-problems");
    List<String> refs = ImageCheck.images(Topology.plan(SpecFile.read(spec)));
    registry.images().pushIndex("hub/openim/openim-chat", tagOf(refs, "/openim/openim-chat:"), "linux/amd64");

    assertThat(console.run("images", "-f", spec.toString())).isEqualTo(3);
    assertThat(console.err()).contains("error: " + refs.size() + " of " + refs.size() + " images cannot be pulled")
        .contains("openim-chat:" + tagOf(refs, "/openim/openim-chat:") + ": has no linux/arm64 image");
    assertThat(console.err().lines().filter(l -> l.startsWith("  " + registry.host()))).hasSize(refs.size());

    console.clear();
    assertThat(console.run("plan", "-f", spec.toString(), "--pin-digests")).isEqualTo(3);
    assertThat(console.out()).isEmpty();
    assertThat(console.err()).contains("no plan was printed");
  }

  @Test
  @DisplayName("--platform states the platforms: images and up check those, not the defaults or the nodes'")
  void statedPlatforms(LocalCluster cluster) throws Exception {
    Path spec = spec("images-platform");
    List<String> refs = pushAllBut(spec, "(nothing skipped)");
    String chat = refs.stream().filter(r -> r.contains("/openim/openim-chat:")).findFirst().orElseThrow();
    registry.images().pushIndex("hub/openim/openim-chat", tagOf(refs, "/openim/openim-chat:"), "linux/amd64");

    assertThat(console.run("images", "-f", spec.toString())).as("amd64 and arm64 by default").isEqualTo(3);
    console.clear();
    assertThat(console.run("images", "-f", spec.toString(), "--platform", "linux/amd64")).as(console.err()).isZero();
    assertThat(console.out()).contains("Checking " + refs.size() + " images for linux/amd64 in")
        .contains("  ok       " + chat);

    console.clear();
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    int code = console.run("up", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString(),
        "--platform", "linux/amd64", "--platform", "linux/arm64");
    assertThat(code).as("the KWOK nodes are amd64 only; the stated arm64 is checked").isEqualTo(3);
    assertThat(console.err()).contains(chat + ": has no linux/arm64 image").contains("up refused");
  }

  @Test
  @DisplayName("--insecure-registry reaches a plain-HTTP registry by a name that is not loopback's own: images, plan --pin-digests, up")
  void insecureRegistry(LocalCluster cluster) throws Exception {
    // the machine's host name resolves to a loopback address here (/etc/hosts), yet it is not one of the
    // names reached over plain HTTP by default (localhost, 127.*, [::1]): the flag must make the difference,
    // and no packet leaves the loopback interface
    String name = InetAddress.getLocalHost().getHostName();
    Assumptions.assumeTrue(InetAddress.getByName(name).isLoopbackAddress(),
        "this machine's host name " + name + " does not resolve to a loopback address");
    int registryPort = Integer.parseInt(registry.host().substring(registry.host().lastIndexOf(':') + 1));
    String host = name + ":" + registryPort;
    Path spec = spec("images-insecure", host);
    List<String> refs = pushAllBut(spec, "(nothing skipped)");
    assertThat(refs).allMatch(r -> r.startsWith(host + "/hub/"));

    assertThat(console.run("images", "-f", spec.toString())).as("HTTPS to a plain-HTTP registry").isEqualTo(3);
    assertThat(console.err()).contains("error: " + refs.size() + " of " + refs.size() + " images cannot be pulled")
        .contains(refs.get(0) + ": the registry " + host + " answers HTTPS in plain HTTP")
        .contains("--insecure-registry " + host);
    console.clear();
    assertThat(console.run("images", "-f", spec.toString(), "--insecure-registry", host)).as(console.err()).isZero();

    console.clear();
    assertThat(console.run("plan", "-f", spec.toString(), "--pin-digests", "--insecure-registry", host))
        .as(console.err()).isZero();
    assertThat(console.out()).containsPattern("image: " + java.util.regex.Pattern.quote(refs.get(0)) + "@sha256:");

    console.clear();
    Path kubeconfig = Files.writeString(temp.resolve("kubeconfig"), cluster.adminKubeconfig());
    int code = console.run("up", "--kubeconfig", kubeconfig.toString(), "-f", spec.toString(),
        "--insecure-registry", host, "--platform", "linux/s390x");
    assertThat(code).isEqualTo(3);
    assertThat(console.err()).as("the registry answered over HTTP: the images were found, lacking s390x")
        .contains(refs.get(0) + ": has no linux/s390x image (it offers linux/amd64, linux/arm64)");
  }

  private static String tagOf(List<String> refs, String repository) {
    String ref = refs.stream().filter(r -> r.contains(repository)).findFirst().orElseThrow();
    return ref.substring(ref.lastIndexOf(':') + 1);
  }

  private static boolean namespaceExists(ApiClient admin, String name) throws ApiException {
    try {
      new CoreV1Api(admin).readNamespace(name).execute();
      return true;
    } catch (ApiException e) {
      if (e.getCode() == 404) {
        return false;
      }
      throw e;
    }
  }
}
