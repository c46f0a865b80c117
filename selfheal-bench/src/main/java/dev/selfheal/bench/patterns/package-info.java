/**
 * {@code selfheal bench patterns}: failure pattern analysis measured against a generated world
 * whose causes are known (root causes, recurring faults, unconfigured edges, coincidences), with
 * its baselines in the same run. The world is data: {@code --world FILE} reads it from YAML.
 */
package dev.selfheal.bench.patterns;
