package io.tapline.enrich;

/**
 * The coarse outcome of a record for dashboards: the status class ({@code 2xx}) and the outcome class
 * ({@code success}, {@code client_error}, {@code error_event}, ...).
 */
final class RecordClass {
    private RecordClass() {
    }

    /** A status code Tapline can classify: an HTTP status from 100 to 599, else null. */
    static Integer validStatus(Object value) {
        Long status = Documents.wholeNumber(value);
        return status != null && status >= 100 && status <= 599 ? status.intValue() : null;
    }

    private static final String[] STATUS_CLASSES = {null, "1xx", "2xx", "3xx", "4xx", "5xx"};

    /** {@code "1xx"} to {@code "5xx"}, for a {@link #validStatus}. */
    static String statusClass(int status) {
        return STATUS_CLASSES[status / 100];
    }

    /** The outcome of an exchange by its status. */
    static String ofStatus(int status) {
        switch (status / 100) {
            case 1:
                return "informational";
            case 2:
                return "success";
            case 3:
                return "redirect";
            case 4:
                return "client_error";
            default:
                return "server_error";
        }
    }

    /** The outcome of an event by its final level. */
    static String ofEvent(String level) {
        return LevelRules.isErrorOrWorse(level) ? "error_event" : "event";
    }
}
