package io.kefu.chat;

/**
 * What {@code POST /chat/api/visitors} answers.
 *
 * @param visitorToken       the token to keep (in the browser's storage) and send on CONNECT
 * @param visitorId          the visitor's id
 * @param customerExternalId the customer the visitor speaks for
 * @param identified         whether the host site vouched for that customer
 * @param channelName        the channel's name for the widget's header
 * @param agentsOnline       whether an agent holds a live workspace connection now; when not, the
 *                           widget says that a reply comes later
 * @param preChatForm        whether the widget shows the pre-chat form (name, e-mail) before the
 *                           first message: the channel asks for it and this visitor has not answered it
 */
public record VisitorSession(String visitorToken, long visitorId, String customerExternalId, boolean identified,
        String channelName, boolean agentsOnline, boolean preChatForm) {
}
