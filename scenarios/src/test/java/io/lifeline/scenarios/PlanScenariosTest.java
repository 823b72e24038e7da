package io.lifeline.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lifeline.events.EventTypes;
import io.lifeline.events.contract.ContractAnomaly;
import io.lifeline.events.contract.ContractPaused;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.incident.IncidentResolved;
import io.lifeline.events.incident.Severity;
import io.lifeline.events.restore.RestoreCompleted;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.ReceivedEvent;

/**
 * The plan's failure scenarios, end to end, against the running system ({@code bin/lifeline up} with
 * its own ports and databases): a fault is made for real, and the test checks what an on-call
 * engineer would check — the incident, the page (once), the recovery, the resolution and the story.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DETECTION = Duration.ofSeconds(90);

    private static PlatformApi api;
    private static TrustlessGateway gateway;
    private static LocalStack stack;
    private static EventTopics topics;

    @BeforeAll
    static void startTheSystem() {
        api = new PlatformApi();
        api.start();
        gateway = new TrustlessGateway();
        stack = LocalStack.up(api.healthUrl(), gateway.url());
        topics = new EventTopics(stack.kafkaBootstrap());
    }

    @AfterAll
    static void stopTheSystem() {
        if (topics != null) {
            topics.close();
        }
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            api.close();
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void apiServerFailureIsPagedOnceAndResolvedWhenItComesBack() {
        awaitComponent("api", "up");

        api.kill();
        IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                i -> i.component().equals("api"), DETECTION).get(0).payload();
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        await().atMost(DETECTION).untilAsserted(() -> {
            ReceivedRequests received = received();
            assertThat(received.pagerDuty(incident.incidentId(), "trigger")).hasSize(1);
            assertThat(received.slackAbout(incident.incidentId())).isNotEmpty();
        });

        api.start();
        topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, r -> r.incidentId().equals(incident.incidentId()), DETECTION);
        await().atMost(DETECTION).untilAsserted(() ->
                assertThat(received().pagerDuty(incident.incidentId(), "resolve")).hasSize(1));

        ReceivedRequests received = received();
        assertThat(received.pagerDuty(incident.incidentId(), "trigger")).as("paged once").hasSize(1);
        assertThat(received.refused()).as("requests PagerDuty or Slack would refuse").isEmpty();
        assertThat(records("incident.opened", incident.incidentId())).as("incident.opened records").isEqualTo(1);
    }

    @Test
    @Order(2)
    void databaseCorruptionIsRestoredFromTheLatestVerifiedBackupAndToldAsAStory(@TempDir Path out) throws Exception {
        long songs = stack.count("SELECT count(*) FROM songs");
        long plays = stack.count("SELECT count(*) FROM plays");
        assertThat(songs).isPositive();
        LocalStack.Result backup = stack.drctl(Duration.ofMinutes(3), "backup", "now", "--wait");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        awaitComponent("postgres", "up");

        stack.execute("TRUNCATE songs CASCADE");

        IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                i -> i.kind().equals("database.corruption"), DETECTION).get(0).payload();
        RestoreCompleted restore = topics.awaitEvents(EventTypes.RESTORE_COMPLETED, 1,
                r -> incident.incidentId().equals(r.incidentId()), Duration.ofMinutes(3)).get(0).payload();
        assertThat(restore.target()).isEqualTo(LocalStack.RESTORE_TARGET);
        await().atMost(Duration.ofSeconds(30)).until(() -> stack.count("SELECT count(*) FROM songs") == songs);
        assertThat(stack.count("SELECT count(*) FROM plays")).isEqualTo(plays);
        ReceivedEvent<IncidentResolved> resolved = topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1,
                r -> r.incidentId().equals(incident.incidentId()), DETECTION).get(0);
        assertThat(resolved.payload().resolvedAt()).isAfter(restore.completedAt());

        await().atMost(DETECTION).untilAsserted(() ->
                assertThat(received().pagerDuty(incident.incidentId(), "trigger")).hasSize(1));
        assertThat(records("incident.opened", incident.incidentId())).isEqualTo(1);
        assertThat(records("restore.completed", incident.incidentId())).as("one restore").isEqualTo(1);

        LocalStack.Result postmortem = stack.drctl(Duration.ofMinutes(2), "postmortem", incident.incidentId(),
                "--out-dir", out.toString());
        assertThat(postmortem.exitCode()).as(postmortem.output()).isZero();
        String markdown = Files.readString(out.resolve("postmortem-" + incident.incidentId() + ".md"));
        assertThat(markdown)
                .contains("Time to detect", "Time to recover", "Time to resolve", "RTO achieved", "RPO achieved")
                .contains(restore.restoreId(), restore.backupId())
                .contains("### Restore stages", "swap")
                .contains("Did we meet the RTO target?");
        assertThat(Files.readString(out.resolve("postmortem-" + incident.incidentId() + ".html"))).contains("<svg");
    }

    @Test
    @Order(3)
    void anOwnershipTakeoverPausesTheRouterOnChainAndPagesTheSmartContractLead() throws Exception {
        JsonNode deployment = JSON.readTree(stack.chainDeployment().toFile());
        String router = deployment.path("pausableRouter").asText();
        String owner = deployment.path("deployer").asText();
        assertThat(paused(router)).isFalse();

        // transferOwnership(owner): the attack pattern "ownership-transferred", signed by an unlocked account.
        String data = "0xf2fde38b000000000000000000000000" + owner.substring(2);
        JsonNode sent = rpc("eth_sendTransaction", "[{\"from\":\"" + owner + "\",\"to\":\"" + router
                + "\",\"data\":\"" + data + "\"}]");
        assertThat(sent.has("result")).as(sent.toString()).isTrue();

        ContractAnomaly anomaly = topics.awaitEvents(EventTypes.CONTRACT_ANOMALY, 1,
                a -> a.contract().equalsIgnoreCase(router) && a.rule().equals("ownership-transferred")
                        && ContractAnomaly.DETECTED.equals(a.status()), DETECTION).get(0).payload();
        assertThat(anomaly.txHash()).isEqualToIgnoringCase(sent.path("result").asText());
        ContractPaused pause = topics.awaitEvents(EventTypes.CONTRACT_PAUSED, 1,
                p -> p.contract().equalsIgnoreCase(router), DETECTION).get(0).payload();
        assertThat(pause.approvedBy()).isEqualTo("policy:auto");
        assertThat(paused(router)).as("paused() on chain").isTrue();

        IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                i -> i.component().equals("contract") && i.kind().startsWith("ownership-transferred"), DETECTION).get(0).payload();
        assertThat(incident.severity()).isEqualTo(Severity.CRITICAL);
        await().atMost(DETECTION).untilAsserted(() -> {
            List<JsonNode> pages = received().pagerDuty(incident.incidentId(), "trigger");
            assertThat(pages).hasSize(1);
            assertThat(pages.get(0).toString()).containsIgnoringCase("smart contract lead");
        });
    }

    @Test
    @Order(4)
    void ipfsContentLostFromTheNodeComesBackFromAGatewayAndContentGoneEverywhereAsksTheArtist() throws Exception {
        IpfsNode node = new IpfsNode(stack.ipfsApiUrl());
        String token = stack.operatorToken();
        byte[] audio = ("the audio of a scenario song " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
        String cid = node.add(audio);
        gateway.serve(cid, node.blockGet(cid));
        node.remove(cid);
        assertThat(node.pinned(cid)).isFalse();
        String song = addSong(cid);

        // Found on the gateway only: brought back into the node, every block checked against its CID.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            stack.post(stack.serviceUrl("LIFELINE_IPFS_GUARDIAN_PORT") + "/checks/run", "{}", token);
            return records("ipfs.content.repinned", cid) == 1;
        });
        assertThat(records("ipfs.content.missing", cid)).isEqualTo(1);
        assertThat(node.pinned(cid)).isTrue();
        assertThat(node.cat(cid)).isEqualTo(audio);

        // Found nowhere: lost, and an incident naming the song's artist so that the re-upload can start.
        String absent = absentCid();
        String lostSong = addSong(absent);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            stack.post(stack.serviceUrl("LIFELINE_IPFS_GUARDIAN_PORT") + "/checks/run", "{}", token);
            return records("ipfs.content.lost", absent) == 1;
        });
        IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                i -> i.kind().equals("ipfs.content.lost") && i.component().equals("song/" + lostSong), DETECTION)
                .get(0).payload();
        assertThat(incident.severity()).isEqualTo(Severity.HIGH);
        assertThat(incident.summary() + incident.signals()).contains("Artist of " + lostSong);
        await().atMost(DETECTION).untilAsserted(() ->
                assertThat(received().slackAbout(incident.incidentId())).isNotEmpty());

        // The artist uploaded it again: a new CID for the song resolves the incident.
        stack.execute("UPDATE songs SET ipfs_hash = '" + cid + "' WHERE id = '" + lostSong + "'");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            stack.post(stack.serviceUrl("LIFELINE_IPFS_GUARDIAN_PORT") + "/checks/run", "{}", token);
            return records("incident.resolved", incident.incidentId()) == 1;
        });
        assertThat(records("ipfs.content.lost", absent)).as("lost once").isEqualTo(1);
        assertThat(song).isNotEqualTo(lostSong);
    }

    @Test
    @Order(5)
    void afterCompleteServerLossABrandNewLifelineRebuildsItsCatalogFromTheBucketAndRestoresThePlatform()
            throws Exception {
        String marker = "scenario-marker-" + System.nanoTime();
        stack.execute("UPDATE songs SET title = '" + marker + "' WHERE id = (SELECT min(id) FROM songs)");
        long songs = stack.count("SELECT count(*) FROM songs");
        LocalStack.Result backup = stack.drctl(Duration.ofMinutes(3), "backup", "now", "--wait");
        assertThat(backup.exitCode()).as(backup.output()).isZero();
        Matcher id = Pattern.compile("backup (bkp-\\S+) completed").matcher(backup.output());
        assertThat(id.find()).as(backup.output()).isTrue();
        String backupId = id.group(1);

        // The server is gone: Lifeline's own database, the platform's database and the local backup
        // folder with it. What survives is what lives elsewhere: the bucket, Kafka, the break-glass key.
        stack.serverLost();
        assertThat(stack.count("SELECT count(*) FROM songs WHERE title = '" + marker + "'")).isZero();

        await().atMost(DETECTION).untilAsserted(() -> {
            LocalStack.Result list = stack.drctl(Duration.ofMinutes(1), "backups", "list", "--json");
            assertThat(list.output()).as("the catalog rebuilt from the bucket").contains(backupId);
        });
        LocalStack.Result restore = stack.drctl(Duration.ofMinutes(5), "restore", "--backup", backupId,
                "--target", LocalStack.RESTORE_TARGET, "--approve", "--wait");
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(stack.count("SELECT count(*) FROM songs WHERE title = '" + marker + "'")).isEqualTo(1);
        assertThat(stack.count("SELECT count(*) FROM songs")).isEqualTo(songs);
    }

    private static void awaitComponent(String component, String state) {
        await().atMost(DETECTION).untilAsserted(() -> {
            JsonNode status = JSON.readTree(stack.get(stack.serviceUrl("LIFELINE_HEALTH_MONITOR_PORT") + "/status"));
            boolean matches = false;
            for (JsonNode c : status.path("components")) {
                matches |= c.path("component").asText().equals(component) && c.path("state").asText().equals(state);
            }
            assertThat(matches).as(component + " " + state + " in " + status).isTrue();
        });
    }

    private static long records(String topic, String mentioning) {
        return topics.readAll(topic).stream().filter(r -> r.value().contains(mentioning)).count();
    }

    private static String addSong(String cid) throws Exception {
        String id = "scenario-song-" + System.nanoTime();
        stack.execute("INSERT INTO songs (id, title, artist, artist_address, ipfs_hash, song_hash) VALUES ('" + id
                + "', 'Title of " + id + "', 'Artist of " + id + "', '0x" + "%040x".formatted(Math.abs(id.hashCode()))
                + "', '" + cid + "', '" + id + "')");
        return id;
    }

    /** A valid CIDv0 (sha2-256 multihash, base58btc) of bytes nobody holds. */
    private static String absentCid() throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(("nobody has this " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
        byte[] multihash = new byte[34];
        multihash[0] = 0x12;
        multihash[1] = 0x20;
        System.arraycopy(digest, 0, multihash, 2, 32);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        java.math.BigInteger n = new java.math.BigInteger(1, multihash);
        StringBuilder out = new StringBuilder();
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            out.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        return out.reverse().toString(); // no leading zero bytes: 0x12 first
    }

    private static ReceivedRequests received() {
        return ReceivedRequests.of(stack.get(stack.receiverUrl() + "/received"));
    }

    private static JsonNode rpc(String method, String params) throws Exception {
        return JSON.readTree(stack.post(stack.chainUrl(),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}"));
    }

    private static boolean paused(String contract) throws Exception {
        // paused() = 0x5c975abb
        JsonNode answer = rpc("eth_call", "[{\"to\":\"" + contract + "\",\"data\":\"0x5c975abb\"},\"latest\"]");
        return answer.path("result").asText().endsWith("1");
    }
}
