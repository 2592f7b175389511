/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.render;

import java.util.List;
import java.util.Objects;

/**
 * What an image runs when a pod sets neither {@code command} nor {@code args}, as its Dockerfile
 * says. In Kubernetes {@code command} replaces the image's entrypoint and {@code args} its cmd, so
 * a program the entrypoint prepares (creating a root user, dropping privileges) must be reached
 * through the entrypoint: {@code args} naming it, no {@code command}.
 *
 * @param image the image reference, registry included
 * @param entrypoint the image's ENTRYPOINT
 * @param cmd the image's CMD
 * @param user the image's USER, empty for root
 * @param workdir the image's WORKDIR
 * @param setsUp the programs the entrypoint prepares before it executes them
 * @param runAsUser the non-root uid openim-deploy runs the image's containers as: the image's own
 *     user where it has one, else one the image's layout allows (versions.yaml says why for each)
 * @param runAsGroup the gid that goes with {@code runAsUser}, also the pods' {@code fsGroup} where a
 *     volume must be writable
 * @since 0.1
 */
public record ImageFacts(
    String image, List<String> entrypoint, List<String> cmd, String user, String workdir,
    List<String> setsUp, int runAsUser, int runAsGroup) {
  /** Checks every part is given and the user is not root. */
  public ImageFacts {
    Objects.requireNonNull(image, "image");
    entrypoint = List.copyOf(entrypoint);
    cmd = List.copyOf(cmd);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(workdir, "workdir");
    setsUp = List.copyOf(setsUp);
    if (runAsUser <= 0 || runAsGroup <= 0) {
      throw new IllegalArgumentException(image + ": runAsUser and runAsGroup must be non-root (above 0), not "
          + runAsUser + ":" + runAsGroup);
    }
  }

  /**
   * Why a container that starts {@code command} with {@code args} on this image bypasses setup
   * its entrypoint would have done, or an empty string when it does not.
   *
   * @param command the container's {@code command}, empty when unset
   * @param args the container's {@code args}, empty when unset
   */
  public String bypassedSetup(List<String> command, List<String> args) {
    if (!command.isEmpty()) {
      String program = command.get(0);
      return setsUp.contains(program)
          ? "command " + program + " replaces " + image + "'s entrypoint " + entrypoint
              + ", which prepares " + program + " before it runs it; pass it as args instead"
          : "";
    }
    if (!args.isEmpty() && !setsUp.isEmpty() && !setsUp.contains(args.get(0))) {
      return "args start with " + args.get(0) + ", but " + image + "'s entrypoint " + entrypoint
          + " prepares only " + setsUp + "; name one of them first";
    }
    return "";
  }
}
