package io.lifeline.notifier.receivers;

import java.util.List;

/** The test secrets: none of them may ever show up in an event, a log line or an error. */
public final class Secrets {

    public static final String DEVOPS_KEY = "R0DEVOPSxxxxxxxxxxxxxxxxxxxxxx01";
    public static final String BACKEND_KEY = "R0BACKENDxxxxxxxxxxxxxxxxxxxxx02";
    public static final String CONTRACT_KEY = "R0CONTRACTxxxxxxxxxxxxxxxxxxxx03";
    public static final String TEST_LEAD_KEY = "R0TESTLEADxxxxxxxxxxxxxxxxxxxx04";
    public static final String BOB_KEY = "R0BOBSOWNKEYxxxxxxxxxxxxxxxxxx05";
    public static final String INCIDENTS_TOKEN = "incidentsW3bh00kT0ken";
    public static final String FALLBACK_TOKEN = "fallbackW3bh00kT0ken";
    public static final String TICKET_TOKEN = "t1cketT0kenSecret";
    public static final String OPERATIONS_TOKEN = "operationsW3bh00kT0ken";
    /** The signing secret of the PagerDuty V3 webhook subscription. */
    public static final String PAGERDUTY_WEBHOOK_SECRET = "pdW3bh00kS1gningSecret";
    public static final String INCIDENTS_WEBHOOK_PATH = "/services/T000INC/B000INC/" + INCIDENTS_TOKEN;
    public static final String FALLBACK_WEBHOOK_PATH = "/services/T000FBK/B000FBK/" + FALLBACK_TOKEN;
    public static final String OPERATIONS_WEBHOOK_PATH = "/services/T000OPS/B000OPS/" + OPERATIONS_TOKEN;

    private Secrets() {
    }

    public static List<String> all() {
        return List.of(DEVOPS_KEY, BACKEND_KEY, CONTRACT_KEY, TEST_LEAD_KEY, BOB_KEY, INCIDENTS_TOKEN, FALLBACK_TOKEN,
                TICKET_TOKEN, OPERATIONS_TOKEN, PAGERDUTY_WEBHOOK_SECRET);
    }
}
