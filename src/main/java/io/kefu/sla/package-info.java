/**
 * Service levels: the SLA policies of {@code rules/sla-policies.yaml} (first-response,
 * next-response and resolution targets by tier × priority × channel) and the business-hours
 * calendars of {@code rules/calendars/} they are counted in ({@link io.kefu.sla.BusinessHours}:
 * time zone, periods per day, holidays, make-up working days). {@link io.kefu.sla.SlaClocks}
 * starts, stops, pauses and resumes a ticket's clocks and records warnings and breaches on the
 * ticket; {@link io.kefu.sla.Escalations} climbs the escalation ladder and stores a notification
 * at each level ({@link io.kefu.sla.TicketEscalationRaised}).
 */
package io.kefu.sla;
