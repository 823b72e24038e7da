package io.lifeline.contract.rules;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One state read of a watched contract at a block.
 *
 * @param getters      view function name to value (owner, protocolTreasury, protocolFeeBps, paused)
 * @param tokenBalance the contract's balance of its token, if it has one
 * @param codeHash     keccak-256 of the deployed code
 * @param implementation the EIP-1967 implementation slot (zero for a contract that is not a proxy)
 */
public record StateSnapshot(long blockNumber, String blockHash, Instant at, Map<String, String> getters,
                            Optional<BigInteger> tokenBalance, String codeHash, String implementation) {
}
