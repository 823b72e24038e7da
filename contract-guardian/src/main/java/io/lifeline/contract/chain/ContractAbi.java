package io.lifeline.contract.chain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.web3j.crypto.Hash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The parts of a contract ABI the guardian needs: its events (to filter and decode logs) and its
 * functions (to know whether {@code pause()} exists). Read from a JSON array or a compiler artefact.
 */
public final class ContractAbi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String json;
    private final Map<String, AbiEvent> eventsByName;
    private final Map<String, AbiEvent> eventsByTopic;
    private final Map<String, List<String>> functions;
    private final Map<String, List<String>> outputs;

    private ContractAbi(String json, Map<String, AbiEvent> events, Map<String, List<String>> functions,
            Map<String, List<String>> outputs) {
        this.outputs = outputs;
        this.json = json;
        this.eventsByName = events;
        this.functions = functions;
        this.eventsByTopic = new LinkedHashMap<>();
        events.values().forEach(e -> eventsByTopic.put(e.topic0(), e));
    }

    /** Reads and checks an ABI file; the message of the exception names the file and what is wrong. */
    public static ContractAbi load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ABI file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed ABI in " + file + ": " + e.getMessage(), e);
        }
    }

    public static ContractAbi parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root != null && root.isObject() && root.has("abi")) {
            root = root.get("abi");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("expected a JSON array of ABI entries (or an object with an 'abi' array)");
        }
        Map<String, AbiEvent> events = new LinkedHashMap<>();
        Map<String, List<String>> functions = new LinkedHashMap<>();
        Map<String, List<String>> outputs = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode entry : root) {
            String type = entry.path("type").asText("function");
            String name = entry.path("name").asText("");
            if (("event".equals(type) || "function".equals(type)) && name.isBlank()) {
                throw new IllegalArgumentException("entry " + index + " (" + type + ") has no name");
            }
            List<AbiEvent.Param> inputs = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                String inputType = input.path("type").asText("");
                if (inputType.isBlank()) {
                    throw new IllegalArgumentException("entry " + index + " (" + name + ") has an input without a type");
                }
                inputs.add(new AbiEvent.Param(input.path("name").asText(""), inputType,
                        input.path("indexed").asBoolean(false)));
            }
            if ("event".equals(type)) {
                events.put(name, new AbiEvent(name, inputs));
            } else if ("function".equals(type)) {
                functions.put(name, inputs.stream().map(AbiEvent.Param::type).toList());
                List<String> out = new ArrayList<>();
                entry.path("outputs").forEach(o -> out.add(o.path("type").asText("")));
                outputs.put(name, out);
            }
            index++;
        }
        return new ContractAbi(text, events, functions, outputs);
    }

    public Optional<AbiEvent> event(String name) {
        return Optional.ofNullable(eventsByName.get(name));
    }

    public Optional<AbiEvent> eventByTopic(String topic0) {
        return Optional.ofNullable(eventsByTopic.get(topic0 == null ? null : topic0.toLowerCase()));
    }

    /** True when the ABI has a function of that name taking no arguments (e.g. {@code pause()}). */
    public boolean hasNoArgFunction(String name) {
        List<String> args = functions.get(name);
        return args != null && args.isEmpty();
    }

    /** The single static output type of a no-argument view function (e.g. {@code address} for owner()). */
    public Optional<String> getterType(String name) {
        List<String> out = outputs.get(name);
        return hasNoArgFunction(name) && out != null && out.size() == 1 ? Optional.of(out.get(0)) : Optional.empty();
    }

    /** Pausable in the OpenZeppelin sense: pause(), unpause() and paused(). */
    public boolean isPausable() {
        return hasNoArgFunction("pause") && hasNoArgFunction("paused");
    }

    /** The ABI as given, for the redeploy incident. */
    public String json() {
        return json;
    }

    /** An event of the ABI; {@code topic0} is the keccak-256 of its canonical signature. */
    public record AbiEvent(String name, List<Param> inputs) {

        public record Param(String name, String type, boolean indexed) {
        }

        public String signature() {
            return name + "(" + String.join(",", inputs.stream().map(Param::type).toList()) + ")";
        }

        public String topic0() {
            return Hash.sha3String(signature()).toLowerCase();
        }
    }
}
