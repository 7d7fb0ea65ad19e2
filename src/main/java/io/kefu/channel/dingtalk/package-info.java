/**
 * The DingTalk (钉钉) channel: the application robot's messages at {@code POST /channels/dingtalk}
 * (signed with the AppSecret), and the application's encrypted event subscription at the same
 * address (WXBizMsgCrypt with the AppKey as receiver id). Writers are known by staff id (members
 * of the organisation) or the robot's sender id; replies go through the conversation's session
 * webhook while it is valid, else through the robot API to the staff id, sent from the outbound
 * queue written in the reply's transaction, so a platform that is down delays a reply and never
 * loses it.
 */
package io.kefu.channel.dingtalk;
