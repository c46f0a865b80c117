package dev.selfheal.recovery;

/** How much harm an action can do if it is the wrong one. HIGH waits for approval unless allowed. */
public enum Risk {
    LOW, MEDIUM, HIGH;

    public static Risk worse(Risk a, Risk b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
