/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.sealos.template.internal;

import io.openim.deploy.DependencyKind;
import io.openim.deploy.Secret;
import io.openim.deploy.SecretKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plan's credentials as template values, so no credential of the plan reaches the template: each
 * value of a Secret becomes {@code ${{ base64(defaults.<key>) }}} with a default of {@code ${{
 * random(32) }}}, generated anew for each instance; those a person types (chat's admin password and
 * verification code) become inputs with a random default; an external dependency's password an
 * input the user must give. Credentials of a dependency replaced by a managed service are dropped.
 */
public final class TemplateCredentials {
  private static final int LENGTH = 32;
  private static final int TYPED_LENGTH = 16;

  private TemplateCredentials() {}

  /**
   * Replaces the values of {@code secret}'s {@code stringData} and {@code data} that are {@link
   * Secret}s, declaring what they need in {@code template}; chat's typed credentials become inputs
   * only when the template runs {@code chat}.
   */
  @SuppressWarnings("unchecked")
  public static void apply(Map<String, Object> secret, Set<DependencyKind> managed, boolean chat,
      TemplateDocument template) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (String field : List.of("stringData", "data")) {
      if (!(secret.get(field) instanceof Map<?, ?> values)) {
        continue;
      }
      Map<String, Object> entries = (Map<String, Object>) values;
      for (Map.Entry<String, Object> entry : new LinkedHashMap<>(entries).entrySet()) {
        if (!(entry.getValue() instanceof Secret)) {
          continue;
        }
        entries.remove(entry.getKey());
        String key = entry.getKey();
        Optional<DependencyKind> owner = SecretKey.byKey(key).flatMap(SecretKey::inClusterOnly);
        if (owner.isPresent() && managed.contains(owner.get())) {
          continue;
        }
        data.put(key, value(key, chat, template));
      }
      if (entries.isEmpty()) {
        secret.remove(field);
      }
    }
    if (!data.isEmpty()) {
      Trees.child(secret, "data").putAll(data);
    }
  }

  private static String value(String key, boolean chat, TemplateDocument template) {
    String name = key.replace('-', '_').toLowerCase(Locale.ROOT);
    if (chat && key.equals(SecretKey.CHAT_ADMIN_PASSWORD.secretKey())) {
      template.addInput(name, "The password of chat's admin account chatAdmin, for the admin console;"
          + " a Job replaces the password chat publishes with it", "string", Placeholders.random(TYPED_LENGTH), true);
      return Placeholders.base64("inputs", name);
    }
    if (chat && key.equals(SecretKey.CHAT_SUPER_CODE.secretKey())) {
      template.addInput(name, "The verification code chat accepts when it sends no SMS or mail: whoever signs"
          + " up types it", "string", Placeholders.random(TYPED_LENGTH), true);
      return Placeholders.base64("inputs", name);
    }
    for (DependencyKind kind : DependencyKind.values()) {
      if (key.equals(kind.key() + "-external-password")) {
        template.addInput(name, "The password for the external " + kind.key() + " the deployment connects to",
            "string", "", true);
        return Placeholders.base64("inputs", name);
      }
    }
    template.addDefault(name, Placeholders.random(LENGTH));
    return Placeholders.base64("defaults", name);
  }
}
