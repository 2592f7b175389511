/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The sealos Clusterfile as typed values: a {@link io.openim.deploy.sealos.clusterfile.Clusterfile}
 * (kind {@code Cluster}, {@code apps.sealos.io/v1beta1}) with its hosts, SSH settings, images, env
 * and {@code Config} documents, validated strictly, written so sealos reads it back unchanged and
 * parsed back into an equal value.
 *
 * <p>The facts behind every rule here are in the project's {@code docs/sealos.md} (read from
 * sealos v5.1.1, {@code lifecycle/pkg/types/v1beta1/cluster.go}). sealos itself reads a
 * Clusterfile leniently: it ignores unknown fields, keeps the last of repeated keys and does not
 * check {@code apiVersion}. This package refuses all of those, so a mistake shows before sealos
 * runs instead of being silently dropped.
 *
 * @since 0.3
 */
@NullMarked
package io.openim.deploy.sealos.clusterfile;

import org.jspecify.annotations.NullMarked;
