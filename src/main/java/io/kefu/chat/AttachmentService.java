package io.kefu.chat;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.tika.Tika;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.kefu.config.KefuHome;
import io.kefu.conversation.ConversationService;
import io.kefu.conversation.Message;
import io.kefu.intake.InboundMessage;
import io.kefu.intake.IntakeResult;
import io.kefu.intake.IntakeService;
import io.kefu.ocr.ImageReading;
import io.kefu.ocr.ImageRefusedException;
import io.kefu.ocr.ImageTextStatus;
import io.kefu.ocr.OcrLine;
import io.kefu.ticket.Channel;
import io.kefu.ticket.TicketView;

/**
 * Attachments of chat messages, both ways. The type is detected from the bytes with Apache Tika
 * (an HTML page named {@code .png} is HTML, and refused); only images (PNG, JPEG, WebP, GIF), PDF
 * and plain text are accepted, up to {@code kefu.chat.attachments.max-size}. The bytes are kept
 * once per content ({@code <folder>/<sha256[0:2]>/<sha256>}, written under a temporary name and
 * moved into place), the message and the row that ties them together in one transaction; a file
 * left behind by a transaction that rolled back is only ever read again by the same content.
 */
@Service
@Transactional
public class AttachmentService {

    static final Set<String> ACCEPTED = Set.of("image/png", "image/jpeg", "image/webp", "image/gif", "application/pdf",
            "text/plain");
    private static final Set<String> THUMBNAILED = Set.of("image/png", "image/jpeg", "image/webp", "image/gif");
    private static final int THUMBNAIL_PX = 240;
    private static final TypeReference<List<OcrLine>> LINES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final IntakeService intake;
    private final ConversationService conversations;
    private final Clock clock;
    private final Path folder;
    private final long maxSize;
    private final Tika tika = new Tika();
    private final ImageReading reading;
    private final ApplicationEventPublisher events;
    private final ObjectMapper json;

    AttachmentService(JdbcClient jdbc, IntakeService intake, ConversationService conversations, Clock clock,
            KefuHome home, ChatProperties properties, ImageReading reading, ApplicationEventPublisher events, ObjectMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.reading = reading;
        this.events = events;
        this.intake = intake;
        this.conversations = conversations;
        this.clock = clock;
        this.folder = properties.attachments().folder() == null ? home.folder("data").resolve("attachments")
                : Path.of(properties.attachments().folder());
        this.maxSize = properties.attachments().maxSize().toBytes();
    }

    /** A customer's file, sent from the widget: a message through intake (stored once per client id) with the file. */
    Message fromCustomer(Visitor visitor, String clientMessageId, String fileName, byte[] bytes, String caption) {
        return fromChannel(Channel.WEB, visitor.customerExternalId(), clientMessageId, fileName, bytes, caption);
    }

    /**
     * A customer's file from any channel: a message through intake with the file (a resend with
     * the same client message id is stored once).
     *
     * @throws io.kefu.customer.CustomerNotFoundException for an unknown customer (nothing stored)
     */
    Message fromChannel(Channel channel, String customerExternalId, String clientMessageId, String fileName,
            byte[] bytes, String caption) {
        String type = check(bytes);
        String name = name(fileName);
        IntakeResult stored = intake.receive(new InboundMessage(channel, customerExternalId,
                caption == null || caption.isBlank() ? name : caption, null, clientMessageId));
        Message message = conversations.find(stored.messageId()).orElseThrow();
        if (of(List.of(message.id())).isEmpty()) {
            long id = insert(message, conversations.customerOf(message.conversationId()), type, name, bytes, true);
            // The first message of a new ticket is read by the lifecycle (Task_ReadImages, before
            // triage); an image on a later message is read in the background after the commit.
            if (!stored.newTicket() && waitsForReading(type)) {
                events.publishEvent(new ImageAttached(id));
            }
        }
        return message;
    }

    /**
     * Checks a file a channel received beside a message's text (an e-mail's attachments and inline
     * images) as the widget's files are checked: the type from the bytes, the size.
     *
     * @return the detected type
     * @throws AttachmentRefusedException  for a type that is not accepted
     * @throws AttachmentTooLargeException beyond {@code kefu.chat.attachments.max-size}
     * @throws ChatRefusedException        for an empty file
     */
    // A refusal is an answer, not a failure: it must not mark the caller's transaction rollback-only.
    @Transactional(propagation = Propagation.SUPPORTS, noRollbackFor = ChatRefusedException.class)
    public String accept(byte[] bytes) {
        return check(bytes);
    }

    /**
     * Keeps a customer's file with an inbound message stored in this transaction (an e-mail's
     * attachment, checked with {@link #accept} first). An image on a later message of a ticket is read
     * after the commit; on the message that opened the ticket, the lifecycle reads it first.
     *
     * @param newTicket whether the message opened its ticket
     */
    public Attachment attachToInbound(Message message, String fileName, byte[] bytes, boolean newTicket) {
        String type = check(bytes);
        String name = name(fileName);
        long id = insert(message, conversations.customerOf(message.conversationId()), type, name, bytes, true);
        if (!newTicket && waitsForReading(type)) {
            events.publishEvent(new ImageAttached(id));
        }
        return new Attachment(id, message.id(), name, type, bytes.length, type.startsWith("image/"));
    }

    /** An agent's file on a ticket they work (the caller has checked their reach): an outbound message with it. */
    public Message fromAgent(TicketView ticket, String agent, String fileName, byte[] bytes, String caption) {
        String type = check(bytes);
        String name = name(fileName);
        Message message = conversations.appendOutbound(ticket.conversationId(), ticket.id(), agent,
                caption == null || caption.isBlank() ? name : caption);
        long id = insert(message, ticket.customerId(), type, name, bytes, false);
        events.publishEvent(new OutboundFileAttached(message.id(), id, message.channel(), type, name));
        return message;
    }

    /** Gives the attachments of {@code fromTicketId} to {@code toTicketId}, with their messages (a merge). */
    public int moveToTicket(long fromTicketId, long toTicketId) {
        return jdbc.sql("UPDATE chat_attachment SET ticket_id = ? WHERE ticket_id = ?").params(toTicketId, fromTicketId)
                .update();
    }

    /** The attachments of these messages, by message id. */
    @Transactional(readOnly = true)
    public Map<Long, List<Attachment>> of(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT * FROM chat_attachment WHERE message_id IN (:ids) ORDER BY id")
                .param("ids", messageIds)
                .query((rs, row) -> new Attachment(rs.getLong("id"), rs.getLong("message_id"), rs.getString("file_name"),
                        rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("content_type").startsWith("image/")))
                .list().stream().collect(Collectors.groupingBy(Attachment::messageId));
    }

    /** The text of these messages' attachments that are (or are to be) read, by attachment id. */
    @Transactional(readOnly = true)
    public Map<Long, AttachmentText> textsOf(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return Map.of();
        }
        Map<Long, AttachmentText> texts = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT id, ocr_status, ocr_text, ocr_lines, ocr_reason, ocr_millis, ocr_read_at FROM chat_attachment
                WHERE message_id IN (:ids) AND ocr_status IS NOT NULL ORDER BY id
                """).param("ids", messageIds).query(rs -> {
                    Timestamp readAt = rs.getTimestamp("ocr_read_at");
                    long read = rs.getLong("ocr_millis");
                    // wasNull() speaks of the column read last: ask it before reading another
                    Long millis = rs.wasNull() ? null : read;
                    texts.put(rs.getLong("id"), new AttachmentText(ImageTextStatus.valueOf(rs.getString("ocr_status")),
                            rs.getString("ocr_text"), lines(rs.getString("ocr_lines")), rs.getString("ocr_reason"),
                            millis, readAt == null ? null : readAt.toInstant()));
                });
        return texts;
    }

    /** An attachment's facts and owners, for the access check before serving it. */
    @Transactional(readOnly = true)
    public Optional<Stored> find(long attachmentId) {
        return jdbc.sql("SELECT * FROM chat_attachment WHERE id = ?").param(attachmentId)
                .query((rs, row) -> new Stored(new Attachment(rs.getLong("id"), rs.getLong("message_id"),
                        rs.getString("file_name"), rs.getString("content_type"), rs.getLong("size_bytes"),
                        rs.getString("content_type").startsWith("image/")), rs.getLong("ticket_id"),
                        rs.getLong("customer_id"), rs.getString("sha256")))
                .optional();
    }

    /** A stored attachment: what it is, whose it is, where its bytes are. */
    public record Stored(Attachment attachment, long ticketId, long customerId, String sha256) {
    }

    /** The bytes, or a thumbnail (a PNG) of at most 240 px for PNG, JPEG, WebP and GIF (other types: the bytes). */
    @Transactional(readOnly = true)
    public byte[] read(Stored stored, boolean thumbnail) {
        Path file = blob(stored.sha256());
        try {
            if (thumbnail && THUMBNAILED.contains(stored.attachment().contentType())) {
                Path thumb = file.resolveSibling(stored.sha256() + ".thumb.png");
                if (!Files.exists(thumb)) {
                    writeOnce(thumb, thumbnail(stored.attachment().id(), Files.readAllBytes(file)));
                }
                return Files.readAllBytes(thumb);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read attachment " + stored.attachment().id(), e);
        }
    }

    /** Whether a thumbnail of this attachment is a PNG (otherwise the original bytes are served). */
    static boolean thumbnailIsPng(Attachment attachment) {
        return THUMBNAILED.contains(attachment.contentType());
    }

    private String check(byte[] bytes) {
        if (bytes.length > maxSize) {
            throw new AttachmentTooLargeException(maxSize);
        }
        if (bytes.length == 0) {
            throw new ChatRefusedException("bad_request", "The file is empty");
        }
        // The bytes alone decide: no file name is given to the detector.
        String detected = tika.detect(bytes);
        if (!ACCEPTED.contains(detected)) {
            throw new AttachmentRefusedException(detected);
        }
        return detected;
    }

    /** Whether a customer's file of this type is read for text (and so starts PENDING). */
    private boolean waitsForReading(String type) {
        return type.startsWith("image/") && reading.enabled();
    }

    private long insert(Message message, long customerId, String type, String name, byte[] bytes, boolean fromCustomer) {
        String sha = sha256(bytes);
        try {
            writeOnce(blob(sha), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store attachment", e);
        }
        // Images customers send are read for their text (AttachmentReading); agents' files are not.
        ImageTextStatus ocr = !fromCustomer || !type.startsWith("image/") ? null
                : reading.enabled() ? ImageTextStatus.PENDING : ImageTextStatus.OFF;
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO chat_attachment (message_id, ticket_id, customer_id, sha256, content_type, size_bytes, file_name,
                    created_at, ocr_status, ocr_reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(message.id(), message.ticketId(), customerId, sha, type, bytes.length, name,
                        Timestamp.from(clock.instant()), ocr == null ? null : ocr.name(),
                        ocr == ImageTextStatus.OFF ? reading.offReason() : null).update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** The bytes of an attachment by its content hash (for the reader). */
    byte[] bytes(String sha256) {
        try {
            return Files.readAllBytes(blob(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read attachment " + sha256, e);
        }
    }

    private Path blob(String sha) {
        return folder.resolve(sha.substring(0, 2)).resolve(sha);
    }

    private static void writeOnce(Path target, byte[] bytes) throws IOException {
        if (Files.exists(target)) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * A thumbnail, decoded through the image gate: a decompression bomb or a broken file has none
     * (404) instead of filling the heap of the request thread.
     */
    private byte[] thumbnail(long attachmentId, byte[] bytes) throws IOException {
        BufferedImage image;
        try {
            image = reading.gate().open(bytes).image();
        } catch (ImageRefusedException refused) {
            throw new AttachmentNotFoundException(attachmentId);
        }
        double scale = Math.min(1.0, (double) THUMBNAIL_PX / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        small.getGraphics().drawImage(image.getScaledInstance(w, h, Image.SCALE_SMOOTH), 0, 0, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(small, "png", out);
        return out.toByteArray();
    }

    private List<OcrLine> lines(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        try {
            return json.readValue(stored, LINES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("chat_attachment.ocr_lines is not a JSON array of lines", e);
        }
    }

    private static String name(String fileName) {
        if (fileName == null || fileName.isBlank()) {
            return "file";
        }
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "_").strip();
        return base.isEmpty() ? "file" : base.length() > 200 ? base.substring(base.length() - 200) : base;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
