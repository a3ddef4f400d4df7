package io.tapline.store;

import java.util.List;

/**
 * What installing the schema into a cluster did, one step per object, so that {@code tapline serve} and
 * {@code tapline setup} can say what they created, changed or left alone.
 */
public record InstallReport(List<Step> steps) {
    public InstallReport {
        steps = List.copyOf(steps);
    }

    /** What happened to one object. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, SKIPPED }

    /**
     * @param object e.g. {@code index template tapline-logs}
     * @param outcome what was done
     * @param detail  why it was skipped, or what was installed (e.g. the template's {@link IndexMode}); may be empty
     */
    public record Step(String object, Outcome outcome, String detail) {
        @Override
        public String toString() {
            return object + ": " + outcome.name().toLowerCase(java.util.Locale.ROOT)
                    + (detail.isEmpty() ? "" : " (" + detail + ")");
        }
    }

    /** True when nothing was created or updated. */
    public boolean changedNothing() {
        return steps.stream().allMatch(s -> s.outcome() == Outcome.UNCHANGED || s.outcome() == Outcome.SKIPPED);
    }
}
