package io.kefu.chat;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delivered and read receipts, stored (table {@code chat_receipt}) so that they outlive the
 * moment: an agent's page shows which replies the customer received and read after a reload, the
 * widget shows which of the customer's messages an agent read after a resume. A receipt means "up
 * to this seq" in the customer's one sequence of messages; stored values only grow, so a receipt
 * sent twice, or one arriving after a later one, changes nothing and is not passed on again.
 */
@Service
@Transactional
public class ChatReceipts {

    private final JdbcClient jdbc;
    private final Clock clock;

    ChatReceipts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * How far a customer's conversation has been received and read.
     *
     * @param deliveredSeq the highest seq the customer's widget has received
     * @param readSeq      the highest seq the customer has seen (the panel open)
     * @param agentReadSeq the highest seq an agent has read
     */
    public record Receipts(long deliveredSeq, long readSeq, long agentReadSeq) {

        static final Receipts NONE = new Receipts(0, 0, 0);

        /** {@code read}, {@code delivered} or {@code null}: what the customer did with the message of that seq. */
        public String customerStatus(Long seq) {
            if (seq == null) {
                return null;
            }
            return seq <= readSeq ? "read" : seq <= deliveredSeq ? "delivered" : null;
        }

        /** {@code read} or {@code null}: whether an agent has read the message of that seq. */
        public String agentStatus(Long seq) {
            return seq != null && seq <= agentReadSeq ? "read" : null;
        }
    }

    @Transactional(readOnly = true)
    public Receipts of(long customerId) {
        return jdbc.sql("SELECT delivered_seq, read_seq, agent_read_seq FROM chat_receipt WHERE customer_id = ?")
                .param(customerId)
                .query((rs, row) -> new Receipts(rs.getLong(1), rs.getLong(2), rs.getLong(3)))
                .optional().orElse(Receipts.NONE);
    }

    /**
     * The customer's widget received ({@code read == false}) or showed the messages up to {@code seq};
     * reading implies receiving.
     *
     * @return whether this moved a stored value (false: a repeat, nothing to pass on)
     * @throws ChatRefusedException a seq the customer has no message of
     */
    boolean customer(long customerId, long seq, boolean read) {
        checkSeq(customerId, seq);
        Timestamp now = Timestamp.from(clock.instant());
        return read
                ? moved(customerId, now, "UPDATE chat_receipt SET read_seq = ?, delivered_seq = GREATEST(delivered_seq, ?),"
                        + " updated_at = ? WHERE customer_id = ? AND read_seq < ?", seq, seq, now, customerId, seq)
                : moved(customerId, now, "UPDATE chat_receipt SET delivered_seq = ?, updated_at = ?"
                        + " WHERE customer_id = ? AND delivered_seq < ?", seq, now, customerId, seq);
    }

    /**
     * An agent read the customer's messages up to {@code seq}.
     *
     * @return whether this moved the stored value
     */
    boolean agent(long customerId, long seq) {
        checkSeq(customerId, seq);
        Timestamp now = Timestamp.from(clock.instant());
        return moved(customerId, now, "UPDATE chat_receipt SET agent_read_seq = ?, updated_at = ?"
                + " WHERE customer_id = ? AND agent_read_seq < ?", seq, now, customerId, seq);
    }

    /** Runs the guarded update; when it changed nothing because the row is missing, creates the row and runs it again. */
    private boolean moved(long customerId, Timestamp now, String update, Object... params) {
        if (jdbc.sql(update).params(params).update() == 1) {
            return true;
        }
        try {
            jdbc.sql("""
                    INSERT INTO chat_receipt (customer_id, updated_at) SELECT ?, ? FROM DUAL
                     WHERE NOT EXISTS (SELECT 1 FROM chat_receipt WHERE customer_id = ?)
                    """).params(customerId, now, customerId).update();
        } catch (DuplicateKeyException raced) {
            // another receipt of this customer created the row first: the update below sees it
        }
        return jdbc.sql(update).params(params).update() == 1;
    }

    private void checkSeq(long customerId, long seq) {
        long last = jdbc.sql("SELECT COALESCE(MAX(last_seq), 0) FROM conversation WHERE customer_id = ?")
                .param(customerId).query(Long.class).single();
        if (seq < 1 || seq > last) {
            throw new ChatRefusedException("bad_request", "seq " + seq + " is not a message of this conversation (1 to "
                    + last + ")");
        }
    }
}
