package io.lifeline.ipfs.pinning;

/** A pinning service refused or failed; the message has its status and reason, never the token. */
public class PinningException extends RuntimeException {

    public PinningException(String message) {
        super(message);
    }
}
