package io.kefu.chat;

/** A visitor token was revoked; its live connections are closed once that committed. */
public record VisitorRevoked(long visitorId) {
}
