package io.tapline.cli.client;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: a header row, columns padded to their widest cell, the last column cut to fit
 * {@code maxWidth} (with an ellipsis) when a width is given. Cells may carry ANSI colour; widths ignore it.
 */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> header) {
        this.header = List.copyOf(header);
    }

    void add(List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("a row has " + row.size() + " cells, the table " + header.size());
        }
        rows.add(List.copyOf(row));
    }

    int size() {
        return rows.size();
    }

    /** @param maxWidth the line width to fit, or 0 for no limit */
    void print(PrintStream out, int maxWidth) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = visible(header.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], visible(row.get(i)));
            }
        }
        printRow(out, header, widths, maxWidth);
        for (List<String> row : rows) {
            printRow(out, row, widths, maxWidth);
        }
    }

    private static void printRow(PrintStream out, List<String> cells, int[] widths, int maxWidth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (i == cells.size() - 1) {
                int room = maxWidth > 0 ? maxWidth - visible(sb.toString()) : Integer.MAX_VALUE;
                if (maxWidth > 0 && visible(cell) > room && room > 1 && cell.indexOf('\u001B') < 0) {
                    cell = cell.substring(0, room - 1) + "…";
                }
                sb.append(cell);
            } else {
                sb.append(cell).append(" ".repeat(widths[i] - visible(cell) + 2));
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /** The printed width: ANSI colour codes take no room. */
    static int visible(String s) {
        return s.replaceAll("\u001B\\[[0-9;]*m", "").length();
    }
}
