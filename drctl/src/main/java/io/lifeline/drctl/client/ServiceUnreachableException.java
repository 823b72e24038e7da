package io.lifeline.drctl.client;

/** A service or Kafka did not answer: exit code 3, with the address that was tried. */
public class ServiceUnreachableException extends RuntimeException {

    public ServiceUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
