/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.images;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the registry said about one image reference of a plan: found with its digest and platforms,
 * or the problem that would keep a node from pulling it.
 *
 * @param reference the reference as the plan has it (after the registry mirror), as pods pull it
 * @param resolved the fully qualified reference that was resolved ({@code docker.io/library/...}
 *     for Docker Hub's short names)
 * @param status what was found
 * @param digest the manifest or index digest the reference resolves to, when it was found
 * @param platforms the platforms the reference offers ({@code os/architecture[/variant]}), when it
 *     was found
 * @param detail what went wrong and what to do, empty when {@link Status#FOUND}
 * @since 0.1
 */
public record ImageReport(
    String reference,
    String resolved,
    Status status,
    @Nullable String digest,
    List<String> platforms,
    String detail) {

  /**
   * The outcome of resolving one reference. May grow: keep a default branch when switching.
   *
   * @since 0.1
   */
  public enum Status {
    /** The reference resolves and offers every platform asked for. */
    FOUND,
    /** The registry has no such tag or repository. */
    NOT_FOUND,
    /** The reference resolves, but lacks a platform the cluster's nodes need. */
    MISSING_PLATFORM,
    /** The registry refused the credentials given, or asked for some and none were given. */
    AUTH_REFUSED,
    /** The registry could not be reached. */
    UNREACHABLE,
    /** Anything else the registry answered that is not an image. */
    FAILED
  }

  /** Checks the parts and copies the platforms. */
  public ImageReport {
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(resolved, "resolved");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    platforms = List.copyOf(platforms);
    if (status == Status.FOUND && digest == null) {
      throw new IllegalArgumentException("a found image needs its digest: " + reference);
    }
  }

  /** Whether nodes can pull the reference for every platform asked for. */
  public boolean ok() {
    return status == Status.FOUND;
  }

  /**
   * The reference pinned to its digest ({@code image:tag@sha256:...}, which kubelet pulls by the
   * digest), or the reference itself when no digest is known.
   */
  public String pinned() {
    if (digest == null) {
      return reference;
    }
    int at = reference.indexOf('@');
    return (at < 0 ? reference : reference.substring(0, at)) + "@" + digest;
  }

  /** One line: the reference, then its digest and platforms, or its problem. */
  public String describe() {
    return ok()
        ? reference + "  " + digest + "  " + String.join(",", platforms)
        : reference + ": " + detail;
  }
}
