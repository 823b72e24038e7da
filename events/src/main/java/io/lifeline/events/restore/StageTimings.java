package io.lifeline.events.restore;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Per-stage durations in milliseconds, in the order the stages ran (fetch, verify, decrypt, restore, ...). */
final class StageTimings {

    private StageTimings() {
    }

    static Map<String, Long> copy(Map<String, Long> stages, String field) {
        if (stages == null) {
            return null;
        }
        Map<String, Long> copy = new LinkedHashMap<>();
        stages.forEach((stage, millis) -> {
            if (stage == null || stage.isBlank() || millis == null || millis < 0) {
                throw new IllegalArgumentException(field + " must map stage names to durations >= 0");
            }
            copy.put(stage, millis);
        });
        return Collections.unmodifiableMap(copy);
    }
}
