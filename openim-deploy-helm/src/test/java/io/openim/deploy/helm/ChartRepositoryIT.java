/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.core.chart.ChartExport;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Target;
import io.openim.deploy.core.render.Topology;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.spi.ProviderContext;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithLocalCluster
@DisplayName("The helm provider installs a chart version from a chart repository")
class ChartRepositoryIT {
  @TempDir Path temp;

  @Test
  @DisplayName("fetches the version the repository's index lists, and names the ones it has when asked for another")
  void fromRepository(LocalCluster cluster, TestNamespace namespace) throws Exception {
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false).build();
    DeploymentPlan plan = Topology.plan(spec);
    Path chart = ChartExport.write(plan, temp.resolve("src"), new ChartExport.Options("openim", "1.4.2", false));
    Path repo = Files.createDirectories(temp.resolve("repo"));
    HelmCli.run("package", chart.toString(), "-d", repo.toString());

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    server.createContext("/", exchange -> {
      Path file = repo.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
      if (!file.startsWith(repo) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        byte[] body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    server.start();
    try {
      URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
      HelmCli.run("repo", "index", repo.toString(), "--url", url.toString());
      ProviderContext context = new ProviderContext(Target.kubernetes(cluster.adminKubeconfig()), e -> { },
          Duration.ofMinutes(2), Duration.ofMinutes(5), false);
      HelmProvider helm = new HelmProvider();

      DeploymentResult missing = helm.installChart(url, "openim", "9.9.9", ChartExport.values(plan, false),
          ReleaseRef.of(spec), context);
      assertThat(missing).isInstanceOfSatisfying(DeploymentResult.Failed.class,
          f -> assertThat(f.reason()).contains("has no version 9.9.9 of openim; it has [1.4.2]"));

      DeploymentResult.Succeeded installed = helm.installChart(url, "openim", "1.4.2", ChartExport.values(plan, false),
          ReleaseRef.of(spec), context).orThrow();
      assertThat(installed.revision()).isEqualTo(1);
      assertThat(new AppsV1Api(cluster.newAdminClient()).listNamespacedDeployment(namespace.name()).execute().getItems())
          .hasSize(12);
    } finally {
      server.stop(0);
    }
  }
}
