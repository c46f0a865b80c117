/**
 * Child processes, run and ended the one way: {@link dev.selfheal.process.CommandRunner} runs a
 * command without a shell and keeps the tail of its output; {@link dev.selfheal.process.ProcessTree}
 * ends a process with everything it started and waits for the whole tree, not just its root;
 * {@link dev.selfheal.process.ChildProcesses} knows every child that is running, so that none
 * outlives the daemon. Checks, actions and the supervisor all start their children here.
 *
 * <p>Layer: vocabulary, the bottom. Uses nothing of selfheal but {@code logs} (the ledger's write failures).
 */
package dev.selfheal.process;
