package io.lifeline.contract.chain;

/** A JSON-RPC call failed; the message names the endpoint and the method. */
public class ChainException extends RuntimeException {

    public ChainException(String message) {
        super(message);
    }

    public ChainException(String message, Throwable cause) {
        super(message, cause);
    }
}
