/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What applying a plan would do to one object, as the API server computes it (server-side
 * dry-run). Secret values never appear: a changed one shows as {@code <redacted>} on both sides.
 *
 * @param object the object's id
 * @param change what would happen to it
 * @param fields the fields that would change, for {@link Change#UPDATE}
 * @since 0.1
 */
public record ObjectDiff(String object, Change change, List<FieldChange> fields) {
  /** Checks the parts and copies the list. */
  public ObjectDiff {
    Objects.requireNonNull(object, "object");
    Objects.requireNonNull(change, "change");
    fields = List.copyOf(fields);
  }

  /**
   * What would happen to an object.
   *
   * @since 0.1
   */
  public enum Change {
    /** It does not exist and would be created. */
    CREATE,
    /** It exists and some fields would change. */
    UPDATE,
    /** It exists and matches. */
    NONE,
    /** It belongs to the release but not to the plan, and would be deleted. */
    PRUNE
  }

  /**
   * One changed field.
   *
   * @param path the field's path, such as {@code spec.replicas} or {@code spec.template.spec.containers[0].image}
   * @param before the live value, or null if the field is new
   * @param after the value after applying, or null if the field goes away
   */
  public record FieldChange(String path, @Nullable String before, @Nullable String after) {
    /** Checks the path is given. */
    public FieldChange {
      Objects.requireNonNull(path, "path");
    }
  }
}
