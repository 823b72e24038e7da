package io.lifeline.contract.rules;

import java.util.Map;

import io.lifeline.events.incident.Severity;

/**
 * A rule matched. {@code dedupKey} identifies the anomaly across restarts and rescans: for a log
 * rule it is {@code chainId:contract:rule:txHash:logIndex}; for state rules it names the value seen.
 */
public record Finding(String contractName, String contract, String rule, Severity severity, boolean pause,
                      String txHash, Long logIndex, Long blockNumber, String blockHash, Map<String, String> values,
                      String dedupKey, String summary) {
}
