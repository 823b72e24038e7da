package io.lifeline.events;

import java.util.List;

/**
 * An event that does not match its topic's contract. The message names the fields and the
 * reasons, never the values: payloads may carry data that must not reach logs.
 */
public class InvalidEventException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final List<String> problems;

    public InvalidEventException(String topic, List<String> problems) {
        this(topic, problems, null);
    }

    public InvalidEventException(String topic, List<String> problems, Throwable cause) {
        super("invalid " + topic + " event: " + String.join("; ", problems), cause);
        this.topic = topic;
        this.problems = List.copyOf(problems);
    }

    public String topic() {
        return topic;
    }

    /** One entry per problem, each starting with the JSON path of the field, e.g. {@code $.component: ...}. */
    public List<String> problems() {
        return problems;
    }
}
