package io.lifeline.contract.config;

import java.util.List;
import java.util.Optional;

import io.lifeline.contract.chain.ContractAbi;

/** A watched contract after validation: address lower-case, ABI parsed, pause policy resolved. */
public record Watched(String name, String address, ContractAbi abi, Optional<String> token, List<String> stateGetters,
                      String pausePolicy, boolean dryRun) {

    public boolean pausable() {
        return abi.isPausable();
    }
}
