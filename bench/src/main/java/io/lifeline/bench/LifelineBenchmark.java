package io.lifeline.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a JMH benchmark class runnable as {@code bench/run <name>}. The class holds (at least)
 * two {@code @Benchmark} methods: the one {@link #measured} and its {@link #baseline}, so both
 * run in the same JMH run on the same machine and the result records their ratio.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LifelineBenchmark {

    /** The name people type, and the results file: {@code bench/results/<name>.json}. */
    String name();

    /** One sentence: what is measured, against what, and why it matters. */
    String description();

    /** What the value means, e.g. "avg time per decode". */
    String metric();

    /** The {@code @Benchmark} method whose score is the result. */
    String measured();

    /** The {@code @Benchmark} method whose score is the baseline. */
    String baseline();

    /** A human name for the baseline, shown in the results table. */
    String baselineName();

    BenchResult.Better better() default BenchResult.Better.LOWER;
}
