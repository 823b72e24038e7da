package io.lifeline.ipfs.node;

/** The node answered with an error or not at all; the message is the node's own, never a secret. */
public class NodeException extends RuntimeException {

    public NodeException(String message) {
        super(message);
    }

    public NodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
