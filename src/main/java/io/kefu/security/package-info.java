/**
 * Authentication and access: users and groups live in Camunda's identity service, so one login
 * serves Kefu's pages, {@code /api/**} (HTTP Basic), {@code /engine-rest/**} and the Camunda
 * webapps. Groups become authorities: {@code GROUP_<id>} for each group (queues are groups) and a
 * role for the well-known ones (agents, supervisors, designers, camunda-admin). Who may call what
 * is the permission matrix of docs/SECURITY.md, stated route by route in {@code SecurityConfig};
 * which tickets a permitted call shows is the caller's {@link io.kefu.ticket.TicketAccess}, built
 * by {@code TicketAccessArguments}.
 *
 * <p>Sub-packages: {@code token} (API tokens for systems and bots, {@code Authorization: Bearer})
 * and {@code audit} (reading, exporting and expiring the audit log {@link io.kefu.security.AuditLog} writes).
 */
package io.kefu.security;
