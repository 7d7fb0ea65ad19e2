/**
 * The agents' workspace: the task list per queue, claim, reply and resolve, as Thymeleaf pages
 * ({@code /workspace}) and as JSON ({@code /api/workspace/**}, {@code /api/tickets/{id}/...}).
 * Both call {@link io.kefu.workspace.AgentWorkService}.
 */
package io.kefu.workspace;
