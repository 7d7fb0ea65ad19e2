package io.kefu.workspace;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.kefu.chat.Attachment;
import io.kefu.chat.AttachmentText;
import io.kefu.conversation.Message;

/**
 * A message of <code>GET /api/tickets/{id}/messages</code>: the message's own fields, and its
 * attachments with the text read in their images.
 */
record TranscriptMessage(@JsonUnwrapped Message message, List<TranscriptAttachment> attachments) {

    /**
     * One attached file.
     *
     * @param recognizedText the text read in it (images customers sent), else null
     */
    record TranscriptAttachment(long id, String name, String contentType, long size, boolean image,
            AttachmentText recognizedText) {
    }

    static List<TranscriptMessage> of(List<Message> messages, Map<Long, List<Attachment>> attachments,
            Map<Long, AttachmentText> texts) {
        return messages.stream().map(m -> new TranscriptMessage(m, attachments.getOrDefault(m.id(), List.of()).stream()
                .map(a -> new TranscriptAttachment(a.id(), a.name(), a.contentType(), a.size(), a.image(),
                        texts.get(a.id())))
                .toList())).toList();
    }
}
