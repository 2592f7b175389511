/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.helm;

import io.openim.deploy.Deployer;
import static org.assertj.core.api.Assertions.assertThat;

import io.openim.deploy.DependencyKind;
import io.openim.deploy.Dependency;
import io.openim.deploy.DeploymentResult;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.Secret;
import io.openim.deploy.Target;
import io.openim.deploy.core.OpenImDeploy;
import io.openim.deploy.local.LocalCluster;
import io.openim.deploy.testkit.TestNamespace;
import io.openim.deploy.testkit.WithLocalCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@WithLocalCluster(namespace = WithLocalCluster.NamespaceScope.TEST)
@DisplayName("The helm provider waits for Deployments as the built-in provider does")
class HelmProgressDeadlineIT {
  @Test
  @DisplayName("a Deployment's wait runs to its own progress deadline, not the per-object timeout")
  void deploymentsOutliveTheObjectTimeout(LocalCluster cluster, TestNamespace namespace) {
    // every dependency external and chat off: Deployments are the only objects waited for, so a
    // per-object timeout of a millisecond fails the release unless Deployments wait by their deadline
    DeploymentSpec spec = DeploymentSpec.builder("openim").namespace(namespace.name()).chat(false)
        .dependency(DependencyKind.MONGODB, Dependency.external(List.of("mongo.example.com:27017"), "im",
            Secret.of("mongo-pass-xyz")))
        .dependency(DependencyKind.REDIS, Dependency.external(List.of("redis.example.com:6379"), null,
            Secret.of("r-xyz")))
        .dependency(DependencyKind.KAFKA, Dependency.external(List.of("kafka.example.com:9092"), null, null))
        .dependency(DependencyKind.ETCD, Dependency.external(List.of("etcd.example.com:2379"), null, null))
        .dependency(DependencyKind.MINIO, Dependency.external(List.of("http://s3.example.com:9000"), "ak",
            Secret.of("sk-xyz")))
        .minioExternalAddress("https://files.example.com").build();
    Deployer helm = OpenImDeploy.builder().target(Target.kubernetes(cluster.adminKubeconfig()))
        .provider(HelmProvider.ID).objectTimeout(Duration.ofMillis(1)).timeout(Duration.ofMinutes(3)).build();

    DeploymentResult result = helm.deploy(spec);

    assertThat(result).as("%s", result).isInstanceOf(DeploymentResult.Succeeded.class);
  }
}
