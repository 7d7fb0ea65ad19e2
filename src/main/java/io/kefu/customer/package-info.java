/**
 * Customers, their service tier and their identities on each channel. A customer is known to
 * Kefu by the {@code externalId} the shop or CRM uses for them.
 */
package io.kefu.customer;
