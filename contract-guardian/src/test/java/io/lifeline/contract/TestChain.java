package io.lifeline.contract;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a test does to the chain, over plain JSON-RPC: deploy the compiled test contracts, send
 * transactions from the node's unlocked dev accounts, read state, snapshot/revert (reorgs), mine.
 */
public final class TestChain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public TestChain(String url) {
        this.url = url;
    }

    public static Path artefact(String name) {
        return HardhatNode.chainDir().resolve("build/" + name + ".json");
    }

    public JsonNode rpc(String method, Object... params) {
        try {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", IDS.incrementAndGet(), "method", method,
                    "params", Arrays.asList(params)));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (json.has("error")) {
                throw new IllegalStateException(method + ": " + json.get("error"));
            }
            return json.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<String> accounts() {
        List<String> accounts = new ArrayList<>();
        rpc("eth_accounts").forEach(a -> accounts.add(a.asText()));
        return accounts;
    }

    public String deploy(String contract, List<Type> constructorArgs) {
        try {
            String bytecode = JSON.readTree(Files.readString(artefact(contract))).get("bytecode").asText();
            String data = bytecode + FunctionEncoder.encodeConstructor(constructorArgs);
            JsonNode receipt = transact(accounts().get(0), null, data, BigInteger.ZERO);
            return receipt.get("contractAddress").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls a function as a transaction from a dev account and waits for a successful receipt. */
    public JsonNode send(String from, String to, String function, Type<?>... args) {
        String data = FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
        return transact(from, to, data, BigInteger.ZERO);
    }

    public JsonNode transfer(String from, String to, BigInteger wei) {
        return transact(from, to, "0x", wei);
    }

    private JsonNode transact(String from, String to, String data, BigInteger value) {
        Map<String, String> tx = new java.util.LinkedHashMap<>();
        tx.put("from", from);
        if (to != null) {
            tx.put("to", to);
        }
        tx.put("data", data);
        tx.put("gas", "0x4c4b40");
        tx.put("value", "0x" + value.toString(16));
        String hash = rpc("eth_sendTransaction", tx).asText();
        AtomicReference<JsonNode> receipt = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode r = rpc("eth_getTransactionReceipt", hash);
            if (r == null || r.isNull()) {
                return false;
            }
            receipt.set(r);
            return true;
        });
        if (!"0x1".equals(receipt.get().get("status").asText())) {
            throw new IllegalStateException("transaction " + hash + " failed: " + receipt.get());
        }
        return receipt.get();
    }

    /** A view call returning one word, as a number. */
    public BigInteger callWord(String to, String function, Type<?>... args) {
        String data = FunctionEncoder.encode(new Function(function, List.of(args), List.of()));
        String result = rpc("eth_call", Map.of("to", to, "data", data), "latest").asText();
        return new BigInteger(result.substring(2).isEmpty() ? "0" : result.substring(2), 16);
    }

    public boolean paused(String contract) {
        return callWord(contract, "paused").signum() != 0;
    }

    public BigInteger nonce(String address) {
        return new BigInteger(rpc("eth_getTransactionCount", address, "latest").asText().substring(2), 16);
    }

    public long blockNumber() {
        return Long.decode(rpc("eth_blockNumber").asText());
    }

    public String snapshot() {
        return rpc("evm_snapshot").asText();
    }

    public void revert(String snapshot) {
        if (!rpc("evm_revert", snapshot).asBoolean()) {
            throw new IllegalStateException("evm_revert " + snapshot + " refused");
        }
    }

    public void mine(long blocks) {
        rpc("hardhat_mine", "0x" + Long.toHexString(blocks));
    }

    public String url() {
        return url;
    }
}
