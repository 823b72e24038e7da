package io.lifeline.contract.chain;

import java.time.Instant;

import org.web3j.protocol.core.methods.response.EthBlock;

/** A block as the scanner needs it: number, hash, parent hash, timestamp. */
public record BlockRef(long number, String hash, String parentHash, Instant timestamp) {

    public static BlockRef of(EthBlock.Block b) {
        return new BlockRef(b.getNumber().longValueExact(), b.getHash().toLowerCase(), b.getParentHash().toLowerCase(),
                Instant.ofEpochSecond(b.getTimestamp().longValueExact()));
    }
}
