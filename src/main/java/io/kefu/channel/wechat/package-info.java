/**
 * The WeChat Official Account (公众号) channel: URL verification and message callbacks in plain and
 * safe (AES) mode at {@code /channels/wechat}, customers identified by openid (unionid when the
 * platform gives one), replies through the customer-service message API inside the platform's
 * 48-hour window, in parts of at most 2,048 bytes, through the messengers' shared outbound queue
 * (written in the reply's transaction) so a platform that is down delays a reply and never loses it.
 */
package io.kefu.channel.wechat;
