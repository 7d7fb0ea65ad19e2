/**
 * Messenger channels of the Chinese platforms, each a public, signature-checked callback door
 * ({@code /channels/<platform>}) feeding intake like the REST channel and the web chat, and a
 * sender that delivers agents' replies through the platform's API. The WeChat Official Account is
 * in {@code io.kefu.channel.wechat}, WeCom in {@code io.kefu.channel.wecom}, DingTalk in
 * {@code io.kefu.channel.dingtalk}; what they share (the WXBizMsgCrypt scheme, the callback gate,
 * the outbound queue) in {@code io.kefu.channel.callback}. Settings and worked examples are in
 * {@code docs/CHANNELS.md}.
 */
package io.kefu.channel;
