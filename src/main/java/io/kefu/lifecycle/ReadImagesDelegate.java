package io.kefu.lifecycle;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.kefu.chat.AttachmentReading;

/**
 * Implements {@code Task_ReadImages}: reads the text of the images the customer attached to the
 * ticket that still wait for reading (a refused or failed image is stored with its reason and the
 * ticket goes on), and hands the read text to triage in this transaction. An image being read
 * elsewhere, or no free reader, propagates: the engine retries the job.
 */
@Component("readImagesDelegate")
class ReadImagesDelegate implements JavaDelegate {

    private final AttachmentReading reading;

    ReadImagesDelegate(AttachmentReading reading) {
        this.reading = reading;
    }

    @Override
    public void execute(DelegateExecution execution) {
        long ticketId = TicketVariables.ticketId(execution);
        TicketVariables.handOnImages(execution, reading.readImagesOf(ticketId));
    }
}
