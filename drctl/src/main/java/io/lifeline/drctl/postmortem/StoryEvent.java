package io.lifeline.drctl.postmortem;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One event in an incident's story: when it happened, what it was, and a line a person can read. */
public record StoryEvent(Instant at, String topic, String line, JsonNode payload) {
}
