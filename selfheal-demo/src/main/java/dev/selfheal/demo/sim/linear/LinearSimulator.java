package dev.selfheal.demo.sim.linear;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorMain;

/** The Linear simulator as its own process: {@code java -cp ... LinearSimulator --port 0 --seed 1 --token T [--state-file F]}. */
public final class LinearSimulator {

    private LinearSimulator() {
    }

    public static void main(String[] args) {
        SimulatorMain.main(Api.LINEAR, args);
    }
}
