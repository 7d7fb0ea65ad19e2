/**
 * Intake: every channel's message becomes one {@link io.kefu.intake.InboundMessage}; intake
 * resolves the customer, appends the message to the open ticket's conversation or opens a new
 * ticket (which starts its lifecycle), all in one transaction. Channels beyond REST follow.
 */
package io.kefu.intake;
