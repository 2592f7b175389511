/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * Whether an object has rolled out, read from its JSON. Unlike client-java's {@code Readiness},
 * a workload counts as rolled out only once the controller has seen its latest generation and
 * every replica runs the new template.
 */
final class Readiness {
  private Readiness() {}

  /** Where a rollout stands. */
  record State(boolean done, boolean failed, String detail) {
    static State done(String detail) {
      return new State(true, false, detail);
    }

    static State pending(String detail) {
      return new State(false, false, detail);
    }

    static State failed(String detail) {
      return new State(false, true, detail);
    }
  }

  /** Whether waiting applies to objects of this kind at all. */
  static boolean waitsFor(String kind) {
    return kind.equals("Deployment") || kind.equals("StatefulSet") || kind.equals("Job")
        || kind.equals("DaemonSet");
  }

  static State of(String kind, JsonObject object) {
    JsonObject status = obj(object, "status");
    JsonObject spec = obj(object, "spec");
    long generation = num(obj(object, "metadata"), "generation", 0);
    long observed = num(status, "observedGeneration", -1);
    switch (kind) {
      case "Deployment": {
        long want = num(spec, "replicas", 1);
        if (observed < generation) {
          // a condition from before this generation (a stalled earlier rollout) says nothing yet
          return State.pending("waiting for the controller to see generation " + generation);
        }
        JsonObject progressing = condition(status, "Progressing");
        if (progressing != null && "False".equals(text(progressing, "status"))
            && "ProgressDeadlineExceeded".equals(text(progressing, "reason"))) {
          return State.failed("its progress deadline of " + num(spec, "progressDeadlineSeconds", 600)
              + " s passed (the controller reports ProgressDeadlineExceeded: " + text(progressing, "message") + ")");
        }
        // k8s.io/api@v0.36.3 apps/v1 DeploymentStatus: replicas, updatedReplicas, readyReplicas and
        // availableReplicas count non-terminating pods only; terminatingReplicas (beta, on by default
        // since 1.35) counts the pods with a deletionTimestamp
        long updated = num(status, "updatedReplicas", 0);
        long ready = num(status, "readyReplicas", 0);
        long available = num(status, "availableReplicas", 0);
        long total = num(status, "replicas", 0);
        long terminating = num(status, "terminatingReplicas", 0);
        String detail = ready + "/" + want + " ready, " + updated + " updated, " + available + " available";
        if (updated >= want && ready >= want && available >= want && total <= want) {
          return State.done(detail);
        }
        if (total > updated) {
          detail += ", " + (total - updated) + " old " + (total - updated == 1 ? "replica" : "replicas")
              + " not yet scaled down";
        }
        if (terminating > 0) {
          detail += ", " + terminating + (terminating == 1 ? " pod" : " pods") + " terminating";
        }
        return State.pending(detail);
      }
      case "StatefulSet": {
        long want = num(spec, "replicas", 1);
        if (observed < generation) {
          return State.pending("waiting for the controller to see generation " + generation);
        }
        long ready = num(status, "readyReplicas", 0);
        long updated = num(status, "updatedReplicas", 0);
        String current = text(status, "currentRevision");
        String update = text(status, "updateRevision");
        String detail = ready + "/" + want + " ready, " + updated + " on the current revision";
        boolean onRevision = update.isEmpty() || update.equals(current);
        return ready >= want && updated >= want && onRevision ? State.done(detail) : State.pending(detail);
      }
      case "DaemonSet": {
        long want = num(status, "desiredNumberScheduled", 0);
        long ready = num(status, "numberReady", 0);
        long updated = num(status, "updatedNumberScheduled", 0);
        String detail = ready + "/" + want + " ready";
        return observed >= generation && ready >= want && updated >= want ? State.done(detail) : State.pending(detail);
      }
      case "Job": {
        JsonObject failed = condition(status, "Failed");
        if (failed != null && "True".equals(text(failed, "status"))) {
          return State.failed("the Job failed: " + text(failed, "reason") + ": " + text(failed, "message"));
        }
        JsonObject complete = condition(status, "Complete");
        if (complete != null && "True".equals(text(complete, "status"))) {
          return State.done("complete");
        }
        return State.pending(num(status, "active", 0) + " running, " + num(status, "failed", 0) + " failed attempts");
      }
      default:
        return State.done("exists");
    }
  }

  static @Nullable JsonObject condition(JsonObject status, String type) {
    JsonElement conditions = status.get("conditions");
    if (conditions == null || !conditions.isJsonArray()) {
      return null;
    }
    for (JsonElement c : (JsonArray) conditions) {
      if (c.isJsonObject() && type.equals(text(c.getAsJsonObject(), "type"))) {
        return c.getAsJsonObject();
      }
    }
    return null;
  }

  static JsonObject obj(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
  }

  static long num(JsonObject parent, String key, long otherwise) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsLong() : otherwise;
  }

  static String text(JsonObject parent, String key) {
    JsonElement value = parent.get(key);
    return value != null && value.isJsonPrimitive() ? value.getAsString() : "";
  }
}
