package io.kefu.chat;

/**
 * An image of the ticket is being read elsewhere (another node, the background reader): the caller
 * tries again later. The lifecycle's {@code Task_ReadImages} lets it propagate so the engine
 * retries the job.
 */
public class ImagesStillReadingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ImagesStillReadingException(long ticketId, long attachmentId) {
        super("Image " + attachmentId + " of ticket " + ticketId + " is still being read");
    }
}
