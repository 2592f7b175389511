/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core;

import io.openim.deploy.core.images.ImageCheck;
import io.openim.deploy.core.images.ImageReport;
import io.openim.deploy.core.render.Topology;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Images;
import io.openim.deploy.core.images.ImageReport.Status;
import io.openim.deploy.local.LocalRegistry;
import io.openim.deploy.local.RegistryImages;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@DisplayName("ImageCheck against a real registry on 127.0.0.1")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageCheckIT {
  private LocalRegistry open;
  private RegistryImages images;
  private String multiDigest;
  private String dockerDigest;

  @BeforeAll
  void startRegistry() {
    open = LocalRegistry.builder().start();
    images = open.images();
    multiDigest = images.pushIndex("openim/openim-server", "v1", "linux/amd64", "linux/arm64");
    images.pushIndex("openim/openim-chat", "v1", "linux/amd64");
    images.pushSingle("library/mongo", "7", "linux/arm64");
    dockerDigest = images.pushDockerList("library/redis", "7", "linux/amd64", "linux/arm64");
  }

  @AfterAll
  void stopRegistry() {
    open.close();
  }

  private static ImageCheck defaults() {
    return ImageCheck.builder().build();
  }

  @Test
  @DisplayName("an index with both architectures is found, with the digest the registry holds and its platforms")
  void found() {
    ImageReport report = defaults().check(open.host() + "/openim/openim-server:v1");
    assertThat(report.status()).as(report.detail()).isEqualTo(Status.FOUND);
    assertThat(report.digest()).isEqualTo(multiDigest).startsWith("sha256:");
    assertThat(report.platforms()).containsExactly("linux/amd64", "linux/arm64");
    assertThat(report.pinned()).isEqualTo(open.host() + "/openim/openim-server:v1@" + multiDigest);
  }

  @Test
  @DisplayName("a Docker manifest list, as Docker Hub serves, is found with its platforms and digest")
  void dockerManifestList() {
    ImageReport report = defaults().check(open.host() + "/library/redis:7");
    assertThat(report.status()).as(report.detail()).isEqualTo(Status.FOUND);
    assertThat(report.digest()).isEqualTo(dockerDigest);
    assertThat(report.platforms()).containsExactly("linux/amd64", "linux/arm64");
    ImageReport byDigest = defaults().check(open.host() + "/library/redis@" + dockerDigest);
    assertThat(byDigest.status()).as("by digest too").isEqualTo(Status.FOUND);
  }

  @Test
  @DisplayName("a Docker v2 image manifest's platform is read from its config blob")
  void dockerSingleManifest() {
    ImageReport report = defaults().check(open.host() + "/library/redis:7-arm64");
    assertThat(report.platforms()).containsExactly("linux/arm64");
    assertThat(report.status()).isEqualTo(Status.MISSING_PLATFORM);
  }

  @Test
  @DisplayName("a tag the registry does not have is NOT_FOUND, naming the tag and the repository")
  void missingTag() {
    ImageReport report = defaults().check(open.host() + "/openim/openim-server:v3.8.3-patch.16");
    assertThat(report.status()).isEqualTo(Status.NOT_FOUND);
    assertThat(report.digest()).isNull();
    assertThat(report.detail()).contains("no tag v3.8.3-patch.16 in openim/openim-server")
        .contains("Pick a version whose images were published");
  }

  @Test
  @DisplayName("an index without arm64 is MISSING_PLATFORM; with only amd64 asked for it is found")
  void missingArchitectureInIndex() {
    ImageReport both = defaults().check(open.host() + "/openim/openim-chat:v1");
    assertThat(both.status()).isEqualTo(Status.MISSING_PLATFORM);
    assertThat(both.detail()).startsWith("has no linux/arm64 image (it offers linux/amd64)");
    assertThat(both.digest()).isNotNull();

    ImageReport amd64 = ImageCheck.builder().platforms(List.of("linux/amd64")).build()
        .check(open.host() + "/openim/openim-chat:v1");
    assertThat(amd64.status()).isEqualTo(Status.FOUND);
  }

  @Test
  @DisplayName("a single-platform manifest's platform is read from its config blob")
  void singleManifest() {
    ImageReport report = defaults().check(open.host() + "/library/mongo:7");
    assertThat(report.platforms()).containsExactly("linux/arm64");
    assertThat(report.status()).isEqualTo(Status.MISSING_PLATFORM);
    assertThat(report.detail()).startsWith("has no linux/amd64 image");
  }

  @Test
  @DisplayName("a registry nothing listens on is UNREACHABLE, naming the host")
  void unreachable() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ImageReport report = defaults().check("127.0.0.1:" + port + "/openim/openim-server:v1");
    assertThat(report.status()).isEqualTo(Status.UNREACHABLE);
    assertThat(report.detail()).contains("cannot reach the registry 127.0.0.1:" + port).contains("skip the check");
  }

  @Test
  @DisplayName("a plan whose mirror does not answer: the first image is tried, every other one reported at once")
  void unreachableMirror() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String host = "127.0.0.1:" + port;
    DeploymentPlan plan = Topology.plan(DeploymentSpec.builder("openim")
        .images(new Images(host + "/mirror", List.of())).build());
    List<String> refs = ImageCheck.images(plan);
    assertThat(refs).hasSizeGreaterThan(2);

    long start = System.nanoTime();
    List<ImageReport> reports = defaults().check(plan);
    long seconds = java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds();
    assertThat(reports).extracting(ImageReport::reference).containsExactlyElementsOf(refs);
    assertThat(reports).allSatisfy(r -> assertThat(r.status()).isEqualTo(Status.UNREACHABLE));
    assertThat(reports.get(0).detail()).contains("cannot reach the registry " + host).doesNotContain("not tried");
    for (ImageReport later : reports.subList(1, reports.size())) {
      assertThat(later.detail()).startsWith(reports.get(0).detail())
          .endsWith("(not tried: " + host + " did not answer for " + refs.get(0) + ")");
    }
    assertThat(seconds).as("one refused connection, not one per image").isLessThan(10);
  }

  @Test
  @DisplayName("a plan on the registry mirror: every problem at once, and pinning writes each found digest")
  void wholePlan() {
    DeploymentSpec spec = DeploymentSpec.builder("openim")
        .images(new Images(open.host() + "/mirror", List.of())).build();
    DeploymentPlan plan = Topology.plan(spec);
    List<String> refs = ImageCheck.images(plan);
    assertThat(refs).isNotEmpty().allMatch(r -> r.startsWith(open.host() + "/mirror/"))
        .anyMatch(r -> r.contains("/openim/openim-server:")).doesNotHaveDuplicates();
    String server = refs.stream().filter(r -> r.contains("/openim/openim-server:")).findFirst().orElseThrow();
    String chat = refs.stream().filter(r -> r.contains("/openim/openim-chat:")).findFirst().orElseThrow();
    List<String> pushed = new ArrayList<>();
    for (String ref : refs) {
      String path = ref.substring(open.host().length() + 1);
      String repository = path.substring(0, path.lastIndexOf(':'));
      String tag = path.substring(path.lastIndexOf(':') + 1);
      if (ref.equals(server)) {
        continue;  // the server's tag was never published
      }
      images.pushIndex(repository, tag, "linux/amd64", ref.equals(chat) ? "linux/amd64" : "linux/arm64");
      pushed.add(ref);
    }

    List<ImageReport> reports = defaults().check(plan);
    assertThat(reports).extracting(ImageReport::reference).containsExactlyElementsOf(refs);
    assertThat(ImageCheck.problems(reports)).hasSize(2)
        .anySatisfy(p -> assertThat(p).startsWith(server + ": not found"))
        .anySatisfy(p -> assertThat(p).startsWith(chat + ": has no linux/arm64"));

    DeploymentPlan pinned = ImageCheck.pin(plan, reports);
    List<String> pinnedRefs = ImageCheck.images(pinned);
    assertThat(pinnedRefs).contains(server).hasSize(refs.size());
    for (ImageReport report : reports) {
      if (report.digest() != null) {
        assertThat(pinnedRefs).contains(report.reference() + "@" + report.digest()).doesNotContain(report.reference());
      }
    }
    assertThat(pinned.manifests()).hasSameSizeAs(plan.manifests());
  }

  @Nested
  @DisplayName("behind HTTP basic authentication (htpasswd)")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Basic {
    private LocalRegistry locked;

    @BeforeAll
    void start() {
      locked = LocalRegistry.builder().user("alice", "wonder-land").start();
      locked.images().pushIndex("openim/openim-server", "v1",
          "linux/amd64", "linux/arm64");
    }

    @AfterAll
    void stop() {
      locked.close();
    }

    @Test
    @DisplayName("good credentials from docker config JSON find the image; none or wrong ones are AUTH_REFUSED")
    void credentials() {
      String image = locked.host() + "/openim/openim-server:v1";
      ImageReport good = ImageCheck.builder().dockerConfig(DockerConfigs.login(locked.host(), "alice", "wonder-land"), "test config")
          .build().check(image);
      assertThat(good.status()).as(good.detail()).isEqualTo(Status.FOUND);

      ImageCheck.Builder builder = ImageCheck.builder();
      ImageCheck built = builder.build();
      builder.dockerConfig(DockerConfigs.login(locked.host(), "alice", "wonder-land"), "added after build()");
      ImageReport none = built.check(image);
      assertThat(none.status()).as("credentials added after build() do not reach the check").isEqualTo(Status.AUTH_REFUSED);
      assertThat(none.detail()).contains("asks for credentials and none were given for " + locked.host())
          .contains("images.pullSecrets");

      ImageReport wrong = ImageCheck.builder().dockerConfig(DockerConfigs.login(locked.host(), "alice", "guess"), "test config")
          .build().check(image);
      assertThat(wrong.status()).isEqualTo(Status.AUTH_REFUSED);
      assertThat(wrong.detail()).contains("refused the credentials of alice from test config")
          .doesNotContain("guess");
    }

    @Test
    @DisplayName("a docker config that keeps its credentials in credsStore/credHelpers: the advice says they are not read")
    void credentialHelpers() {
      String image = locked.host() + "/openim/openim-server:v1";
      String helpers = "{\"auths\":{\"" + locked.host() + "\":{}},\"credsStore\":\"desktop\"}";
      ImageReport report = ImageCheck.builder().dockerConfig(helpers, "~/.docker/config.json").build().check(image);
      assertThat(report.status()).isEqualTo(Status.AUTH_REFUSED);
      assertThat(report.detail())
          .contains("asks for credentials and none were given for " + locked.host())
          .contains("~/.docker/config.json keeps credentials in credsStore/credHelpers, which are not read")
          .contains("images.pullSecrets").contains("\"auths\" hold the credentials inline (--docker-config)")
          .doesNotContain("docker login");

      ImageReport plain = ImageCheck.builder().build().check(image);
      assertThat(plain.detail()).as("no helper, no word about helpers").doesNotContain("credsStore")
          .doesNotContain("docker login");
    }
  }

  @Nested
  @DisplayName("behind a bearer-token challenge, as Docker Hub")
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Token {
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private volatile boolean grant = true;
    private HttpServer tokenServer;
    private LocalRegistry challenging;

    @BeforeAll
    void start() throws IOException {
      tokenServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      tokenServer.createContext("/token", exchange -> {
        tokenRequests.incrementAndGet();
        byte[] body = (grant ? "{\"token\":\"t0ken\"}" : "{\"errors\":[]}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(grant ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
      });
      tokenServer.start();
      challenging = LocalRegistry.builder()
          .tokenRealm("http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/token").start();
      challenging.images().pushIndex("openim/openim-server", "v1",
          "linux/amd64", "linux/arm64");
    }

    @AfterAll
    void stop() {
      challenging.close();
      tokenServer.stop(0);
    }

    @Test
    @DisplayName("an anonymous check fetches a token from the realm and finds the image; a refused token is AUTH_REFUSED")
    void token() {
      String image = challenging.host() + "/openim/openim-server:v1";
      grant = true;
      int before = tokenRequests.get();
      ImageReport found = defaults().check(image);
      assertThat(found.status()).as(found.detail()).isEqualTo(Status.FOUND);
      assertThat(tokenRequests.get()).isGreaterThan(before);

      grant = false;
      ImageReport refused = defaults().check(image);
      assertThat(refused.status()).as(refused.detail()).isEqualTo(Status.AUTH_REFUSED);
    }
  }
}
