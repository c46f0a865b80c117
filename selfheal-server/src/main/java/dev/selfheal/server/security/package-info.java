/** Who may call the API: bearer tokens with roles, the access filter, and the audit log of every change made through the API. */
package dev.selfheal.server.security;
