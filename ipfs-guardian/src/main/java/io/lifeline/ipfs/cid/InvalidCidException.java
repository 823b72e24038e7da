package io.lifeline.ipfs.cid;

/** The text is not a CID this service can check; the message says why (never contains secrets). */
public class InvalidCidException extends IllegalArgumentException {

    public InvalidCidException(String message) {
        super(message);
    }
}
