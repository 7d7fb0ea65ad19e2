/**
 * Application-wide configuration: where the user-edited folders ({@code processes/}, {@code rules/},
 * {@code integrations/}, {@code triage/}) are read from, and the clock every feature uses.
 */
package io.kefu.config;
