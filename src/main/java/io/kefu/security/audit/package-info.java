/**
 * Reading, exporting and expiring the audit log that {@link io.kefu.security.AuditLog} writes:
 * {@code GET /api/admin/audit} and the {@code /admin/audit} page (filters, cursor paging, CSV export,
 * itself audited), the hourly retention job, and {@link io.kefu.security.audit.IdentityChangeAudit},
 * which records identity changes made through {@code /engine-rest} and Camunda Admin.
 */
package io.kefu.security.audit;
