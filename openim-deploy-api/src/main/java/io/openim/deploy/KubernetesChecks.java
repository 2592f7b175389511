/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The API server's own rules for the values a spec passes on into objects, checked by {@link
 * SpecChecks} before anything is applied: a value the server would refuse would otherwise stop an
 * apply half-way, after the objects before it were written. Each rule cites the validation code
 * of Kubernetes v1.36.3 (k8s.io/kubernetes and k8s.io/apimachinery v0.36.3) it copies.
 */
final class KubernetesChecks {
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  /** apimachinery pkg/util/validation/validation.go: qualifiedNameFmt, at most 63 characters. */
  private static final Pattern QUALIFIED_NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  /** The same file: labelValueFmt, empty or at most 63 characters. */
  private static final Pattern LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
  private static final Pattern QUANTITY = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?");
  /** k8s.io/kubernetes pkg/apis/core/types.go: MaxSecretSize, also the limit of a ConfigMap's data. */
  static final int MAX_CONFIG_MAP_BYTES = 1024 * 1024;

  private final BiConsumer<String, String> add;

  KubernetesChecks(BiConsumer<String, String> add) {
    this.add = add;
  }

  /**
   * A DNS subdomain (the names of StorageClasses, Secrets, IngressClasses and hosts): apimachinery
   * IsDNS1123Subdomain, at most 253 characters of dot-separated DNS labels of at most 63.
   */
  static boolean dnsSubdomain(String name) {
    if (name.isEmpty() || name.length() > 253) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (label.length() > 63 || !DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A label key or toleration key: apimachinery IsQualifiedName, an optional DNS-subdomain prefix and a name. */
  static boolean qualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0 && !dnsSubdomain(key.substring(0, slash))) {
      return false;
    }
    return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME.matcher(name).matches();
  }

  /** A label value: apimachinery IsValidLabelValue. */
  static boolean labelValue(String value) {
    return value.length() <= 63 && LABEL_VALUE.matcher(value).matches();
  }

  /**
   * A node selector and tolerations: k8s.io/kubernetes pkg/apis/core/validation/validation.go
   * (ValidateLabels on spec.nodeSelector; ValidateTolerations: a key is a label name, an empty key
   * needs operator Exists, Equal takes a label value, Exists no value, effect NoSchedule,
   * PreferNoSchedule or NoExecute).
   */
  void placement(String path, Placement placement) {
    placement.nodeSelector().forEach((key, value) -> {
      if (!qualifiedName(key)) {
        add.accept(path + ".nodeSelector", "key '" + key + "' must be a label key such as disktype or"
            + " example.com/disktype (a name of at most 63 letters, digits, '-', '_' or '.', with an optional DNS"
            + " prefix and '/')");
      }
      if (!labelValue(value)) {
        add.accept(path + ".nodeSelector." + key, "must be a label value: empty, or at most 63 letters, digits, '-',"
            + " '_' or '.', starting and ending with a letter or digit; but was '" + value + "'");
      }
    });
    List<Toleration> tolerations = placement.tolerations();
    for (int i = 0; i < tolerations.size(); i++) {
      Toleration t = tolerations.get(i);
      String p = path + ".tolerations[" + i + "]";
      String key = t.key() == null ? "" : t.key();
      String value = t.value() == null ? "" : t.value();
      if (!key.isEmpty() && !qualifiedName(key)) {
        add.accept(p + ".key", "must be a label key such as example.com/dedicated, but was '" + key + "'");
      }
      if (t.operator().equals("Equal") || t.operator().isEmpty()) {
        if (key.isEmpty()) {
          add.accept(p + ".operator", "must be Exists when the key is empty (which tolerates every taint)");
        }
        if (!labelValue(value)) {
          add.accept(p + ".value", "must be a label value (at most 63 letters, digits, '-', '_' or '.'), but was '"
              + value + "'");
        }
      } else if (t.operator().equals("Exists")) {
        if (!value.isEmpty()) {
          add.accept(p + ".value", "must be empty with operator Exists, but was '" + value + "'");
        }
      } else {
        add.accept(p + ".operator", "must be Equal or Exists, but was '" + t.operator() + "'");
      }
      String effect = t.effect() == null ? "" : t.effect();
      if (!effect.isEmpty() && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        add.accept(p + ".effect", "must be NoSchedule, PreferNoSchedule or NoExecute (or left out for all),"
            + " but was '" + effect + "'");
      }
    }
  }

  /**
   * Requests within limits: the same validation.go (ValidateResourceRequirements, "must be less
   * than or equal to cpu limit").
   */
  void requestsWithinLimits(String path, Resources resources) {
    within(path + ".cpuRequest", resources.cpuRequest(), resources.cpuLimit(), "cpuLimit");
    within(path + ".memoryRequest", resources.memoryRequest(), resources.memoryLimit(), "memoryLimit");
  }

  private void within(String path, String request, @Nullable String limit, String limitName) {
    @Nullable BigDecimal asked = amount(request);
    @Nullable BigDecimal most = limit == null ? null : amount(limit);
    if (asked != null && most != null && asked.compareTo(most) > 0) {
      add.accept(path, "must be at most " + limitName + " (" + limit + "), but was " + request);
    }
  }

  /** A storage size above zero: the same validation.go (ValidatePersistentVolumeClaimSpec, "must be greater than zero"). */
  void positive(String path, String size) {
    @Nullable BigDecimal amount = amount(size);
    if (amount != null && amount.signum() == 0) {
      add.accept(path, "must be greater than zero, but was " + size);
    }
  }

  /**
   * A container image: the same validation.go ("must not have leading or trailing whitespace",
   * and an image is required); a reference has no whitespace at all.
   */
  void image(String path, @Nullable String image) {
    if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
      add.accept(path, "must be an image reference such as docker.io/library/mongo:7.0, without spaces, but was '"
          + image + "'");
    }
  }

  /** Config files fit the one ConfigMap that holds them: the same validation.go (ValidateConfigMap, MaxSecretSize). */
  void configFilesFit(Map<String, String> files) {
    long bytes = files.entrySet().stream().mapToLong(e -> e.getKey().length()
        + e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    if (bytes > MAX_CONFIG_MAP_BYTES) {
      add.accept("configFiles", "must be at most 1 MiB together (a ConfigMap's limit), but were " + bytes + " bytes");
    }
  }

  /** The amount a quantity stands for, or null if it is no quantity (reported elsewhere). */
  static @Nullable BigDecimal amount(String quantity) {
    Matcher m = QUANTITY.matcher(quantity);
    if (!m.matches()) {
      return null;
    }
    BigDecimal number = new BigDecimal(m.group(1));
    String suffix = m.group(2) == null ? "" : m.group(2);
    return switch (suffix) {
      case "" -> number;
      case "m" -> number.movePointLeft(3);
      case "k" -> number.movePointRight(3);
      case "M" -> number.movePointRight(6);
      case "G" -> number.movePointRight(9);
      case "T" -> number.movePointRight(12);
      case "P" -> number.movePointRight(15);
      case "E" -> number.movePointRight(18);
      default -> number.multiply(BigDecimal.valueOf(2).pow(10 * ("KMGTPE".indexOf(suffix.charAt(0)) + 1)));
    };
  }
}
