/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openim.deploy.DeploymentException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Operation.each: a batch's objects at once")
class OperationTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final Operation operation = new Operation(ClusterConnection.fromKubeconfig(ClusterConnectionTest.UNREACHABLE),
      Instant.now().plusSeconds(60), Duration.ofMinutes(1), pool);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  @DisplayName("an unreachable API server fails the batch only once every other object's task has ended, so none"
      + " goes on changing the cluster (found by KillPointsIT: tasks retried after deploy() had thrown)")
  void waitsForEveryTask() {
    CountDownLatch thrown = new CountDownLatch(1);
    AtomicBoolean otherEnded = new AtomicBoolean();
    DeploymentException e = catchThrowableOfType(DeploymentException.class, () -> operation.each(List.of(1, 2),
        n -> {
          if (n == 1) {
            thrown.countDown();
            throw new DeploymentException("apply Service/ns/a failed after 8 attempts: cannot reach the API server");
          }
          try {
            assertThat(thrown.await(10, TimeUnit.SECONDS)).isTrue();
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
          }
          otherEnded.set(true);
          return n;
        }));
    assertThat(e).hasMessageContaining("failed after 8 attempts");
    assertThat(otherEnded).as("the other task had ended when each() threw").isTrue();
  }

  @Test
  @DisplayName("every object of the batch that failed is kept, not only the first (two conflicts in one phase)")
  void keepsEveryFailure() {
    RolloutException e = catchThrowableOfType(RolloutException.class, () -> operation.each(List.of("a", "b", "c"),
        name -> {
          if (!name.equals("b")) {
            throw new RolloutException("Deployment/ns/" + name, "conflicts with fields owned by other managers");
          }
          return name;
        }));
    assertThat(e.object()).isEqualTo("Deployment/ns/a");
    assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(RolloutException.class,
        other -> assertThat(other.object()).isEqualTo("Deployment/ns/c"));
  }
}
