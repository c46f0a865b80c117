package dev.selfheal.demo.sim.github;

import dev.selfheal.demo.sim.Api;
import dev.selfheal.demo.sim.SimulatorMain;

/** The GitHub simulator as its own process: {@code java -cp ... GitHubSimulator --port 0 --seed 1 --token T [--state-file F]}. */
public final class GitHubSimulator {

    private GitHubSimulator() {
    }

    public static void main(String[] args) {
        SimulatorMain.main(Api.GITHUB, args);
    }
}
