/** {@code bench spring-startup}: what the Spring Boot starter adds to an application's start. */
package dev.selfheal.bench.spring;
