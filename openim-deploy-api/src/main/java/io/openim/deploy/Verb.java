/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

/**
 * The operations of a {@link Deployer}. A provider supports some of them; {@link
 * Deployer#supports(Verb)} says which, and an unsupported one throws {@link NotSupportedException}
 * with the reason.
 *
 * <p>This family may grow.
 *
 * @since 0.3
 */
public enum Verb {
  /** {@link Deployer#plan(DeploymentSpec)}. */
  PLAN,
  /** {@link Deployer#diff(DeploymentPlan)}. */
  DIFF,
  /** {@link Deployer#apply(DeploymentPlan)}. */
  APPLY,
  /** {@link Deployer#status(ReleaseRef)}. */
  STATUS,
  /** {@link Deployer#history(ReleaseRef)}. */
  HISTORY,
  /** {@link Deployer#rollback(ReleaseRef, int)}. */
  ROLLBACK,
  /** {@link Deployer#destroy(ReleaseRef, boolean)}. */
  DESTROY,
  /** {@link Deployer#backup(DeploymentSpec, BackupTarget, String)}. */
  BACKUP,
  /** {@link Deployer#restore(DeploymentSpec, BackupTarget, String)}. */
  RESTORE;

  /** The verb as the CLI and messages say it: {@code plan}, {@code rollback}, ... */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
