package io.lifeline.contract.rules;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.lifeline.contract.chain.ContractAbi.AbiEvent;
import io.lifeline.contract.config.GuardianConfig;
import io.lifeline.contract.config.WatchList;
import io.lifeline.contract.config.Watched;
import io.lifeline.events.incident.Severity;

/**
 * The rules of configuration (the shipped pack is in application.properties), checked against the
 * watched ABIs at startup, applied to every confirmed log and every state read. Windows (burst,
 * balance) live in memory: after a restart they refill from new data.
 */
@ApplicationScoped
public class RuleEngine {

    static final Set<String> LOG_TYPES = Set.of("event", "event-param-not-in", "event-param-out-of-bounds", "burst");
    static final Set<String> STATE_TYPES = Set.of("balance-drop", "code-changed");

    private final long chainId;
    private final Map<String, GuardianConfig.Rule> rules = new LinkedHashMap<>();
    private final Map<String, Deque<BurstEntry>> bursts = new HashMap<>();
    private final Map<String, Long> burstLatchedUntil = new HashMap<>();
    private final Map<String, Deque<BalanceSample>> balances = new HashMap<>();
    private final Map<String, Boolean> balanceLatched = new HashMap<>();

    public RuleEngine(GuardianConfig config, WatchList watchList) {
        this.chainId = config.rpc().chainId();
        List<String> problems = new ArrayList<>();
        config.rules().forEach((name, rule) -> {
            if (!rule.enabled()) {
                return;
            }
            String prefix = "lifeline.contract.rules." + name;
            if (!LOG_TYPES.contains(rule.type()) && !STATE_TYPES.contains(rule.type())) {
                problems.add(prefix + ".type '" + rule.type() + "' is not one of " + LOG_TYPES + " or " + STATE_TYPES);
                return;
            }
            for (String c : rule.contracts().orElse(List.of())) {
                if (watchList.byName(c).isEmpty()) {
                    problems.add(prefix + ".contracts names '" + c + "', which is not a watched contract");
                }
            }
            if (LOG_TYPES.contains(rule.type())) {
                List<String> events = rule.events().orElse(List.of());
                if (events.isEmpty()) {
                    problems.add(prefix + ".events is required for type " + rule.type());
                }
                for (String event : events) {
                    List<AbiEvent> declared = watchList.all().stream().filter(w -> applies(rule, w))
                            .map(w -> w.abi().event(event)).flatMap(Optional::stream).toList();
                    if (declared.isEmpty()) {
                        problems.add(prefix + ".events names '" + event + "', which no watched contract's ABI declares");
                    }
                    boolean needsParam = !rule.type().equals("event") && !(rule.type().equals("burst")
                            && rule.value().isEmpty());
                    if (needsParam) {
                        String param = rule.param().orElse("");
                        if (param.isBlank()) {
                            problems.add(prefix + ".param is required for type " + rule.type());
                        } else if (declared.stream().anyMatch(e -> e.inputs().stream().noneMatch(p -> p.name().equals(param)))) {
                            problems.add(prefix + ".param '" + param + "' is not a parameter of event " + event);
                        }
                    }
                }
                if (rule.type().equals("event-param-out-of-bounds") && rule.min().isEmpty() && rule.max().isEmpty()) {
                    problems.add(prefix + " needs min and/or max");
                }
                if (rule.type().equals("burst") && rule.count().isEmpty() && rule.value().isEmpty()) {
                    problems.add(prefix + " needs count and/or value");
                }
            }
            rules.put(name, rule);
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("contract-guardian rules are invalid: " + String.join("; ", problems));
        }
    }

    public Map<String, GuardianConfig.Rule> rules() {
        return rules;
    }

    private static boolean applies(GuardianConfig.Rule rule, Watched w) {
        return rule.contracts().map(list -> list.contains(w.name())).orElse(true);
    }

    /** Every finding for one confirmed log of a watched contract. */
    public synchronized List<Finding> onLog(Watched w, AbiEvent event, Map<String, String> values, LogRef log) {
        List<Finding> findings = new ArrayList<>();
        rules.forEach((name, rule) -> {
            if (!LOG_TYPES.contains(rule.type()) || !applies(rule, w)
                    || !rule.events().orElse(List.of()).contains(event.name())) {
                return;
            }
            String key = chainId + ":" + w.address() + ":" + name + ":" + log.txHash() + ":" + log.logIndex();
            Map<String, String> seen = new LinkedHashMap<>(values);
            seen.put("event", event.name());
            switch (rule.type()) {
                case "event" -> findings.add(finding(w, name, rule, log, seen, key,
                        w.name() + ": " + event.name() + " " + values));
                case "event-param-not-in" -> {
                    String value = values.getOrDefault(rule.param().orElseThrow(), "").toLowerCase(Locale.ROOT);
                    Set<String> allowed = rule.allowed().orElse(List.of()).stream().map(String::trim)
                            .filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
                    if (!allowed.contains(value)) {
                        if (!allowed.isEmpty()) {
                            seen.put("expected", String.join(",", allowed));
                        }
                        findings.add(finding(w, name, rule, log, seen, key, w.name() + ": " + event.name() + " set "
                                + rule.param().get() + " to " + value
                                + (allowed.isEmpty() ? "" : ", which is not an expected address")));
                    }
                }
                case "event-param-out-of-bounds" -> {
                    BigInteger value = new BigInteger(values.getOrDefault(rule.param().orElseThrow(), "0"));
                    boolean low = rule.min().map(min -> value.compareTo(min) < 0).orElse(false);
                    boolean high = rule.max().map(max -> value.compareTo(max) > 0).orElse(false);
                    if (low || high) {
                        rule.min().ifPresent(min -> seen.put("min", min.toString()));
                        rule.max().ifPresent(max -> seen.put("max", max.toString()));
                        findings.add(finding(w, name, rule, log, seen, key, w.name() + ": " + event.name() + " set "
                                + rule.param().get() + " to " + value + ", outside " + rule.min().map(Object::toString)
                                        .orElse("-") + ".." + rule.max().map(Object::toString).orElse("-")));
                    }
                }
                case "burst" -> burst(w, name, rule, values, log, seen).ifPresent(findings::add);
                default -> {
                }
            }
        });
        return findings;
    }

    private Optional<Finding> burst(Watched w, String name, GuardianConfig.Rule rule, Map<String, String> values,
            LogRef log, Map<String, String> seen) {
        String windowKey = w.name() + "/" + name;
        Deque<BurstEntry> window = bursts.computeIfAbsent(windowKey, k -> new ArrayDeque<>());
        BigInteger value = rule.param().map(p -> new BigInteger(values.getOrDefault(p, "0"))).orElse(BigInteger.ZERO);
        window.addLast(new BurstEntry(log.blockNumber(), value));
        while (!window.isEmpty() && window.peekFirst().blockNumber() <= log.blockNumber() - rule.windowBlocks()) {
            window.removeFirst();
        }
        if (burstLatchedUntil.getOrDefault(windowKey, -1L) >= log.blockNumber()) {
            return Optional.empty();
        }
        int count = window.size();
        BigInteger sum = window.stream().map(BurstEntry::value).reduce(BigInteger.ZERO, BigInteger::add);
        boolean byCount = rule.count().map(c -> count >= c).orElse(false);
        boolean byValue = rule.value().map(v -> sum.compareTo(v) >= 0).orElse(false);
        if (!byCount && !byValue) {
            return Optional.empty();
        }
        // One anomaly per burst: quiet until the window that fired has passed.
        burstLatchedUntil.put(windowKey, log.blockNumber() + rule.windowBlocks());
        long firstBlock = window.peekFirst().blockNumber();
        seen.put("count", Integer.toString(count));
        seen.put("sum", sum.toString());
        seen.put("windowBlocks", Long.toString(rule.windowBlocks()));
        seen.put("firstBlock", Long.toString(firstBlock));
        String key = chainId + ":" + w.address() + ":" + name + ":" + log.txHash() + ":" + log.logIndex();
        return Optional.of(finding(w, name, rule, log, seen, key, w.name() + ": " + count + " " + seen.get("event")
                + " events (sum " + sum + ") within " + rule.windowBlocks() + " blocks"));
    }

    /** Findings of state rules for one read; {@code previous} holds remembered values (code hash, implementation). */
    public synchronized List<Finding> onState(Watched w, StateSnapshot state, Map<String, String> previous) {
        List<Finding> findings = new ArrayList<>();
        rules.forEach((name, rule) -> {
            if (!STATE_TYPES.contains(rule.type()) || !applies(rule, w)) {
                return;
            }
            if (rule.type().equals("code-changed")) {
                codeChanged(w, name, rule, state, previous).ifPresent(findings::add);
            } else if (rule.type().equals("balance-drop") && state.tokenBalance().isPresent()) {
                balanceDrop(w, name, rule, state).ifPresent(findings::add);
            }
        });
        return findings;
    }

    private Optional<Finding> codeChanged(Watched w, String name, GuardianConfig.Rule rule, StateSnapshot state,
            Map<String, String> previous) {
        String oldCode = previous.get("codeHash");
        String oldImpl = previous.get("implementation");
        boolean codeChanged = oldCode != null && !oldCode.equals(state.codeHash());
        boolean implChanged = oldImpl != null && !oldImpl.equals(state.implementation());
        if (!codeChanged && !implChanged) {
            return Optional.empty();
        }
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("oldCodeHash", String.valueOf(oldCode));
        seen.put("newCodeHash", state.codeHash());
        seen.put("oldImplementation", String.valueOf(oldImpl));
        seen.put("newImplementation", state.implementation());
        String key = chainId + ":" + w.address() + ":" + name + ":" + state.codeHash() + ":" + state.implementation();
        return Optional.of(new Finding(w.name(), w.address(), name, rule.severity(), rule.pause(), null, null,
                state.blockNumber(), state.blockHash(), seen, key, w.name() + ": contract code or implementation changed"));
    }

    private Optional<Finding> balanceDrop(Watched w, String name, GuardianConfig.Rule rule, StateSnapshot state) {
        String key = w.name() + "/" + name;
        Deque<BalanceSample> samples = balances.computeIfAbsent(key, k -> new ArrayDeque<>());
        BigInteger now = state.tokenBalance().orElseThrow();
        samples.addLast(new BalanceSample(state.at(), now, state.blockNumber()));
        Instant oldest = state.at().minus(rule.window());
        while (samples.size() > 1 && samples.peekFirst().at().isBefore(oldest)) {
            samples.removeFirst();
        }
        BalanceSample peak = samples.stream().max((a, b) -> a.balance().compareTo(b.balance())).orElseThrow();
        // Dropped by at least dropPercent from the peak of the window?
        boolean dropped = peak.balance().signum() > 0 && now.multiply(BigInteger.valueOf(100))
                .compareTo(peak.balance().multiply(BigInteger.valueOf(100L - rule.dropPercent()))) <= 0;
        if (!dropped) {
            balanceLatched.remove(key);
            return Optional.empty();
        }
        if (balanceLatched.put(key, true) != null) {
            return Optional.empty();
        }
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("peakBalance", peak.balance().toString());
        seen.put("peakBlock", Long.toString(peak.blockNumber()));
        seen.put("balance", now.toString());
        seen.put("dropPercent", Integer.toString(rule.dropPercent()));
        seen.put("window", rule.window().toString());
        String dedup = chainId + ":" + w.address() + ":" + name + ":" + peak.blockNumber() + ":" + state.blockNumber();
        return Optional.of(new Finding(w.name(), w.address(), name, rule.severity(), rule.pause(), null, null,
                state.blockNumber(), state.blockHash(), seen, dedup, w.name() + ": token balance fell from "
                        + peak.balance() + " to " + now + " within " + rule.window()));
    }

    private Finding finding(Watched w, String name, GuardianConfig.Rule rule, LogRef log, Map<String, String> values,
            String key, String summary) {
        return new Finding(w.name(), w.address(), name, rule.severity(), rule.pause(), log.txHash(), log.logIndex(),
                log.blockNumber(), log.blockHash(), values, key, summary);
    }

    /** Forgets the in-memory windows (a restart does the same). */
    public synchronized void resetWindows() {
        bursts.clear();
        burstLatchedUntil.clear();
        balances.clear();
        balanceLatched.clear();
    }

    private record BurstEntry(long blockNumber, BigInteger value) {
    }

    private record BalanceSample(Instant at, BigInteger balance, long blockNumber) {
    }

}
