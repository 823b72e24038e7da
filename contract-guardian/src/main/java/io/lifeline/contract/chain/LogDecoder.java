package io.lifeline.contract.chain;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.web3j.utils.Numeric;

import io.lifeline.contract.chain.ContractAbi.AbiEvent;

/**
 * Decodes a log's parameters into strings (addresses lower-case 0x, integers in decimal, bytes32 as
 * hex), indexed ones from the topics and the rest from the data words. Dynamic types (string, bytes,
 * arrays) are reported as {@code (dynamic)}: no rule of the pack reads them.
 */
public final class LogDecoder {

    private LogDecoder() {
    }

    public static Map<String, String> decode(AbiEvent event, List<String> topics, String data) {
        Map<String, String> values = new LinkedHashMap<>();
        String hex = Numeric.cleanHexPrefix(data == null ? "" : data);
        int topic = 1;
        int word = 0;
        int position = 0;
        for (AbiEvent.Param p : event.inputs()) {
            String name = p.name().isBlank() ? "arg" + position : p.name();
            position++;
            if (p.indexed()) {
                String value = topic < topics.size() ? topics.get(topic) : null;
                topic++;
                values.put(name, value == null ? "(missing)" : isDynamic(p.type()) ? value : word(p.type(), value));
            } else if (isDynamic(p.type())) {
                values.put(name, "(dynamic)");
                word++;
            } else {
                int start = word * 64;
                values.put(name, start + 64 <= hex.length() ? word(p.type(), hex.substring(start, start + 64)) : "(missing)");
                word++;
            }
        }
        return values;
    }

    static boolean isDynamic(String type) {
        return type.equals("string") || type.equals("bytes") || type.endsWith("]");
    }

    /** One 32-byte ABI word of a static type as a string. */
    public static String word(String type, String wordHex) {
        String w = Numeric.cleanHexPrefix(wordHex).toLowerCase();
        if (w.length() < 64) {
            w = "0".repeat(64 - w.length()) + w;
        }
        if (type.equals("address")) {
            return "0x" + w.substring(24);
        }
        if (type.equals("bool")) {
            return Boolean.toString(!new BigInteger(w, 16).equals(BigInteger.ZERO));
        }
        if (type.startsWith("uint")) {
            return new BigInteger(w, 16).toString();
        }
        if (type.startsWith("int")) {
            BigInteger v = new BigInteger(w, 16);
            return (v.testBit(255) ? v.subtract(BigInteger.ONE.shiftLeft(256)) : v).toString();
        }
        return "0x" + w;
    }
}
