package io.lifeline.ipfs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.lifeline.events.EventCodec;
import io.lifeline.events.EventTypes;
import io.lifeline.events.Topics;
import io.lifeline.events.incident.IncidentOpened;
import io.lifeline.events.ipfs.IpfsContentLost;
import io.lifeline.events.ipfs.IpfsContentMissing;
import io.lifeline.events.ipfs.IpfsContentRepinned;
import io.lifeline.ipfs.cid.Cid;
import io.lifeline.ipfs.cid.DagPb;
import io.lifeline.ipfs.node.KuboRpcClient;
import io.lifeline.ipfs.node.NodeException;
import io.lifeline.ipfs.shard.Shards;
import io.lifeline.testsupport.EventTopics;
import io.lifeline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The guardian against a real js-ipfs node, real PostgreSQL and Kafka, and WireMock gateways and
 * pinning service: repair from a gateway with every block verified, a lying gateway, lost content
 * and its incident (once, then resolved by a new CID), transient vs permanent answers, the circuit
 * breaker, bad CIDs, new songs.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KuboRpcClient node = new KuboRpcClient(HttpClient.newHttpClient(),
            ConfigProvider.getConfig().getValue("lifeline.ipfs.node.api-url", String.class), Duration.ofSeconds(30),
            Duration.ofMillis(500));
    private final WireMockServer stubs = StubServersResource.wireMock;

    @jakarta.inject.Inject
    io.lifeline.ipfs.inventory.InventorySync inventory;

    @jakarta.inject.Inject
    io.lifeline.ipfs.inventory.CidStore store;

    @BeforeEach
    void freshInventoryAndStubs() throws SQLException {
        // Each test sees only its own songs: the inventory and the platform's songs start empty.
        try (Connection c = lifelineDb(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE ipfs_guardian.cids");
        }
        try (Connection c = StubServersResource.platform.connect(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM songs");
        }
        stubs.resetAll();
        // A gateway without the content answers 404 (stubbed, so WireMock does not log a near-miss).
        stubs.stubFor(request("ANY", urlPathMatching("/(good|liar|flaky)/ipfs/.*")).atPriority(100)
                .willReturn(aResponse().withStatus(404)));
        // Pinning Services API: nothing pinned until asked; a pin request goes queued -> pinned.
        stubs.stubFor(get(urlPathEqualTo("/psa/pins")).atPriority(10)
                .willReturn(okJson("{\"count\":0,\"results\":[]}")));
        stubs.stubFor(post(urlPathEqualTo("/psa/pins")).atPriority(10).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"requestid\":\"req-1\",\"status\":\"queued\",\"created\":\"2026-01-01T00:00:00Z\","
                        + "\"pin\":{\"cid\":\"x\"},\"delegates\":[\"/ip4/203.0.113.1/tcp/4001/p2p/QmPeer\"]}")));
        stubs.stubFor(get(urlPathEqualTo("/psa/pins/req-1")).atPriority(10).willReturn(okJson(
                "{\"requestid\":\"req-1\",\"status\":\"pinned\",\"created\":\"2026-01-01T00:00:00Z\","
                        + "\"pin\":{\"cid\":\"x\"},\"delegates\":[]}")));
    }

    @Test
    @Order(1)
    void contentRemovedFromTheNodeComesBackFromAGatewayVerifiedBlockByBlock() throws Exception {
        byte[] audio = randomBytes(700_000); // several 256 KiB chunks: a dag-pb root and raw leaves
        String cid = node.add(audio, false);
        Map<String, byte[]> blocks = blocksOf(Cid.parse(cid));
        assertThat(blocks).hasSizeGreaterThan(2);
        blocks.forEach((c, bytes) -> serve("good", c, bytes));
        blocks.forEach((c, bytes) -> serve("liar", c, randomBytes(bytes.length))); // right size, wrong bytes
        String songId = addSong(cid);

        removeFromNode(cid);
        assertThatThrownBy(() -> node.cat(Cid.parse(cid), 10)).isInstanceOf(NodeException.class);

        JsonPath pass = runPass();
        assertThat(pass.getInt("checked")).isEqualTo(1);

        // The node has it again: pinned, and the bytes are the original ones.
        assertThat(node.pinned(Cid.parse(cid))).isTrue();
        assertThat(node.cat(Cid.parse(cid), 1_000_000)).isEqualTo(audio);
        JsonPath view = cidView(cid);
        assertThat(view.getString("state")).isEqualTo("repaired");
        assertThat(view.getString("detail")).contains("from good");
        assertThat(view.getList("foundAt", String.class)).contains("own-node", "good", "pinsvc").doesNotContain("liar");
        assertThat(view.getInt("replicas")).isEqualTo(2);

        try (EventTopics topics = EventTopics.fromConfig()) {
            IpfsContentMissing missing = topics.awaitEvents(EventTypes.IPFS_CONTENT_MISSING, 1,
                    e -> e.cid().equals(cid), WAIT).get(0).payload();
            assertThat(missing.songId()).isEqualTo(songId);
            assertThat(missing.missingFrom()).contains("own-node", "liar");
            assertThat(missing.foundAt()).contains("good");
            List<IpfsContentRepinned> repinned = topics.awaitEvents(EventTypes.IPFS_CONTENT_REPINNED, 2,
                    e -> e.cid().equals(cid), WAIT).stream().map(r -> r.payload()).toList();
            assertThat(repinned).anySatisfy(e -> {
                assertThat(e.pinnedTo()).isEqualTo("own-node");
                assertThat(e.source()).isEqualTo("good");
            });
            assertThat(repinned).anySatisfy(e -> assertThat(e.pinnedTo()).isEqualTo("pinsvc"));
        }
        // The pinning service got a proper request (bearer token, the CID, origins, followed to pinned).
        stubs.verify(postRequestedFor(urlPathEqualTo("/psa/pins"))
                .withHeader("Authorization", equalTo("Bearer test-token-not-secret"))
                .withRequestBody(matchingJsonPath("$.cid", equalTo(cid))));
        stubs.verify(getRequestedFor(urlPathEqualTo("/psa/pins/req-1")));
        // The liar was caught and it costs it health.
        JsonPath gateways = given().get("/gateways").then().statusCode(200).extract().jsonPath();
        assertThat(gateways.getDouble("find { it.name == 'liar' }.successRate")).isLessThan(1.0);
    }

    @Test
    @Order(2)
    void aGatewayServingWrongBytesIsNotTrusted() throws Exception {
        String cid = node.add(randomBytes(5_000), false);
        byte[] block = node.blockGet(Cid.parse(cid));
        serve("liar", cid, randomBytes(block.length));
        addSong(cid);
        removeFromNode(cid);

        runPass();

        assertThat(node.pinned(Cid.parse(cid))).isFalse();
        JsonPath view = cidView(cid);
        assertThat(view.getString("state")).isEqualTo("missing");
        assertThat(view.getString("detail")).contains("liar:bad_bytes(200) bytes do not hash to the CID");
        assertThat(view.getList("foundAt", String.class)).isEmpty();
    }

    @Test
    @Order(3)
    void contentFoundNowhereIsLostOnceWithAnIncidentNamingTheArtistAndResolvesWithANewCid() throws Exception {
        String cid = absentCid();
        String songId = addSong(cid);

        runPass();
        assertThat(cidView(cid).getString("state")).isEqualTo("missing");
        runPass();
        assertThat(cidView(cid).getString("state")).isEqualTo("lost");
        JsonPath third = runPass(); // checked again, still lost: no second event, no second incident
        assertThat(third.getInt("checked")).isEqualTo(1);
        assertThat(cidView(cid).getString("state")).isEqualTo("lost");

        try (EventTopics topics = EventTopics.fromConfig()) {
            IpfsContentLost lost = topics.awaitEvents(EventTypes.IPFS_CONTENT_LOST, 1, e -> e.cid().equals(cid), WAIT)
                    .get(0).payload();
            assertThat(lost.songId()).isEqualTo(songId);
            assertThat(lost.checked()).contains("own-node", "good", "liar", "pinsvc");
            IncidentOpened incident = topics.awaitEvents(EventTypes.INCIDENT_OPENED, 1,
                    e -> e.component().equals("song/" + songId), WAIT).get(0).payload();
            assertThat(lost.incidentId()).isEqualTo(incident.incidentId());
            assertThat(incident.kind()).isEqualTo("ipfs.content.lost");
            assertThat(incident.severity().wireName()).isEqualTo("high");
            assertThat(incident.runbookUrl()).isEqualTo("https://runbooks.lifeline.local/ipfs-content-loss");
            assertThat(incident.signals().get(0).detail()).containsEntry("artistAddress", address(songId));
            assertThat(incident.summary()).contains("Title of " + songId, "Artist of " + songId,
                    address(songId), "re-upload");
            assertThat(countFor(topics, Topics.IPFS_CONTENT_LOST, cid)).isEqualTo(1);
            assertThat(topics.readAll(Topics.INCIDENT_OPENED).stream()
                    .filter(r -> r.value().contains("song/" + songId)).count()).isEqualTo(1);

            // The artist re-uploads: the song gets a new CID, the incident resolves.
            String newCid = node.add(randomBytes(1000), false);
            try (Connection c = StubServersResource.platform.connect();
                    PreparedStatement ps = c.prepareStatement("UPDATE songs SET ipfs_hash = ? WHERE id = ?")) {
                ps.setString(1, newCid);
                ps.setString(2, songId);
                ps.executeUpdate();
            }
            runPass();
            topics.awaitEvents(EventTypes.INCIDENT_RESOLVED, 1, e -> e.incidentId().equals(incident.incidentId()), WAIT);
            assertThat(cidView(cid).getString("state")).isEqualTo("retired");
            assertThat(cidView(newCid).getString("state")).isIn("ok", "under_replicated", "repaired");
        }
    }

    @Test
    @Order(4)
    void newSongsArePickedUpOnTheNextPassAndABadCidDoesNotStopIt() throws Exception {
        String first = node.add(randomBytes(2000), false);
        addSong(first);
        runPass();
        assertThat(cidView(first).getString("state")).isIn("ok", "repaired");

        String second = node.add(randomBytes(2000), true); // CIDv1: stored in base32, asked for in any base
        addSong(second);
        String badSong = addSong("not-a-cid!");
        JsonPath pass = runPass();
        assertThat(pass.getInt("checked")).isGreaterThanOrEqualTo(2);
        assertThat(cidView(second).getString("state")).isIn("ok", "repaired");
        JsonPath bad = given().get("/cids/not-a-cid!").then().statusCode(200).extract().jsonPath();
        assertThat(bad.getString("state")).isEqualTo("invalid");
        assertThat(bad.getString("songId")).isEqualTo(badSong);
        given().get("/cids/" + absentCid()).then().statusCode(404);
    }

    @Test
    @Order(5)
    void metadataDocumentsBringTheirAudioAndCoverCidsIntoTheInventory() throws Exception {
        String audio = node.add(randomBytes(3000), false);
        String cover = node.add(randomBytes(3000), true);
        String metadata = node.add(("{\"name\":\"x\",\"audio\":\"ipfs://" + audio + "\",\"image\":\"https://gw.example/ipfs/"
                + cover + "/cover.png\"}").getBytes(), false);
        String songId = addSong(metadata);
        runPass();
        JsonPath audioView = cidView(audio);
        assertThat(audioView.getString("role")).isEqualTo("audio");
        assertThat(audioView.getString("songId")).isEqualTo(songId);
        assertThat(audioView.getString("parentCid")).isEqualTo(metadata);
        assertThat(cidView(cover).getString("role")).isEqualTo("image");
        assertThat(audioView.getString("state")).isIn("ok", "repaired");
    }

    @Test
    @Order(90)
    void rateLimitedAndTimedOutGatewaysAreRetriedButA404IsFinal() throws Exception {
        String throttled = absentCid();
        String gone = absentCid();
        String slow = absentCid();
        stubs.stubFor(request("HEAD", urlPathEqualTo("/flaky/ipfs/" + throttled))
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        stubs.stubFor(request("HEAD", urlPathEqualTo("/flaky/ipfs/" + slow))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500)));
        addSong(throttled);
        addSong(gone);
        addSong(slow);

        runPass();

        stubs.verify(2, requestedFor("HEAD", urlPathEqualTo("/flaky/ipfs/" + throttled)));
        stubs.verify(2, requestedFor("HEAD", urlPathEqualTo("/flaky/ipfs/" + slow)));
        stubs.verify(1, requestedFor("HEAD", urlPathEqualTo("/flaky/ipfs/" + gone)));
        assertThat(cidView(throttled).getString("detail")).contains("flaky:transient(429)");
        assertThat(cidView(slow).getString("detail")).contains("flaky:transient timed out");
        assertThat(cidView(gone).getString("detail")).doesNotContain("flaky:");
    }

    @Test
    @Order(99)
    void aGatewayFailingAgainAndAgainHasItsCircuitOpened() throws Exception {
        stubs.stubFor(request("ANY", anyUrl()).atPriority(1).andMatching(r -> com.github.tomakehurst.wiremock
                .matching.MatchResult.of(r.getUrl().startsWith("/flaky/"))).willReturn(aResponse().withStatus(502)));
        for (int i = 0; i < 4; i++) {
            addSong(absentCid());
        }
        runPass();
        JsonPath gateways = given().get("/gateways").then().statusCode(200).extract().jsonPath();
        assertThat(gateways.getString("find { it.name == 'flaky' }.circuit")).isEqualTo("open");
        assertThat(gateways.getString("find { it.name == 'good' }.circuit")).isEqualTo("closed");

        int before = stubs.findAll(requestedFor("HEAD", urlPathMatching("/flaky/.*"))).size();
        runPass();
        int after = stubs.findAll(requestedFor("HEAD", urlPathMatching("/flaky/.*"))).size();
        assertThat(after).isEqualTo(before);
    }

    // --- helpers ---------------------------------------------------------------------------------

    private JsonPath runPass() {
        return given().auth().oauth2(TestTokens.operator()).post("/checks/run").then().statusCode(200).extract()
                .jsonPath();
    }

    private JsonPath cidView(String cid) {
        return given().get("/cids/" + cid).then().statusCode(200).extract().jsonPath();
    }

    @Test
    @Order(8)
    void aGatewaysCarIsVerifiedAndImportedWholeAndATamperedOneIsNotTrusted() throws Exception {
        // A gateway with a good CAR: one request for the whole DAG, imported with dag/import.
        byte[] audio = randomBytes(700_000);
        String cid = node.add(audio, false);
        Map<String, byte[]> blocks = blocksOf(Cid.parse(cid));
        serve("good", cid, blocks.get(cid));
        serveCar("good", cid, exportCar(cid));
        addSong(cid);
        removeFromNode(cid);

        runPass();

        assertThat(node.pinned(Cid.parse(cid))).isTrue();
        assertThat(node.cat(Cid.parse(cid), 1_000_000)).isEqualTo(audio);
        assertThat(cidView(cid).getString("detail")).contains("from good");
        stubs.verify(getRequestedFor(urlPathEqualTo("/good/ipfs/" + cid)).withHeader("Accept",
                containing("application/vnd.ipld.car")));
        blocks.keySet().stream().filter(c -> !c.equals(cid)).forEach(child ->
                stubs.verify(0, getRequestedFor(urlPathEqualTo("/good/ipfs/" + child))));

        // A CAR with one byte changed in its last block: refused, the DAG is walked block by block instead.
        byte[] other = randomBytes(700_000);
        String second = node.add(other, false);
        Map<String, byte[]> secondBlocks = blocksOf(Cid.parse(second));
        byte[] tampered = exportCar(second);
        tampered[tampered.length - 1] ^= 1;
        secondBlocks.forEach((c, bytes) -> serve("good", c, bytes));
        serveCar("good", second, tampered);
        addSong(second);
        removeFromNode(second);

        runPass();

        assertThat(node.cat(Cid.parse(second), 1_000_000)).isEqualTo(other);
        secondBlocks.keySet().stream().filter(c -> !c.equals(second)).forEach(child ->
                stubs.verify(getRequestedFor(urlPathEqualTo("/good/ipfs/" + child))));
    }

    @Test
    @Order(9)
    void eachShardSeesExactlyTheCidsWhosePartitionItOwns() throws Exception {
        java.util.Set<String> cids = new java.util.HashSet<>();
        for (int i = 0; i < 40; i++) {
            String cid = absentCid();
            cids.add(cid);
            addSong(cid);
        }
        // Rows from before the key hash existed get it on the next sync.
        inventory.sync();
        try (Connection c = lifelineDb(); Statement st = c.createStatement()) {
            st.execute("UPDATE ipfs_guardian.cids SET key_hash = NULL");
        }
        inventory.sync();

        java.time.Instant now = java.time.Instant.now();
        java.util.function.Function<java.util.Set<Integer>, java.util.Set<String>> due = owned -> store
                .due(now.plusSeconds(1), now.plusSeconds(1), 1000, java.util.Optional.of(new Shards(3, owned)))
                .stream().map(r -> r.cid).collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> first = due.apply(java.util.Set.of(0));
        java.util.Set<String> rest = due.apply(java.util.Set.of(1, 2));

        assertThat(first).isEqualTo(cids.stream().filter(c -> Shards.partitionOf(c, 3) == 0)
                .collect(java.util.stream.Collectors.toSet()));
        assertThat(rest).doesNotContainAnyElementsOf(first);
        assertThat(java.util.stream.Stream.concat(first.stream(), rest.stream())).containsExactlyInAnyOrderElementsOf(cids);
        assertThat(due.apply(java.util.Set.of())).isEmpty();
    }

    private void serve(String gateway, String cid, byte[] bytes) {
        stubs.stubFor(request("HEAD", urlPathEqualTo("/" + gateway + "/ipfs/" + cid)).willReturn(aResponse()
                .withStatus(200).withHeader("Content-Type", "application/vnd.ipld.raw")
                .withHeader("Etag", "\"" + cid + ".raw\"")));
        stubs.stubFor(get(urlPathEqualTo("/" + gateway + "/ipfs/" + cid))
                .withHeader("Accept", containing("application/vnd.ipld.raw")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/vnd.ipld.raw").withBody(bytes)));
    }

    /** Every block of a file as the node holds it, keyed by CID text as gateways are asked. */
    private Map<String, byte[]> blocksOf(Cid root) {
        Map<String, byte[]> blocks = new LinkedHashMap<>();
        Deque<Cid> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            Cid c = todo.poll();
            byte[] bytes = node.blockGet(c);
            blocks.put(c.toString(), bytes);
            if (c.codec() == Cid.DAG_PB) {
                todo.addAll(DagPb.links(bytes));
            }
        }
        return blocks;
    }

    private void serveCar(String gateway, String cid, byte[] car) {
        stubs.stubFor(get(urlPathEqualTo("/" + gateway + "/ipfs/" + cid))
                .withHeader("Accept", containing("application/vnd.ipld.car")).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/vnd.ipld.car; version=1").withBody(car)));
    }

    /** The node's own CAR of a DAG (what a trustless gateway serves for ?format=car). */
    private static byte[] exportCar(String cid) throws Exception {
        String api = ConfigProvider.getConfig().getValue("lifeline.ipfs.node.api-url", String.class);
        java.net.http.HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(api + "/api/v0/dag/export?arg=" + cid))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(200);
        return answer.body();
    }

    private void removeFromNode(String cid) {
        node.pinRm(Cid.parse(cid));
        node.call("repo/gc", "", Duration.ofSeconds(60));
        assertThat(node.hasBlock(Cid.parse(cid))).isFalse();
    }

    private static String addSong(String cid) throws SQLException {
        String songId = "song-" + UUID.randomUUID();
        try (Connection c = StubServersResource.platform.connect(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO songs (id, title, artist, artist_address, ipfs_hash, song_hash) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, songId);
            ps.setString(2, "Title of " + songId);
            ps.setString(3, "Artist of " + songId);
            ps.setString(4, address(songId));
            ps.setString(5, cid);
            ps.setString(6, UUID.randomUUID().toString());
            ps.executeUpdate();
        }
        return songId;
    }

    private static String address(String songId) {
        return "0x" + String.format("%040x", Math.abs((long) songId.hashCode()));
    }

    /** A valid CIDv0 of bytes nobody has. */
    private static String absentCid() {
        byte[] mh = new byte[34];
        mh[0] = 0x12;
        mh[1] = 0x20;
        System.arraycopy(randomBytes(32), 0, mh, 2, 32);
        return Cid.fromBytes(mh).toString();
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static long countFor(EventTopics topics, String topic, String cid) {
        return topics.readAll(topic).stream().filter(r -> r.key() != null && r.key().equals(cid)).count();
    }

    private static Connection lifelineDb() throws SQLException {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        String user = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        String password = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.password", String.class)
                .orElse("");
        return java.sql.DriverManager.getConnection(url, user, password);
    }

    @SuppressWarnings("unused")
    private static Object unused() {
        return EventCodec.class;
    }
}
