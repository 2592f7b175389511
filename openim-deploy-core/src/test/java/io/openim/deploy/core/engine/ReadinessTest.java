/*
 * Copyright 2026 The openim-deploy Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.openim.deploy.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("What counts as rolled out")
class ReadinessTest {
  private static JsonObject json(String text) {
    return JsonParser.parseString(text.replace('\'', '"')).getAsJsonObject();
  }

  @Test
  @DisplayName("a Deployment whose controller has not seen the latest generation is not rolled out, however ready")
  void observedGeneration() {
    var state = Readiness.of("Deployment", json("{'metadata':{'generation':3},'spec':{'replicas':2},"
        + "'status':{'observedGeneration':2,'replicas':2,'updatedReplicas':2,'readyReplicas':2,'availableReplicas':2}}"));
    assertThat(state.done()).isFalse();
    assertThat(state.detail()).contains("generation 3");
  }

  @Test
  @DisplayName("a Deployment with old pods still around is not rolled out; they are terminating only when Kubernetes counts them so")
  void oldPods() {
    var state = Readiness.of("Deployment", json("{'metadata':{'generation':3},'spec':{'replicas':2},"
        + "'status':{'observedGeneration':3,'replicas':3,'updatedReplicas':2,'readyReplicas':2,'availableReplicas':2}}"));
    assertThat(state.done()).isFalse();
    assertThat(state.detail()).isEqualTo("2/2 ready, 2 updated, 2 available, 1 old replica not yet scaled down");
    var terminating = Readiness.of("Deployment", json("{'metadata':{'generation':3},'spec':{'replicas':2},"
        + "'status':{'observedGeneration':3,'replicas':2,'updatedReplicas':1,'readyReplicas':1,'availableReplicas':1,"
        + "'terminatingReplicas':2}}"));
    assertThat(terminating.detail())
        .isEqualTo("1/2 ready, 1 updated, 1 available, 1 old replica not yet scaled down, 2 pods terminating");
  }

  @Test
  @DisplayName("ProgressDeadlineExceeded fails a Deployment, but not one whose new generation the controller has not seen")
  void progressDeadline() {
    String stalled = "'status':{'observedGeneration':2,'replicas':1,'conditions':[{'type':'Progressing',"
        + "'status':'False','reason':'ProgressDeadlineExceeded','message':'ReplicaSet x has timed out progressing.'}]}}";
    var failed = Readiness.of("Deployment", json("{'metadata':{'generation':2},'spec':{'replicas':1,"
        + "'progressDeadlineSeconds':30}," + stalled));
    assertThat(failed.failed()).isTrue();
    assertThat(failed.detail()).startsWith("its progress deadline of 30 s passed (the controller reports"
        + " ProgressDeadlineExceeded: ReplicaSet");
    var fixed = Readiness.of("Deployment", json("{'metadata':{'generation':3},'spec':{'replicas':1}," + stalled));
    assertThat(fixed.failed()).as("a condition from the previous generation").isFalse();
    assertThat(fixed.detail()).contains("generation 3");
  }

  @Test
  @DisplayName("fields a newer API server adds are ignored, not a decoding error")
  void unknownFields() {
    var state = Readiness.of("StatefulSet", json("{'metadata':{'generation':1,'futureField':{'x':1}},"
        + "'spec':{'replicas':1,'somethingNew':true},'status':{'observedGeneration':1,'readyReplicas':1,"
        + "'updatedReplicas':1,'currentRevision':'r1','updateRevision':'r1','terminatingReplicas':0,"
        + "'brandNewCondition':[{'type':'X'}]}}"));
    assertThat(state.done()).isTrue();
  }

  @Test
  @DisplayName("a StatefulSet between revisions is not rolled out; a failed Job is a failure, not a wait")
  void statefulSetAndJob() {
    assertThat(Readiness.of("StatefulSet", json("{'metadata':{'generation':2},'spec':{'replicas':1},"
        + "'status':{'observedGeneration':2,'readyReplicas':1,'updatedReplicas':1,'currentRevision':'a','updateRevision':'b'}}"))
        .done()).isFalse();
    var failed = Readiness.of("Job", json("{'status':{'conditions':[{'type':'Failed','status':'True',"
        + "'reason':'BackoffLimitExceeded','message':'Job has reached the specified backoff limit'}]}}"));
    assertThat(failed.failed()).isTrue();
    assertThat(failed.detail()).isEqualTo("the Job failed: BackoffLimitExceeded: Job has reached the specified backoff limit");
  }
}
