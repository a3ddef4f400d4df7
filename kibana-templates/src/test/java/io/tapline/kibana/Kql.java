package io.tapline.kibana;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The field comparisons in a KQL query ({@code field : value}, {@code field >= 500}), enough for the queries
 * saved objects carry. Quoted values are dropped first, so a colon inside a value never reads as a field.
 */
final class Kql {
    /** One comparison: the field and the operator, {@code :} or a range operator. */
    record Comparison(String field, String operator) {
        boolean range() {
            return !operator.equals(":");
        }
    }

    private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern COMPARISON = Pattern.compile("([A-Za-z_@][\\w.@-]*)\\s*(:|>=|<=|>|<)");
    private static final Pattern KQL_ARGUMENT = Pattern.compile("kql='((?:[^'\\\\]|\\\\.)*)'");

    private Kql() {
    }

    static List<Comparison> comparisons(String query) {
        List<Comparison> out = new ArrayList<>();
        Matcher m = COMPARISON.matcher(QUOTED.matcher(query).replaceAll("\"\""));
        while (m.find()) {
            out.add(new Comparison(m.group(1), m.group(2)));
        }
        return out;
    }

    /** The {@code kql='...'} arguments of a Lens formula, in order. */
    static List<String> formulaFilters(String formula) {
        List<String> out = new ArrayList<>();
        Matcher m = KQL_ARGUMENT.matcher(formula);
        while (m.find()) {
            out.add(m.group(1).replace("\\'", "'"));
        }
        return out;
    }
}
