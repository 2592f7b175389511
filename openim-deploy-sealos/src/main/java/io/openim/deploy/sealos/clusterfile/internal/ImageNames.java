/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.clusterfile.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The images of a Clusterfile's {@code spec.image}: each a well-formed reference, none twice, and
 * in the order sealos applies them, which docs/sealos.md states as "the Kubernetes image first;
 * {@code helm} before the network plugin".
 */
final class ImageNames {
  private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  /** registry host (with port) and path, an optional tag, an optional digest: the usual reference form. */
  private static final Pattern REFERENCE = Pattern.compile(
      "(?:[A-Za-z0-9.-]+(?::[0-9]+)?/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
          + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,})?");
  /** The network plugins docs/sealos.md names: sealos's current one and the one its docs show. */
  private static final Set<String> NETWORK_PLUGINS = Set.of("cilium", "calico");
  private static final String FACT = " (sealos applies spec.image in order: the Kubernetes image first, helm before"
      + " the network plugin; docs/sealos.md)";

  private ImageNames() {}

  /** Why {@code image} is no image reference, or empty. */
  static String shapeProblem(String image) {
    if (image.isBlank()) {
      return "is empty; give an image reference such as ghcr.io/labring/sealos/helm:v3.16.2";
    }
    return REFERENCE.matcher(image).matches() ? ""
        : "'" + image + "' is not an image reference (registry/repository:tag, lower-case repository)";
  }

  /** The repository's last part, without registry, tag or digest: {@code kubernetes} for {@code ghcr.io/labring/sealos/kubernetes:v1.28.15}. */
  static String shortName(String image) {
    String name = image;
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    int slash = name.lastIndexOf('/');
    int colon = name.lastIndexOf(':');
    if (colon > slash) {
      name = name.substring(0, colon);
    }
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** Records every problem of {@code images}, each image at {@code spec.image[i]}. */
  static void check(List<String> images, Problems problems) {
    if (images.isEmpty()) {
      problems.add("spec.image", "is empty; list the Kubernetes image first, for example "
          + "SealosImages.standard() (kubernetes, helm, cilium)");
      return;
    }
    Map<String, Integer> seen = new HashMap<>();
    int kubernetes = -1;
    int helm = -1;
    for (int i = 0; i < images.size(); i++) {
      String image = images.get(i);
      String path = "spec.image[" + i + "]";
      String shape = shapeProblem(image);
      if (!shape.isEmpty()) {
        problems.add(path, shape);
        continue;
      }
      Integer earlier = seen.putIfAbsent(image, i);
      if (earlier != null) {
        problems.add(path, "'" + image + "' is listed twice (also spec.image[" + earlier + "]); keep one");
        continue;
      }
      String name = shortName(image);
      if (name.equals("kubernetes")) {
        if (kubernetes >= 0) {
          problems.add(path, "is a second Kubernetes image (the first is spec.image[" + kubernetes + "]); a cluster"
              + " runs one: keep one");
        } else if (i > 0) {
          problems.add(path, "is the Kubernetes image, but not first; move it to spec.image[0]" + FACT);
        }
        kubernetes = kubernetes < 0 ? i : kubernetes;
      } else if (name.equals("helm")) {
        helm = helm < 0 ? i : helm;
      } else if (NETWORK_PLUGINS.contains(name) && helm < 0) {
        int later = indexOfHelm(images, i + 1);
        problems.add(path, "the network plugin " + name + " comes before helm; "
            + (later < 0 ? "add helm (SealosImages.HELM) before it" : "move spec.image[" + later + "] (helm) before it")
            + FACT);
      }
    }
    if (kubernetes < 0 && shapeProblem(images.get(0)).isEmpty()) {
      problems.add("spec.image[0]", "'" + images.get(0) + "' is not the Kubernetes image, and none is listed; put"
          + " one first, for example SealosImages.KUBERNETES" + FACT);
    }
  }

  private static int indexOfHelm(List<String> images, int from) {
    for (int i = from; i < images.size(); i++) {
      if (shortName(images.get(i)).equals("helm")) {
        return i;
      }
    }
    return -1;
  }
}
