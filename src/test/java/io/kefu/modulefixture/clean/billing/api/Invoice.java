package io.kefu.modulefixture.clean.billing.api;

/** Part of billing's named interface {@code api}, so other modules may use it. */
public record Invoice(long total) {
}
