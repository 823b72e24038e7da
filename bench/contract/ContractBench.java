import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * bench/contract: the contract-guardian benchmark (issue 7), run by bench/contract/run with the
 * module's test classpath. Phases: (1) put PAYMENTS PaymentProcessed logs across BLOCKS blocks of a
 * fresh hardhat chain; (2) baseline: plain eth_getLogs over the same range in the same range size;
 * (3) start the packaged guardian 100,000 blocks behind and time its catch-up (logs scanned per
 * second); (4) steady state: SAMPLES treasury changes, each timed from eth_sendTransaction to the
 * incident event (opened for the first, updated after) and to contract.anomaly on Kafka.
 *
 * Args: RPC_URL DEPLOYMENT_JSON KAFKA_BOOTSTRAP GUARDIAN_JAR HTTP_PORT DB_URL RUN_DIR BENCH_DIR
 */
public class ContractBench {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static String rpcUrl;

    public static void main(String[] args) throws Exception {
        rpcUrl = args[0];
        JsonNode deployment = JSON.readTree(Files.readString(Path.of(args[1])));
        String kafka = args[2];
        Path jar = Path.of(args[3]);
        int port = Integer.parseInt(args[4]);
        String dbUrl = args[5];
        Path runDir = Path.of(args[6]);
        Path benchDir = Path.of(args[7]);
        int blocks = Integer.parseInt(env("BENCH_CONTRACT_BLOCKS", "100000"));
        int payments = Integer.parseInt(env("BENCH_CONTRACT_PAYMENTS", "5000"));
        int samples = Integer.parseInt(env("BENCH_CONTRACT_SAMPLES", "10"));
        int range = Integer.parseInt(env("BENCH_CONTRACT_RANGE", "2000"));
        String pollInterval = env("BENCH_CONTRACT_POLL_INTERVAL", "2s");

        String router = deployment.get("router").asText();
        String token = deployment.get("token").asText();
        String owner = deployment.get("deployer").asText();
        String listener = deployment.get("listener").asText();

        // (1) data
        long startBlock = blockNumber() + 1;
        send(listener, token, "mint", new Address(listener), new Uint256(BigInteger.TEN.pow(24)));
        send(listener, token, "approve", new Address(router), new Uint256(BigInteger.TEN.pow(24)));
        int gap = Math.max(0, blocks / payments - 1);
        Instant prep = Instant.now();
        for (int i = 0; i < payments; i++) {
            send(listener, router, "processPayment", new Bytes32(new byte[32]), new Uint256(1_000 + i), new Uint8(1));
            if (gap > 0) {
                rpc("hardhat_mine", "0x" + Integer.toHexString(gap));
            }
            if (i % 1000 == 999) {
                System.err.printf("bench: %d/%d payments (%d s)%n", i + 1, payments,
                        Duration.between(prep, Instant.now()).toSeconds());
            }
        }
        long head = blockNumber();
        long span = head - startBlock + 1;
        System.err.printf("bench: %d payments across blocks %d..%d (%d blocks)%n", payments, startBlock, head, span);

        // (2) baseline: the floor of the same reads
        List<Double> baselineRates = new ArrayList<>();
        long baselineLogs = 0;
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            long logs = 0;
            for (long from = startBlock; from <= head; from += range) {
                long to = Math.min(head, from + range - 1);
                JsonNode result = rpc("eth_getLogs", Map.of("fromBlock", hex(from), "toBlock", hex(to),
                        "address", List.of(router.toLowerCase(), deployment.get("pausableRouter").asText())));
                logs += result.size();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            baselineRates.add(logs / seconds);
            baselineLogs = logs;
        }
        double baseline = median(baselineRates);
        System.err.printf("bench: baseline eth_getLogs %d logs, median %.0f logs/s%n", baselineLogs, baseline);

        // (3) the guardian, 100,000 blocks behind
        Map<String, String> envs = new LinkedHashMap<>();
        envs.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        envs.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        envs.put("LIFELINE_DB_URL", dbUrl);
        envs.put("LIFELINE_DB_USER", env("LIFELINE_PG_USER", "postgres"));
        envs.put("LIFELINE_CHAIN_RPC_URL", rpcUrl);
        envs.put("LIFELINE_CHAIN_ID", "31337");
        envs.put("LIFELINE_CHAIN_CONFIRMATIONS", "0");
        envs.put("LIFELINE_CHAIN_POLL_INTERVAL", pollInterval);
        envs.put("LIFELINE_CHAIN_MAX_BLOCK_RANGE", Integer.toString(range));
        envs.put("LIFELINE_CHAIN_START_BLOCK", Long.toString(startBlock));
        envs.put("LIFELINE_CONTRACT_ROUTER_ADDRESS", router);
        envs.put("LIFELINE_CONTRACT_ROUTER_ABI", benchDir.getParent().resolve("infra/chain/build/TestRouter.json").toString());
        envs.put("LIFELINE_CONTRACT_PAUSABLE_ROUTER_ADDRESS", deployment.get("pausableRouter").asText());
        envs.put("LIFELINE_CONTRACT_PAUSABLE_ROUTER_ABI", benchDir.getParent().resolve("infra/chain/build/PausableTestRouter.json").toString());
        envs.put("LIFELINE_CONTRACT_TOKEN_ADDRESS", token);
        envs.put("LIFELINE_CONTRACT_PAUSE_POLICY", "off");
        envs.put("LIFELINE_LOG_JSON", "false");
        envs.put("LIFELINE_JWT_PUBLIC_KEY", env("LIFELINE_JWT_PUBLIC_KEY", ""));
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx256m", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(runDir.resolve("guardian.log").toFile());
        pb.environment().putAll(envs);
        Process guardian = pb.start();
        Runtime.getRuntime().addShutdownHook(new Thread(guardian::destroy));
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            String status = "http://127.0.0.1:" + port + "/status";
            JsonNode first = null;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (first == null && System.nanoTime() < deadline) {
                first = tryGet(status);
                Thread.sleep(20);
            }
            if (first == null) {
                throw new IllegalStateException("the guardian did not answer /status (log: " + runDir.resolve("guardian.log") + ")");
            }
            // From the first moment the service answers until its cursor reaches the head.
            long t0 = System.nanoTime();
            JsonNode s = first;
            while (s.path("cursor").asLong(-1) < head) {
                if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(30)) {
                    throw new IllegalStateException("catch-up did not finish in 30 min: " + s);
                }
                Thread.sleep(10);
                JsonNode next = tryGet(status);
                if (next != null) {
                    s = next;
                }
            }
            double catchUpSeconds = (System.nanoTime() - t0) / 1e9;
            long scanned = s.path("logsScanned").asLong();
            double rate = scanned / catchUpSeconds;
            System.err.printf("bench: guardian caught up %d blocks, %d logs in %.2f s = %.0f logs/s%n", span, scanned,
                    catchUpSeconds, rate);

            // (4) steady state: tx -> contract.anomaly and tx -> incident event
            List<Double> toIncident = new ArrayList<>();
            List<Double> toAnomaly = new ArrayList<>();
            Double firstOpened = null;
            try (KafkaConsumer<String, String> consumer = consumer(kafka)) {
                // Assigned (not subscribed) and positioned at the end before the first transaction, so
                // that no group rebalance can make the consumer skip what the first sample produces.
                List<org.apache.kafka.common.TopicPartition> partitions = new ArrayList<>();
                for (String topic : List.of("contract.anomaly", "incident.opened", "incident.updated")) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(30)).forEach(p ->
                            partitions.add(new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                for (int i = 0; i < samples; i++) {
                    String treasury = String.format("0x%040x", 0x1000 + i);
                    String data = FunctionEncoder.encode(new Function("setProtocolTreasury",
                            List.of(new Address(treasury)), List.of()));
                    long sent = System.nanoTime();
                    String tx = rpc("eth_sendTransaction", Map.of("from", owner, "to", router, "data", data,
                            "gas", "0x4c4b40")).asText();
                    Double anomalyAt = null;
                    Double incidentAt = null;
                    boolean opened = false;
                    long limit = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while ((anomalyAt == null || incidentAt == null) && System.nanoTime() < limit) {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(20))) {
                            if (!r.value().contains(tx)) {
                                continue;
                            }
                            double ms = (System.nanoTime() - sent) / 1e6;
                            if (r.topic().equals("contract.anomaly") && anomalyAt == null) {
                                anomalyAt = ms;
                            } else if (r.topic().startsWith("incident.") && incidentAt == null) {
                                incidentAt = ms;
                                opened = r.topic().equals("incident.opened");
                            }
                        }
                    }
                    if (anomalyAt == null || incidentAt == null) {
                        throw new IllegalStateException("no anomaly/incident within 60 s for " + tx);
                    }
                    toAnomaly.add(anomalyAt);
                    toIncident.add(incidentAt);
                    if (opened && firstOpened == null) {
                        firstOpened = incidentAt;
                    }
                    System.err.printf("bench: sample %d: anomaly %.0f ms, incident.%s %.0f ms%n", i + 1, anomalyAt,
                            opened ? "opened" : "updated", incidentAt);
                    Thread.sleep(1234); // de-phase from the poll interval
                }
            }
            details.put("blocks", span);
            details.put("fromBlock", startBlock);
            details.put("toBlock", head);
            details.put("payments", payments);
            details.put("logsScanned", scanned);
            details.put("maxBlockRange", range);
            details.put("catchUpSeconds", round(catchUpSeconds));
            details.put("catchUpLogsPerSecond", round(rate));
            details.put("catchUpBlocksPerSecond", round(span / catchUpSeconds));
            details.put("baselineLogsPerSecondRuns", baselineRates.stream().map(ContractBench::round).toList());
            details.put("pollInterval", pollInterval);
            details.put("confirmations", 0);
            details.put("txToAnomalyMs", toAnomaly.stream().map(ContractBench::round).toList());
            details.put("txToIncidentMs", toIncident.stream().map(ContractBench::round).toList());
            details.put("txToIncidentOpenedMs", firstOpened == null ? null : round(firstOpened));
            details.put("txToIncidentMedianMs", round(median(toIncident)));
            details.put("txToIncidentMaxMs", round(Collections.max(toIncident)));
            details.put("txToAnomalyMedianMs", round(median(toAnomaly)));

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("name", "contract-guardian");
            result.put("description", "contract-guardian catching up " + span + " blocks (" + scanned
                    + " PaymentProcessed logs) on a local hardhat chain: packaged service (-Xmx256m, eth_getLogs "
                    + "ranges of " + range + ", rules, cursor in PostgreSQL), from its first /status answer to "
                    + "cursor = head; baseline: bare eth_getLogs over the same ranges, same run. Steady-state tx -> "
                    + "incident (poll " + pollInterval + ", 0 confirmations): median " + round(median(toIncident))
                    + " ms over " + samples + " samples (first incident.opened " + (firstOpened == null ? "-" : round(firstOpened))
                    + " ms); details in results/details/contract-guardian.json.");
            result.put("metric", "catch-up logs scanned per second");
            result.put("value", round(rate));
            result.put("unit", "logs/s");
            result.put("baseline", Map.of("name", "bare eth_getLogs", "value", round(baseline), "unit", "logs/s"));
            result.put("ratio", round(rate / baseline));
            result.put("better", "higher");
            result.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors(),
                    "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                            + System.getProperty("os.arch") + ")",
                    "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                    "memoryMb", memoryMb()));
            result.put("date", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            result.put("command", "bench/contract/run");
            Files.createDirectories(benchDir.resolve("results/details"));
            Files.writeString(benchDir.resolve("results/contract-guardian.json"), JSON.writeValueAsString(result) + "\n");
            Files.writeString(benchDir.resolve("results/details/contract-guardian.json"),
                    JSON.writeValueAsString(details) + "\n");
            System.out.println(JSON.writeValueAsString(result));
        } finally {
            guardian.destroy();
            if (!guardian.waitFor(20, TimeUnit.SECONDS)) {
                guardian.destroyForcibly();
            }
        }
    }

    static long memoryMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException ignored) {
            // not Linux
        }
        return -1;
    }

    static double round(double v) {
        if (v == 0) {
            return 0;
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).doubleValue();
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String hex(long n) {
        return "0x" + Long.toHexString(n);
    }

    static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    static JsonNode tryGet(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static long blockNumber() throws Exception {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    static void send(String from, String to, String function, Type<?>... args) throws Exception {
        String data = FunctionEncoder.encode(new Function(function, Arrays.asList(args), List.of()));
        String tx = rpc("eth_sendTransaction", Map.of("from", from, "to", to, "data", data, "gas", "0x4c4b40"))
                .asText();
        JsonNode receipt = rpc("eth_getTransactionReceipt", tx);
        if (receipt == null || receipt.isNull() || !"0x1".equals(receipt.get("status").asText())) {
            throw new IllegalStateException(function + " failed: " + receipt);
        }
    }

    static JsonNode rpc(String method, Object... params) throws Exception {
        String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method,
                "params", Arrays.asList(params)));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(rpcUrl))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode json = JSON.readTree(r.body());
        if (json.has("error")) {
            throw new IllegalStateException(method + ": " + json.get("error"));
        }
        return json.get("result");
    }
}
