package io.lifeline.drctl.cli;

/** Exit codes scripts can rely on; `drctl --help` lists them. */
public final class ExitCodes {

    public static final int OK = 0;
    /** The operation ran and failed (a backup failed, a restore was refused, components are down). */
    public static final int FAILED = 1;
    /** Bad command line (picocli's own code for usage errors). */
    public static final int USAGE = 2;
    /** Kafka or a service could not be reached. */
    public static final int UNREACHABLE = 3;
    /** The incident, backup or restore named does not exist. */
    public static final int NOT_FOUND = 4;

    public static final String HELP = """
            Exit codes: 0 ok, 1 the operation failed, 2 bad usage, 3 Kafka or a service unreachable, 4 not found.""";

    private ExitCodes() {
    }
}
