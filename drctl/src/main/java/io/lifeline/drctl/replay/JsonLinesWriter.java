package io.lifeline.drctl.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Writes replayed events as JSON lines: where the record sat, its CloudEvents attributes and its
 * payload as JSON. A payload that is not JSON (a poison message kept in a dead-letter topic) is
 * written as the string {@code rawValue} instead, so that every line stays valid JSON.
 *
 * <p>The envelope is written by hand and the payload copied as it is (after a streaming syntax
 * check): a replay of millions of events should cost little more than reading them.
 */
public final class JsonLinesWriter {

    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private final JsonFactory json = new JsonFactory();
    private final JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    private final OutputStream out;

    /** @param out buffered by the caller */
    public JsonLinesWriter(OutputStream out) {
        this.out = out;
    }

    public void write(RecordedEvent event) {
        try {
            // ce_time is already ISO-8601: copied as it is (escaped), parsed only when missing.
            String time = event.attributes().get("time");
            ascii("{\"time\":");
            string(time != null ? time : event.timestamp().toString());
            ascii(",\"topic\":");
            string(event.topic());
            ascii(",\"partition\":");
            ascii(Integer.toString(event.partition()));
            ascii(",\"offset\":");
            ascii(Long.toString(event.offset()));
            ascii(",\"key\":");
            string(event.key());
            ascii(",\"attributes\":{");
            boolean first = true;
            for (Map.Entry<String, String> a : event.attributes().entrySet()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                string(a.getKey());
                out.write(':');
                string(a.getValue());
            }
            out.write('}');
            byte[] value = event.value() == null ? null : event.value().getBytes(StandardCharsets.UTF_8);
            if (value != null && isJson(value)) {
                ascii(",\"payload\":");
                out.write(value);
            } else {
                ascii(",\"rawValue\":");
                string(event.value());
            }
            out.write('}');
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streaming syntax check over the bytes: no tree is built, nothing is kept. */
    private boolean isJson(byte[] value) {
        try (JsonParser p = json.createParser(value)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private void string(String s) throws IOException {
        if (s == null) {
            out.write(NULL);
            return;
        }
        out.write('"');
        out.write(encoder.quoteAsUTF8(s));
        out.write('"');
    }

    private void ascii(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
