/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A finished, verified backup.
 *
 * @param id the backup's id, its folder's name in the target
 * @param target where it is
 * @param job the Job that made it, kept a week for its logs
 * @param verification what the Job's last step reported (files, bytes, the manifest's SHA-256), or
 *     null when the node did not pass the container's termination message on
 * @param took how long it took
 * @since 0.2
 */
public record BackupReport(String id, BackupTarget target, String job, @Nullable String verification, Duration took) {}
