import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.TopicCommand;

/**
 * Creates Lifeline's topics with Kafka's own TopicCommand, all in one JVM (one JVM per topic
 * costs about a second each). Run by bin/lifeline with Java's single-file source launcher:
 *
 *   java -cp '.lifeline/kafka/lib/*' infra/kafka/CreateTopics.java BOOTSTRAP PARTITIONS RETENTION_MS TOPIC...
 *
 * Idempotent: each topic is created with --if-not-exists. Exits 1 if any creation failed.
 */
public class CreateTopics {
    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: CreateTopics BOOTSTRAP PARTITIONS RETENTION_MS TOPIC...");
            System.exit(2);
        }
        String bootstrap = args[0];
        String partitions = args[1];
        String retentionMs = args[2];
        // TopicCommand.main ends with Exit.exit(status): record the status instead of exiting.
        int[] status = {0};
        Exit.setExitProcedure((code, message) -> status[0] = code);
        int failed = 0;
        for (int i = 3; i < args.length; i++) {
            status[0] = 0;
            TopicCommand.main("--bootstrap-server", bootstrap, "--create", "--if-not-exists",
                    "--topic", args[i], "--partitions", partitions, "--replication-factor", "1",
                    "--config", "retention.ms=" + retentionMs);
            if (status[0] != 0) {
                System.err.println("CreateTopics: creating topic " + args[i] + " failed (exit status " + status[0] + ")");
                failed++;
            }
        }
        Exit.resetExitProcedure();
        System.exit(failed == 0 ? 0 : 1);
    }
}
