package io.lifeline.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a deployment must provide is derived from application.properties, as Quarkus would read it. */
class AppPropertiesTest {

    private static final String SAMPLE = """
            quarkus.application.name=sample
            quarkus.http.port=${QUARKUS_HTTP_PORT:8089}
            kafka.bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:127.0.0.1:9092}
            quarkus.datasource.password=${LIFELINE_DB_PASSWORD:}
            lifeline.sample.key=${LIFELINE_SAMPLE_KEY}
            lifeline.sample.routing=${LIFELINE_ROUTING_BACKEND:${LIFELINE_ROUTING:}}
            lifeline.sample.target=${LIFELINE_TARGET:http://localhost:3100/health}
            lifeline.sample.interval=15s
            lifeline.sample.s3.endpoint=${lifeline.s3.endpoint}
            # lifeline.sample.commented=${LIFELINE_COMMENTED}
            %test.lifeline.sample.only-in-tests=${LIFELINE_TEST_ONLY}
            %prod.lifeline.sample.json=${LIFELINE_LOG_JSON:true}
            mp.messaging.incoming.in.connector=smallrye-kafka
            mp.messaging.incoming.in.topic=backup.completed
            mp.messaging.incoming.in.group.id=sample
            mp.messaging.incoming.in.dead-letter-queue.topic=dlq.sample
            mp.messaging.incoming.other.connector=smallrye-kafka
            mp.messaging.incoming.other.topic=incident.opened
            mp.messaging.outgoing.out.topic=incident.resolved
            mp.messaging.incoming.every-dlq.connector=smallrye-kafka
            mp.messaging.incoming.every-dlq.topic=dlq\\\\..+
            mp.messaging.incoming.every-dlq.pattern=true
            """;

    @Test
    void variablesWithoutDefaultOrWithALoopbackDefaultMustBeProvided() {
        AppProperties properties = AppProperties.parse(SAMPLE);

        assertThat(properties.variables()).containsKeys("QUARKUS_HTTP_PORT", "KAFKA_BOOTSTRAP_SERVERS", "LIFELINE_DB_PASSWORD",
                "LIFELINE_SAMPLE_KEY", "LIFELINE_ROUTING_BACKEND", "LIFELINE_ROUTING", "LIFELINE_TARGET", "LIFELINE_LOG_JSON");
        assertThat(properties.variables()).doesNotContainKeys("LIFELINE_COMMENTED", "LIFELINE_TEST_ONLY", "lifeline.s3.endpoint");
        assertThat(properties.mustBeProvided())
                .containsExactly("KAFKA_BOOTSTRAP_SERVERS", "LIFELINE_SAMPLE_KEY", "LIFELINE_TARGET");
    }

    @Test
    void aVariableIsReadWhenReferencedOrWhenItIsThePropertysEnvironmentForm() {
        AppProperties properties = AppProperties.parse(SAMPLE);

        assertThat(properties.reads("LIFELINE_ROUTING")).isTrue();
        assertThat(properties.reads("LIFELINE_SAMPLE_INTERVAL")).isTrue();
        assertThat(properties.reads("QUARKUS_LOG_LEVEL")).isTrue();
        assertThat(properties.reads("LIFELINE_SAMPLE_INTERVALL")).isFalse();
        assertThat(properties.reads("LIFELINE_TEST_ONLY")).isFalse();
    }

    @Test
    void portTopicsGroupsAndDeadLettersAreRead() {
        AppProperties properties = AppProperties.parse(SAMPLE);

        assertThat(properties.httpPort()).contains(8089);
        assertThat(properties.topics()).containsExactly("backup.completed", "incident.opened", "incident.resolved");
        // a channel without group.id consumes in the application's group
        assertThat(properties.consumerGroups()).containsExactly("sample");
        assertThat(properties.deadLetterTopics()).containsExactly("dlq.sample");
        assertThat(AppProperties.parse("quarkus.http.port=8083").httpPort()).contains(8083);
        assertThat(AppProperties.parse("x=1").httpPort()).isEmpty();
    }
}
