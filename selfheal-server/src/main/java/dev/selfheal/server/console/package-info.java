/** The web console: static assets from the jar and WebJars, and the server-sent event stream that tells open pages what changed. */
package dev.selfheal.server.console;
