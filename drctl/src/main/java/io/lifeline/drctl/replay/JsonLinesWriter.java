package io.lifeline.drctl.replay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Writes replayed events as JSON lines: where the record sat, its CloudEvents attributes and its
 * payload as JSON. A payload that is not JSON (a poison message kept in a dead-letter topic) is
 * written as the string {@code rawValue} instead, so that every line stays valid JSON.
 */
public final class JsonLinesWriter {

    private final JsonFactory json = new JsonFactory();
    private final Writer out;

    public JsonLinesWriter(Writer out) {
        this.out = out;
    }

    public void write(RecordedEvent event) {
        try {
            JsonGenerator g = json.createGenerator(out);
            g.writeStartObject();
            g.writeStringField("time", event.eventTime().toString());
            g.writeStringField("topic", event.topic());
            g.writeNumberField("partition", event.partition());
            g.writeNumberField("offset", event.offset());
            g.writeStringField("key", event.key());
            g.writeObjectFieldStart("attributes");
            for (Map.Entry<String, String> a : new TreeMap<>(event.attributes()).entrySet()) {
                g.writeStringField(a.getKey(), a.getValue());
            }
            g.writeEndObject();
            if (event.value() != null && isJson(event.value())) {
                g.writeFieldName("payload");
                g.writeRawValue(event.value());
            } else {
                g.writeStringField("rawValue", event.value());
            }
            g.writeEndObject();
            g.flush();
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A streaming syntax check: cheaper than building a tree, and all a raw copy needs. */
    private boolean isJson(String value) {
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

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
