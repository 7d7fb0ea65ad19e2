/**
 * The deployment policy: models are data, never code. Every deployment (the {@code processes/}
 * folder at start, {@code /engine-rest/deployment/create}, any {@code RepositoryService} call)
 * passes {@link io.kefu.lifecycle.policy.DeploymentPolicy} first — no scripts, only Kefu's delegate
 * beans, expressions that read process variables and call an allow-listed set of helpers — and
 * the same rules hold a second time where expressions are evaluated
 * ({@link io.kefu.lifecycle.policy.RestrictedExpressionManager}) and scripts are looked up
 * ({@link io.kefu.lifecycle.policy.RestrictedScriptEngineResolver}), so a model deployed before the
 * policy, or a variable's value, cannot escape it. docs/SECURITY.md, "Deployment policy".
 */
package io.kefu.lifecycle.policy;
