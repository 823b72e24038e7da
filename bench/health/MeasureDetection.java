import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The detection-latency measurement of bench/health/run, against a running health-monitor whose HTTP
 * probes point at ProbeTargets. Per round: after a random pause (so that outages start at any phase
 * of the probe schedule), the chosen components are made to fail one after the other, STAGGER ms
 * apart (their outage start is the target's switch time); then it waits for each one's
 * incident.opened (dedup key "<component>/down") on Kafka, read by a plain consumer that was at the
 * end of the topics before the round. Latency = the record's timestamp (set when the monitor's
 * producer sent it, acks=all) - the outage start; the time this consumer saw it is recorded too.
 * Then the components answer again and it waits for their incident.resolved, so that each round
 * starts from all up.
 *
 * The target's log of its 503 answers also gives the deciding probe answer (the THRESHOLD-th failed
 * one): opened record - deciding answer is the monitor's own processing time, free of the schedule.
 *
 * Usage: java -cp KAFKA_LIBS MeasureDetection.java BOOTSTRAP TARGET_BASE LABEL ROUNDS STAGGER_MS
 *        PAUSE_MAX_MS THRESHOLD OUT_CSV SEED COMPONENTS-OF-ROUND-1 [COMPONENTS-OF-ROUND-2 ...]
 * (components comma-separated; the last list is reused for further rounds). Appends one CSV line per
 * component and round: label,round,component,outageStartMs,openedRecordMs,openedSeenMs,incidentId,
 * resolvedSeenMs,firstFailedAnswerMs,decidingAnswerMs
 */
public final class MeasureDetection {

    private static final Pattern DEDUP = Pattern.compile("\"dedupKey\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"incidentId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Duration WAIT = Duration.ofSeconds(90);

    /** What the consumer thread saw: dedup key -> (incident id, record timestamp, seen at), per topic. */
    record Seen(String incidentId, long recordMs, long seenMs) {
    }

    private static final Map<String, List<Seen>> OPENED = new ConcurrentHashMap<>();
    private static final Map<String, List<Seen>> RESOLVED = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String target = args[1];
        String label = args[2];
        int rounds = Integer.parseInt(args[3]);
        long stagger = Long.parseLong(args[4]);
        long pauseMax = Long.parseLong(args[5]);
        int threshold = Integer.parseInt(args[6]);
        Path out = Path.of(args[7]);
        Random random = new Random(Long.parseLong(args[8]));
        List<List<String>> plan = new ArrayList<>();
        for (int i = 9; i < args.length; i++) {
            plan.add(Arrays.asList(args[i].split(",")));
        }

        AtomicBoolean running = new AtomicBoolean(true);
        Object ready = new Object();
        boolean[] atEnd = {false};
        Thread consumer = new Thread(() -> consume(bootstrap, running, ready, atEnd), "consumer");
        consumer.setDaemon(true);
        consumer.start();
        synchronized (ready) {
            while (!atEnd[0]) {
                ready.wait(1000);
                if (!atEnd[0] && !consumer.isAlive()) {
                    throw new IllegalStateException("the Kafka consumer stopped before reaching the end of the topics");
                }
            }
        }

        HttpClient http = HttpClient.newHttpClient();
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(out, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND))) {
            for (int round = 1; round <= rounds; round++) {
                List<String> components = plan.get(Math.min(round, plan.size()) - 1);
                long pause = pauseMax <= 0 ? 0 : (long) (random.nextDouble() * pauseMax);
                Thread.sleep(pause);
                Map<String, Long> outageStart = new HashMap<>();
                long base = System.currentTimeMillis();
                for (int i = 0; i < components.size(); i++) {
                    long due = base + i * stagger;
                    long now = System.currentTimeMillis();
                    if (due > now) {
                        Thread.sleep(due - now);
                    }
                    outageStart.put(components.get(i), control(http, target, "fail/" + components.get(i)));
                }
                Map<String, Seen> opened = new HashMap<>();
                long deadline = System.currentTimeMillis() + WAIT.toMillis();
                while (opened.size() < components.size()) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(label + " round " + round + ": no incident.opened within "
                                + WAIT.toSeconds() + " s for " + components.stream()
                                        .filter(c -> !opened.containsKey(c)).toList());
                    }
                    for (String c : components) {
                        if (!opened.containsKey(c)) {
                            first(OPENED, c + "/down", outageStart.get(c)).ifPresent(s -> opened.put(c, s));
                        }
                    }
                    Thread.sleep(20);
                }
                Map<String, long[]> answers = new HashMap<>(); // first failed answer, deciding answer
                for (String c : components) {
                    long[] failed = failures(http, target, c);
                    long recordMs = opened.get(c).recordMs();
                    long[] before = Arrays.stream(failed).filter(t -> t <= recordMs).toArray();
                    answers.put(c, new long[] {before.length > 0 ? before[0] : -1,
                            before.length >= threshold ? before[threshold - 1] : -1});
                }
                for (String c : components) {
                    control(http, target, "ok/" + c);
                }
                Map<String, Long> resolved = new HashMap<>();
                deadline = System.currentTimeMillis() + WAIT.toMillis();
                while (resolved.size() < components.size()) {
                    if (System.currentTimeMillis() > deadline) {
                        throw new IllegalStateException(label + " round " + round + ": no incident.resolved within "
                                + WAIT.toSeconds() + " s");
                    }
                    for (String c : components) {
                        String id = opened.get(c).incidentId();
                        RESOLVED.getOrDefault(c + "/down", List.of()).stream()
                                .filter(s -> s.incidentId().equals(id)).findFirst()
                                .ifPresent(s -> resolved.put(c, s.seenMs()));
                    }
                    Thread.sleep(20);
                }
                long max = 0;
                for (String c : components) {
                    Seen s = opened.get(c);
                    long latency = s.recordMs() - outageStart.get(c);
                    max = Math.max(max, latency);
                    csv.printf("%s,%d,%s,%d,%d,%d,%s,%d,%d,%d%n", label, round, c, outageStart.get(c), s.recordMs(),
                            s.seenMs(), s.incidentId(), resolved.get(c), answers.get(c)[0], answers.get(c)[1]);
                }
                csv.flush();
                System.out.printf("%s round %d: %d components, paused %d ms, max detection %d ms%n", label, round,
                        components.size(), pause, max);
            }
        } finally {
            running.set(false);
            consumer.join(5000);
        }
    }

    /** The first incident.opened for this dedup key sent at or after the outage started. */
    private static java.util.Optional<Seen> first(Map<String, List<Seen>> seen, String dedupKey, long since) {
        return seen.getOrDefault(dedupKey, List.of()).stream().filter(s -> s.recordMs() >= since).findFirst();
    }

    /**
     * Sends, once more on an I/O error: the JDK's server closes a connection idle for a while (the
     * steady window), and the client may have picked that connection just as it closed.
     */
    private static HttpResponse<String> send(HttpClient http, HttpRequest request)
            throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    private static long control(HttpClient http, String target, String command) throws IOException, InterruptedException {
        HttpResponse<String> response = send(http, HttpRequest.newBuilder(URI.create(target + "/__control/" + command))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(command + ": " + response.statusCode() + " " + response.body());
        }
        return Long.parseLong(response.body().trim());
    }

    private static long[] failures(HttpClient http, String target, String component)
            throws IOException, InterruptedException {
        String body = send(http, HttpRequest.newBuilder(URI.create(target + "/__control/failures/" + component))
                .timeout(Duration.ofSeconds(10)).build()).body().trim();
        return body.isEmpty() ? new long[0] : Arrays.stream(body.split(",")).mapToLong(Long::parseLong).toArray();
    }

    private static void consume(String bootstrap, AtomicBoolean running, Object ready, boolean[] atEnd) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("incident.opened", "incident.resolved")) {
                consumer.partitionsFor(topic, Duration.ofSeconds(30))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end offsets now, before any outage
            synchronized (ready) {
                atEnd[0] = true;
                ready.notifyAll();
            }
            while (running.get()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    long seen = System.currentTimeMillis();
                    Matcher dedup = DEDUP.matcher(r.value());
                    Matcher id = ID.matcher(r.value());
                    if (!dedup.find() || !id.find()) {
                        continue;
                    }
                    Map<String, List<Seen>> into = r.topic().equals("incident.opened") ? OPENED : RESOLVED;
                    into.computeIfAbsent(dedup.group(1), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                            .add(new Seen(id.group(1), r.timestamp(), seen));
                }
            }
        }
    }
}
