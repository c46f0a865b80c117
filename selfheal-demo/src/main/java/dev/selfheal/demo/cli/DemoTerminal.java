package dev.selfheal.demo.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The demo's terminal: what happened, one timestamped line each, and what is going on now, as
 * a small table redrawn in place under those lines (as {@code docker compose up} or
 * {@code htop} do) when the output is a terminal, or as one status line every few seconds
 * when it is a file or a pipe. The engine's own log goes to a file, not here.
 *
 * <p>In place means: move the cursor up over the table, clear to the end of the screen,
 * print the new lines, draw the table again. Autowrap is off while the table is drawn, so a
 * narrow terminal clips its lines instead of wrapping them, and the count of lines to move
 * up stays right.
 */
final class DemoTerminal {

    private static final String ESC = "\u001b[";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;
    private final boolean live;
    private final ZoneId zone;
    private List<String> table = List.of();
    private int drawn;

    DemoTerminal(PrintWriter out, boolean live, ZoneId zone) {
        this.out = out;
        this.live = live;
        this.zone = zone;
    }

    /** True when standard output is an interactive terminal that understands ANSI cursor moves. */
    static boolean interactive(java.util.Map<String, String> env) {
        String term = env.getOrDefault("TERM", "");
        if (term.isEmpty() || term.equals("dumb")) {
            return false;
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Java 22+ returns a console even when output is redirected; isTerminal() tells
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only when both ends are a terminal
        }
    }

    boolean live() {
        return live;
    }

    /** Something that happened, at {@code at}: one line, kept in the scrollback. */
    synchronized void event(Instant at, String text) {
        erase();
        out.println(TIME.format(at.atZone(zone)) + "  " + text);
        draw();
        out.flush();
    }

    /** A plain line (where to look, the account): no timestamp. */
    synchronized void say(String text) {
        erase();
        out.println(text);
        draw();
        out.flush();
    }

    /** What is going on now: the table when live, else the one-line summary. */
    synchronized void status(List<String> lines, String summary) {
        if (live) {
            erase();
            table = List.copyOf(lines);
            draw();
        } else {
            out.println(summary);
        }
        out.flush();
    }

    /** Leaves the last table on the screen as ordinary lines, and draws no more. */
    synchronized void freeze() {
        table = List.of();
        drawn = 0;
        out.flush();
    }

    private void erase() {
        if (live && drawn > 0) {
            out.print(ESC + drawn + "F" + ESC + "J");
            drawn = 0;
        }
    }

    private void draw() {
        if (!live || table.isEmpty()) {
            return;
        }
        out.print(ESC + "?7l");
        for (String line : table) {
            out.println(line);
        }
        out.print(ESC + "?7h");
        drawn = table.size();
    }
}
