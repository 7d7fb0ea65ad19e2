/**
 * What the messenger channels share: the WXBizMsgCrypt signature and AES scheme (the Official
 * Account, WeCom and DingTalk's event subscriptions), Tencent's callback XML read as data only,
 * the gate every callback passes first (rate limit, timestamp, replay), the outbound queue replies
 * wait in until the platform took them, the cutting of long replies into parts, and the security
 * chain that opens the callback paths and nothing else under {@code /channels/}.
 */
package io.kefu.channel.callback;
