/**
 * The agents' workspace: the task list per queue, the ticket list and search ({@code /tickets}),
 * the ticket page with claim, reply, resolve, internal notes, transfer, unclaim, priority and merge,
 * and canned responses (personal and team ones, placeholders filled per ticket), as Thymeleaf pages
 * ({@code /workspace}, {@code /tickets}) and as JSON ({@code /api/workspace/**},
 * <code>/api/tickets/{id}/...</code>, {@code /api/canned-responses}). Pages and APIs call
 * {@link io.kefu.workspace.AgentWorkService} and {@link io.kefu.workspace.CannedResponseService}.
 */
package io.kefu.workspace;
