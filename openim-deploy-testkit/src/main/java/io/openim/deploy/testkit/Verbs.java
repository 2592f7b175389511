/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.openim.deploy.BackupTarget;
import io.openim.deploy.Deployer;
import io.openim.deploy.DeploymentPlan;
import io.openim.deploy.DeploymentSpec;
import io.openim.deploy.NotSupportedException;
import io.openim.deploy.ReleaseRef;
import io.openim.deploy.Support;
import io.openim.deploy.Verb;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Calls any {@link Verb} of a {@link Deployer}, and asks whether it is supported. */
final class Verbs {
  private static final BackupTarget BACKUP_TARGET = BackupTarget.volume("contract-backup");
  private static final String BACKUP_ID = "20260101-000000";

  private Verbs() {}

  /** Skips the running test, saying why, unless {@code deployer} supports {@code verb}. */
  static void assumeSupported(Deployer deployer, Verb verb) {
    Support support = deployer.supports(verb);
    Assumptions.assumeTrue(support instanceof Support.Supported, () -> "the " + deployer.provider()
        + " provider does not support " + verb.word() + ": " + ((Support.Unsupported) support).reason());
  }

  /** The verbs {@code deployer} declines, in {@link Verb} order. */
  static List<Verb> declined(Deployer deployer) {
    return Arrays.stream(Verb.values()).filter(v -> deployer.supports(v) instanceof Support.Unsupported).toList();
  }

  /**
   * Calls {@code verb} for the release {@code plan} describes and checks that it is declined: a
   * {@link NotSupportedException} for this provider and verb with the reason {@link
   * Deployer#supports(Verb)} gives.
   */
  static void assertDeclined(Deployer deployer, Verb verb, DeploymentPlan plan) {
    Support support = deployer.supports(verb);
    assertThat(support).as("supports(%s)", verb).isInstanceOf(Support.Unsupported.class);
    String reason = ((Support.Unsupported) support).reason();
    Throwable thrown = catchThrowable(() -> call(deployer, verb, plan));
    assertThat(thrown).as("what %s did, which the %s provider says it does not support", verb.word(),
        deployer.provider()).isInstanceOf(NotSupportedException.class);
    NotSupportedException declined = (NotSupportedException) thrown;
    assertThat(declined.reason()).as("the reason %s was declined", verb.word()).isEqualTo(reason);
    assertThat(declined.verb()).isEqualTo(verb);
    assertThat(declined.provider()).isEqualTo(deployer.provider());
  }

  /** Calls {@code verb} with arguments for the release {@code plan} describes. */
  static Object call(Deployer deployer, Verb verb, DeploymentPlan plan) {
    DeploymentSpec spec = plan.spec();
    ReleaseRef release = ReleaseRef.of(spec);
    switch (verb) {
      case PLAN:
        return deployer.plan(spec);
      case DIFF:
        return deployer.diff(plan);
      case APPLY:
        return deployer.apply(plan);
      case STATUS:
        return deployer.status(release);
      case HISTORY:
        return deployer.history(release);
      case ROLLBACK:
        return deployer.rollback(release, 1);
      case DESTROY:
        return deployer.destroy(release, false);
      case BACKUP:
        return deployer.backup(spec, BACKUP_TARGET, BACKUP_ID);
      case RESTORE:
        return deployer.restore(spec, BACKUP_TARGET, BACKUP_ID);
      default:
        throw new AssertionError("the contract kit does not know how to call " + verb.word()
            + "; a newer openim-deploy-testkit may");
    }
  }
}
