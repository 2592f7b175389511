/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Data operations: backup and restore of a release's MongoDB and MinIO, by Jobs the engine applies;
 * {@link io.openim.deploy.core.data.BackupManifest} is a backup's list of files and their sums.
 */
@NullMarked
package io.openim.deploy.core.data;

import org.jspecify.annotations.NullMarked;
