package io.lifeline.ipfs.repair;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Runs a pass every {@code lifeline.ipfs.schedule}; a pass still running is not doubled. */
@ApplicationScoped
public class CheckScheduler {

    private final CheckPass pass;

    public CheckScheduler(CheckPass pass) {
        this.pass = pass;
    }

    @Scheduled(every = "${lifeline.ipfs.schedule}", delay = 10, delayUnit = java.util.concurrent.TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        pass.runIfIdle();
    }
}
