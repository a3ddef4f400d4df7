package io.tapline.kibana;

/**
 * One use of a field by a saved object.
 *
 * @param object        the saved object, e.g. {@code lens tapline-lens-top-routes}
 * @param where         where in it, e.g. {@code column col-route}, for the failure message
 * @param field         the dotted field path
 * @param use           what the object does with it
 * @param lensDataType  the {@code dataType} a Lens column declares for it, or null
 */
record FieldUse(String object, String where, String field, Use use, String lensDataType) {

    /** What a saved object does with a field; each use needs a mapping that supports it. */
    enum Use {
        /** terms buckets (Lens "top values"): keyword, ip, number or boolean with doc values */
        TERMS,
        /** percentile, average, median, sum, min, max: a number */
        NUMERIC_METRIC,
        /** date histogram: the data view's time field, a date */
        DATE_HISTOGRAM,
        /** the data view's time field: a date */
        TIME_FIELD,
        /** {@code field : value} in KQL: an indexed field */
        KQL_MATCH,
        /** {@code field >= value} in KQL: an indexed number, date or ip */
        KQL_RANGE,
        /** a Discover column or a field label: any mapped field */
        DISPLAY,
        /** a Discover sort: a field with doc values, never text */
        SORT,
        /** a number format (duration, bytes, percent): a number */
        NUMBER_FORMAT
    }

    static FieldUse of(String object, String where, String field, Use use) {
        return new FieldUse(object, where, field, use, null);
    }

    @Override
    public String toString() {
        return object + " (" + where + "): " + use + " on " + field;
    }
}
