package io.lifeline.drctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lifeline.drctl.postmortem.HtmlPostmortem;
import io.lifeline.drctl.postmortem.IncidentStory;
import io.lifeline.drctl.postmortem.MarkdownPostmortem;
import io.lifeline.drctl.postmortem.RecoveryMeasures;
import io.lifeline.drctl.postmortem.StoryBuilder;
import io.lifeline.drctl.postmortem.StoryEvent;
import io.lifeline.drctl.replay.RecordedEvent;
import io.lifeline.events.EventJson;

class StoryBuilderTest {

    private final Scenario scenario = new Scenario(Instant.parse("2026-11-20T10:00:00Z"));
    private final StoryBuilder builder = new StoryBuilder(EventJson.mapper(), Duration.ofHours(1),
            RecoveryMeasures.PLAN_RTO, RecoveryMeasures.PLAN_RPO);

    @Test
    void followsTheCorrelationIdsAndLeavesOtherIncidentsOut() {
        IncidentStory story = builder.build(scenario.incidentId, scenario.recorded()).orElseThrow();

        // The restored backup's own events belong to the story (when it was taken is the RPO).
        assertThat(story.events()).extracting(StoryEvent::topic).containsExactly(
                "backup.started", "health.degraded", "incident.opened", "notification.sent", "notification.sent", "notification.failed",
                "incident.acknowledged", "restore.started", "restore.completed", "health.recovered",
                "incident.resolved");
        assertThat(story.events()).allSatisfy(e -> assertThat(e.payload().toString())
                .doesNotContain(scenario.otherIncidentId).doesNotContain("rs-drill"));
        assertThat(story.events()).extracting(StoryEvent::at).isSorted();
        assertThat(story.component()).isEqualTo("postgres");
        assertThat(story.kind()).isEqualTo("database.corruption");
    }

    @Test
    void measuresEveryStageAgainstThePlan() {
        IncidentStory story = builder.build(scenario.incidentId, scenario.recorded()).orElseThrow();
        RecoveryMeasures r = story.measures();

        assertThat(story.milestones().failureStart()).isEqualTo(scenario.at(0));
        assertThat(r.timeToDetect()).isEqualTo(Duration.ofSeconds(60));
        assertThat(r.timeToPage()).isEqualTo(Duration.ofSeconds(2)); // PagerDuty, not the earlier Slack post
        assertThat(r.timeToAcknowledge()).isEqualTo(Duration.ofSeconds(240));
        assertThat(r.timeToRecover()).isEqualTo(Duration.ofSeconds(860));
        assertThat(r.timeToResolve()).isEqualTo(Duration.ofSeconds(875));
        assertThat(r.rtoAchieved()).isEqualTo(Duration.ofSeconds(920));
        assertThat(r.rtoMet()).isTrue();
        assertThat(r.rpoAchieved()).isEqualTo(Duration.ofHours(9));
        assertThat(r.rpoMet()).isTrue();
        assertThat(story.milestones().backupId()).isEqualTo(scenario.backupId);
        assertThat(story.problems()).singleElement().asString().contains("ticket").contains("HTTP 503");
    }

    @Test
    void orderOfTheLogDoesNotMatter() {
        List<RecordedEvent> shuffled = new ArrayList<>(scenario.recorded());
        Collections.reverse(shuffled);
        IncidentStory story = builder.build(scenario.incidentId, shuffled).orElseThrow();
        assertThat(story.measures().rtoAchieved()).isEqualTo(Duration.ofSeconds(920));
        assertThat(story.events()).hasSize(11);
    }

    @Test
    void aMissedObjectiveIsCalledMissed() {
        StoryBuilder strict = new StoryBuilder(EventJson.mapper(), Duration.ofHours(1), Duration.ofMinutes(10),
                Duration.ofHours(1));
        IncidentStory story = strict.build(scenario.incidentId, scenario.recorded()).orElseThrow();
        assertThat(story.measures().rtoMet()).isFalse();
        assertThat(story.measures().rpoMet()).isFalse();
        String md = MarkdownPostmortem.render(story);
        assertThat(md).contains("RTO achieved (first signal → service back) | 15 min 20 s | ≤ 10 min 00 s (**missed**)");
        assertThat(md).contains("### Did we meet the RTO target?\n\n**No**");
    }

    @Test
    void anIncidentNotInTheLogIsNotFound() {
        assertThat(builder.build("no-such-incident", scenario.recorded())).isEmpty();
    }

    @Test
    void theDraftsAnswerThePlansReviewQuestions() {
        IncidentStory story = builder.build(scenario.incidentId, scenario.recorded()).orElseThrow();
        String md = MarkdownPostmortem.render(story);
        assertThat(md).contains("### Did we meet the RTO target?", "### What went wrong?", "### What can be improved?");
        assertThat(md).contains("| Time to acknowledge | 4 min 00 s |");
        assertThat(md).contains("acknowledged by alice via api");

        String html = HtmlPostmortem.render(story);
        assertThat(html).contains("<svg", "first signal", "resolved", "acknowledged by alice via api");
        // Self-contained: nothing fetched from anywhere when the page is opened.
        assertThat(html).doesNotContainPattern("(src|href)=\"https?:").doesNotContain("<script").doesNotContain("@import");
    }
}
