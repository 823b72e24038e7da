package io.lifeline.contract;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lifeline.contract.scan.ChainScanner;
import io.lifeline.events.EventCodec;
import io.lifeline.events.EventType;
import io.lifeline.testsupport.EventTopics;

/** Small helpers shared by the guardian's tests. */
final class Chains {

    static final Duration WAIT = Duration.ofSeconds(60);

    private Chains() {
    }

    static String config(String name) {
        return ConfigProvider.getConfig().getValue("lifeline.test.chain." + name, String.class);
    }

    static TestChain chain() {
        return new TestChain(config("rpc-url"));
    }

    /** Waits until the scanner has read up to the chain's current head. */
    static void scannedToHead(ChainScanner scanner, TestChain chain) {
        long head = chain.blockNumber();
        await().atMost(WAIT).until(() -> scanner.cursorBlock() >= head);
    }

    /** Every payload on the topic right now that matches. */
    static <T> List<T> all(EventTopics topics, EventType<T> type, java.util.function.Predicate<T> match) {
        return topics.readAll(type.topic()).stream().map(r -> EventCodec.decode(type, r.value())).filter(match).toList();
    }
}
