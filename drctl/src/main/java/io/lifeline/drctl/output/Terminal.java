package io.lifeline.drctl.output;

import java.io.PrintStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lifeline.events.EventJson;

/**
 * Where drctl writes. Colour and the redrawn progress line only on a real terminal (and never with
 * NO_COLOR set); a pipe or a file gets plain lines that scripts can read.
 */
public final class Terminal {

    private static final ObjectMapper JSON = EventJson.configure(new ObjectMapper())
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private long lastProgressLine;

    public Terminal(PrintStream out, PrintStream err, boolean interactive) {
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    public static Terminal system() {
        boolean tty = System.console() != null && System.getenv("NO_COLOR") == null
                && !"dumb".equals(System.getenv("TERM"));
        return new Terminal(System.out, System.err, tty);
    }

    public boolean interactive() {
        return interactive;
    }

    public void line(String text) {
        out.println(text);
    }

    public void json(Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }

    public void good(String text) {
        out.println(paint("32", text));
    }

    public void bad(String text) {
        out.println(paint("31", text));
    }

    public void error(String text) {
        err.println(paint("31", "drctl: " + text));
    }

    public String paint(String ansi, String text) {
        return interactive ? "\u001b[" + ansi + "m" + text + "\u001b[0m" : text;
    }

    /**
     * A progress line: redrawn in place on a terminal; elsewhere printed at most every 5 s so that a
     * log file shows progress without thousands of lines.
     */
    public void progress(String label, double fraction, String detail) {
        if (interactive) {
            int width = 30;
            int filled = fraction < 0 ? 0 : (int) Math.round(Math.min(1, fraction) * width);
            String bar = fraction < 0 ? "[" + " ".repeat(width) + "]"
                    : "[" + "#".repeat(filled) + " ".repeat(width - filled) + "]";
            err.print("\r" + label + " " + bar + " " + detail + "\u001b[K");
            err.flush();
        } else if (System.currentTimeMillis() - lastProgressLine >= 5_000) {
            err.println(label + " " + detail);
            lastProgressLine = System.currentTimeMillis();
        }
    }

    public void endProgress() {
        if (interactive) {
            err.println();
        }
    }
}
