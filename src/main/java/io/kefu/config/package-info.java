/**
 * Application-wide configuration: where the user-edited folders ({@code processes/}, {@code rules/},
 * {@code integrations/}, {@code triage/}) are read from, and the clock every feature uses. Also the
 * web layer's input rules shared by every controller: strict JSON request bodies, NUL and lone
 * surrogates refused, page language and problem JSON for refused API calls.
 */
package io.kefu.config;
