/**
 * API tokens for back-office systems, channels and bots: scoped ({@link io.kefu.security.token.ApiTokenScope}),
 * shown once, stored as a SHA-256 hash ({@code api_token}), expiring, revocable by admins through
 * {@code /api/admin/tokens} and the {@code /admin/tokens} page. {@link io.kefu.security.token.ApiTokenFilter}
 * authenticates {@code Authorization: Bearer kefu_…} on the API chain as principal {@code token:<name>}
 * with the authorities {@code SCOPE_<scope>} only; {@link io.kefu.security.token.ApiTokenRules} says
 * which routes each scope opens. Tokens never touch Camunda's identity service, so they are not subject
 * to password lockout.
 */
package io.kefu.security.token;
