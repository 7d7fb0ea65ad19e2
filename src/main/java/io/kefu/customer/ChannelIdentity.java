package io.kefu.customer;

import java.time.Instant;

/**
 * Where a customer can be reached: an address on a channel ({@code WEB} and the visitor's id,
 * {@code WECHAT} and the openid, …), recorded the first time the customer wrote from it.
 */
public record ChannelIdentity(String channel, String address, Instant since) {
}
