package io.tapline.kibana;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Decides whether the index template maps a field in a way that supports what a saved object does with it. */
final class FieldRules {
    private static final Map<String, String> LENS_DATA_TYPES = Map.of("string", "keyword", "ip", "ip",
            "date", "date", "boolean", "boolean");

    private final TemplateFields fields;
    private final String timeField;

    /**
     * @param timeField the data view's time field: the only field a date histogram may use
     */
    FieldRules(TemplateFields fields, String timeField) {
        this.fields = fields;
        this.timeField = timeField;
    }

    /** Every use the template does not support, each as a sentence; empty when all are fine. */
    List<String> violations(List<FieldUse> uses) {
        List<String> out = new ArrayList<>();
        for (FieldUse use : uses) {
            violation(use).ifPresent(out::add);
        }
        return out;
    }

    Optional<String> violation(FieldUse use) {
        Optional<TemplateFields.Field> mapped = fields.get(use.field());
        if (mapped.isEmpty()) {
            return Optional.of(use + ": the index template has no field " + use.field());
        }
        TemplateFields.Field f = mapped.get();
        boolean ok = switch (use.use()) {
            case TERMS -> f.termsCapable();
            case NUMERIC_METRIC, NUMBER_FORMAT -> f.numeric();
            case DATE_HISTOGRAM -> f.type().equals("date") && f.path().equals(timeField);
            case TIME_FIELD -> f.type().equals("date");
            case KQL_MATCH -> f.indexed();
            case KQL_RANGE -> f.rangeCapable();
            case DISPLAY -> true;
            case SORT -> f.sortable();
        };
        if (!ok) {
            return Optional.of(use + ": not supported by its mapping " + describe(f));
        }
        if (use.lensDataType() != null && !dataTypeMatches(use.lensDataType(), f)) {
            return Optional.of(use + ": the column says dataType " + use.lensDataType() + " but the mapping is "
                    + describe(f));
        }
        return Optional.empty();
    }

    private static boolean dataTypeMatches(String lensDataType, TemplateFields.Field f) {
        if (lensDataType.equals("number")) {
            return f.numeric();
        }
        return f.type().equals(LENS_DATA_TYPES.get(lensDataType));
    }

    private static String describe(TemplateFields.Field f) {
        return f.type() + (f.indexed() ? "" : ", not indexed") + (f.docValues() ? "" : ", no doc values");
    }
}
