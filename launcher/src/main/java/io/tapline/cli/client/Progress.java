package io.tapline.cli.client;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr, redrawn in place at most every 100 ms: {@code [#####-----]  45%  5,823/12,940  1,234/s}.
 * Without a known total it shows the count and the rate.
 */
final class Progress {

    private static final int BAR = 30;
    private static final long EVERY_NANOS = 100_000_000L;

    private final PrintStream err;
    private final long total;
    private final String unit;
    private final long started = System.nanoTime();
    private long lastDraw;
    private int lastLength;

    Progress(PrintStream err, long total, String unit) {
        this.err = err;
        this.total = total;
        this.unit = unit;
    }

    /** Redraws when the last draw is old enough. */
    void update(long done) {
        long now = System.nanoTime();
        if (now - lastDraw >= EVERY_NANOS) {
            lastDraw = now;
            draw(done, now);
        }
    }

    /** Draws the final state and ends the line. */
    void finish(long done) {
        draw(done, System.nanoTime());
        err.println();
    }

    private void draw(long done, long now) {
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        String rate = String.format(Locale.ROOT, "%,.0f %s/s", done / seconds, unit);
        String line;
        if (total > 0) {
            double share = Math.min(1.0, (double) done / total);
            int filled = (int) Math.round(share * BAR);
            line = String.format(Locale.ROOT, "[%s%s] %3d%%  %,d/%,d %s  %s", "#".repeat(filled), "-".repeat(BAR - filled),
                    (int) Math.floor(share * 100), done, total, unit, rate);
        } else {
            line = String.format(Locale.ROOT, "%,d %s  %s", done, unit, rate);
        }
        String pad = line.length() < lastLength ? " ".repeat(lastLength - line.length()) : "";
        lastLength = line.length();
        err.print("\r" + line + pad);
        err.flush();
    }
}
