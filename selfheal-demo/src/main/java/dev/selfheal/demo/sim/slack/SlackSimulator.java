package dev.selfheal.demo.sim.slack;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorMain;

/** The Slack simulator as its own process: {@code java -cp ... SlackSimulator --port 0 --seed 1 --token T [--state-file F]}. */
public final class SlackSimulator {

    private SlackSimulator() {
    }

    public static void main(String[] args) {
        SimulatorMain.main(Api.SLACK, args);
    }
}
