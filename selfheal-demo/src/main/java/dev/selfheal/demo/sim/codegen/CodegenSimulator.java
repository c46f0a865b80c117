package dev.selfheal.demo.sim.codegen;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorMain;

/** The Codegen simulator as its own process: {@code java -cp ... CodegenSimulator --port 0 --seed 1 --token T [--state-file F]}. */
public final class CodegenSimulator {

    private CodegenSimulator() {
    }

    public static void main(String[] args) {
        SimulatorMain.main(Api.CODEGEN, args);
    }
}
