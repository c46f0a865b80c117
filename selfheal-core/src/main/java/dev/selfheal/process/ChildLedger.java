package dev.selfheal.process;

/**
 * A durable record of the children that are running, so that a daemon that starts after another
 * one died can find what it left behind. Recording must never block or fail a start: an
 * implementation swallows and counts its own errors.
 */
public interface ChildLedger {

    ChildLedger NONE = new ChildLedger() {
        @Override
        public void started(ChildProcesses.Child child) { }

        @Override
        public void ended(ChildProcesses.Child child) { }
    };

    void started(ChildProcesses.Child child);

    void ended(ChildProcesses.Child child);
}
