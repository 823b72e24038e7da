package io.lifeline.ipfs.repair;

/** Bringing content back failed for a reason worth reporting on that CID. */
public class RepairException extends RuntimeException {

    public RepairException(String message) {
        super(message);
    }
}
