package io.lifeline.contract.rest;

import java.util.Map;

/** A watched contract and what the last state read saw. */
public record ContractView(String name, String address, boolean pausable, String token, Long stateBlock,
                           Map<String, String> state, String tokenBalance, String codeHash) {
}
