package io.lifeline.contract.rules;

/** Where a log sits on the chain. */
public record LogRef(String txHash, long logIndex, long blockNumber, String blockHash) {
}
