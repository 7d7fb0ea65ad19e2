package io.kefu.ticket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import io.kefu.customer.CustomerTier;

/** Stores tickets in the {@code ticket} table; the customer's external id is joined in on load. */
@Repository
class TicketRepository {

    private static final String SELECT = """
            SELECT t.*, c.external_id AS customer_external_id, c.tier AS customer_tier
              FROM ticket t JOIN customer c ON c.id = t.customer_id
            """;

    /** Serving order of priorities, URGENT (0) first, LOW last: the generated column {@code priority_rank} (V10). */
    private static final String PRIORITY_RANK = "t.priority_rank";

    private static final String SKILL_SEPARATOR = ",";
    private static final String RULE_SEPARATOR = "\n";

    private final JdbcClient jdbc;

    TicketRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Ticket> findById(long id) {
        return jdbc.sql(SELECT + " WHERE t.id = ?").param(id).query(this::map).optional();
    }

    /**
     * The ticket if the caller may see it: any ticket for {@code everyTicket}, otherwise one of the
     * caller's queues or assigned to them. Out of reach reads as absent.
     */
    Optional<Ticket> findVisible(long id, TicketAccess access) {
        if (access.everyTicket()) {
            return findById(id);
        }
        if (access.queues().isEmpty()) {
            return jdbc.sql(SELECT + " WHERE t.id = :id AND t.assignee = :user")
                    .param("id", id).param("user", access.userId()).query(this::map).optional();
        }
        return jdbc.sql(SELECT + " WHERE t.id = :id AND (t.queue IN (:queues) OR t.assignee = :user)")
                .param("id", id).param("queues", access.queues()).param("user", access.userId())
                .query(this::map).optional();
    }

    java.util.List<Ticket> findAllById(java.util.Collection<Long> ids) {
        return jdbc.sql(SELECT + " WHERE t.id IN (:ids)").param("ids", ids).query(this::map).list();
    }

    /**
     * One page of the ticket list: the tickets {@code access} reaches that match {@code query}, in its
     * order, after its cursor; at most {@code fetch}. Every value is a bound parameter; the text
     * search is a case-insensitive {@code LIKE} per word on the ticket's message bodies (measured in
     * README "Ticket list and search").
     */
    java.util.List<Ticket> search(TicketQuery query, TicketAccess access, int fetch) {
        java.util.List<String> where = new java.util.ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        if (!access.everyTicket()) {
            params.put("me", access.userId());
            if (access.queues().isEmpty()) {
                where.add("t.assignee = :me");
            } else {
                where.add("(t.queue IN (:reachQueues) OR t.assignee = :me)");
                params.put("reachQueues", access.queues());
            }
        }
        in(where, params, "t.status", "statuses", names(query.statuses()));
        in(where, params, "t.queue", "queues", query.queues());
        in(where, params, "t.channel", "channels", names(query.channels()));
        in(where, params, "t.priority", "priorities", names(query.priorities()));
        in(where, params, "c.tier", "tiers", names(query.tiers()));
        in(where, params, "t.topic", "topics", names(query.topics()));
        if (query.assignee() != null) {
            switch (query.assignee()) {
                case "none" -> where.add("t.assignee IS NULL");
                case "me" -> {
                    where.add("t.assignee = :assignee");
                    params.put("assignee", access.userId());
                }
                default -> {
                    where.add("t.assignee = :assignee");
                    params.put("assignee", query.assignee());
                }
            }
        }
        if (query.customer() != null) {
            where.add("c.external_id = :customer");
            params.put("customer", query.customer());
        }
        if (query.intent() != null) {
            // intents are stored comma-joined (Classification.storedIntents): match a whole name
            where.add("CONCAT(',', t.intents, ',') LIKE :intent");
            params.put("intent", "%," + query.intent() + ",%");
        }
        range(where, params, "t.created_at >= :createdFrom", "createdFrom", query.createdFrom());
        range(where, params, "t.created_at < :createdTo", "createdTo", query.createdTo());
        range(where, params, "t.updated_at >= :updatedSince", "updatedSince", query.updatedSince());
        range(where, params, "t.updated_at < :updatedBefore", "updatedBefore", query.updatedBefore());
        if (query.text() != null) {
            text(where, params, query.text());
        }
        query.savedView().ifPresent(view -> view(where, params, view, access));
        TicketSort sort = query.sort();
        if (query.cursor() != null) {
            where.add(after(sort, query.cursor(), params));
        }
        String direction = sort.ascending() ? " ASC" : " DESC";
        StringBuilder order = new StringBuilder(" ORDER BY ");
        sort.columns().forEach(column -> order.append(column).append(direction).append(", "));
        order.append("t.id").append(direction);
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + order
                + " LIMIT " + fetch;
        return jdbc.sql(sql).params(params).query(this::map).list();
    }

    /** The cursor values of this ticket in {@code sort} (what {@link #after} compares with). */
    static TicketQuery.Cursor cursorOf(Ticket ticket, TicketSort sort) {
        java.util.List<Long> values = new java.util.ArrayList<>();
        for (String column : sort.columns()) {
            values.add(switch (column) {
                case "t.updated_at" -> ticket.updatedAt().toEpochMilli();
                case "t.created_at" -> ticket.createdAt().toEpochMilli();
                case "t.priority_rank" -> (long) rank(ticket.priority());
                default -> throw new IllegalStateException("no cursor value for " + column);
            });
        }
        return new TicketQuery.Cursor(sort, values, ticket.id());
    }

    /** Rows strictly after the cursor in the sort's order: (a, b, id) > (x, y, z) spelled out. */
    private static String after(TicketSort sort, TicketQuery.Cursor cursor, java.util.Map<String, Object> params) {
        String cmp = sort.ascending() ? " > " : " < ";
        java.util.List<String> columns = new java.util.ArrayList<>(sort.columns());
        columns.add("t.id");
        java.util.List<Object> values = new java.util.ArrayList<>();
        for (int i = 0; i < sort.columns().size(); i++) {
            String column = sort.columns().get(i);
            long value = cursor.values().get(i);
            values.add(column.endsWith("_at") ? (Object) Timestamp.from(Instant.ofEpochMilli(value)) : (Object) value);
        }
        values.add(cursor.id());
        java.util.List<String> alternatives = new java.util.ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            StringBuilder alt = new StringBuilder("(");
            for (int j = 0; j < i; j++) {
                alt.append(columns.get(j)).append(" = :cursor").append(j).append(" AND ");
            }
            alt.append(columns.get(i)).append(cmp).append(":cursor").append(i).append(')');
            alternatives.add(alt.toString());
        }
        for (int i = 0; i < values.size(); i++) {
            params.put("cursor" + i, values.get(i));
        }
        return "(" + String.join(" OR ", alternatives) + ")";
    }

    private static void view(java.util.List<String> where, java.util.Map<String, Object> params, TicketListView view,
            TicketAccess access) {
        switch (view) {
            case MINE -> {
                where.add("t.assignee = :viewUser AND t.status = 'ASSIGNED'");
                params.put("viewUser", access.userId());
            }
            case MY_QUEUES -> {
                where.add("t.status IN ('NEW', 'BOT_ANSWERED', 'QUEUED', 'ASSIGNED')");
                if (!access.queues().isEmpty()) {
                    where.add("t.queue IN (:viewQueues)");
                    params.put("viewQueues", access.queues());
                }
            }
            case UNASSIGNED -> where.add("t.status = 'QUEUED' AND t.assignee IS NULL");
            // the bot or an agent wrote last: an outbound message after the customer's last one
            // or an agent waits for the customer's answer (a follow-up set since the customer's last message)
            case WAITING_FOR_CUSTOMER -> where.add("(t.status = 'BOT_ANSWERED' OR (t.status IN ('QUEUED', 'ASSIGNED')"
                    + " AND (EXISTS (SELECT 1 FROM message w WHERE w.ticket_id = t.id AND w.direction = 'OUTBOUND'"
                    + " AND (t.last_customer_message_at IS NULL OR w.created_at > t.last_customer_message_at))"
                    + " OR EXISTS (SELECT 1 FROM ticket_follow_up f WHERE f.ticket_id = t.id"
                    + " AND (t.last_customer_message_at IS NULL OR f.set_at >= t.last_customer_message_at)))))");
            case RESOLVED -> where.add("t.status = 'RESOLVED'");
            case CLOSED -> where.add("t.status = 'CLOSED'");
            case ALL -> {
                // everything the caller reaches
            }
        }
    }

    /**
     * Every word must occur in one of the ticket's messages (case-insensitive; LIKE wildcards in the
     * words are escaped), or the text is the customer's external id, or the ticket id.
     */
    private static void text(java.util.List<String> where, java.util.Map<String, Object> params, String text) {
        java.util.List<String> words = java.util.Arrays.stream(text.trim().split("\\s+")).filter(w -> !w.isEmpty())
                .limit(8).toList();
        java.util.List<String> matches = new java.util.ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            matches.add("EXISTS (SELECT 1 FROM message m WHERE m.ticket_id = t.id AND LOWER(m.body) LIKE :word" + i
                    + " ESCAPE '!')");
            params.put("word" + i, "%" + likeEscaped(words.get(i).toLowerCase(java.util.Locale.ROOT)) + "%");
        }
        StringBuilder any = new StringBuilder("((" + String.join(" AND ", matches) + ") OR c.external_id = :textExact");
        params.put("textExact", text.trim());
        String digits = text.trim().startsWith("#") ? text.trim().substring(1) : text.trim();
        if (digits.matches("[0-9]{1,18}")) {
            any.append(" OR t.id = :textId");
            params.put("textId", Long.parseLong(digits));
        }
        where.add(any.append(')').toString());
    }

    private static String likeEscaped(String word) {
        return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static void in(java.util.List<String> where, java.util.Map<String, Object> params, String column,
            String name, java.util.Collection<String> values) {
        if (!values.isEmpty()) {
            where.add(column + " IN (:" + name + ")");
            params.put(name, values);
        }
    }

    private static void range(java.util.List<String> where, java.util.Map<String, Object> params, String condition,
            String name, Instant value) {
        if (value != null) {
            where.add(condition);
            params.put(name, Timestamp.from(value));
        }
    }

    private static java.util.Set<String> names(java.util.Collection<? extends Enum<?>> values) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        values.forEach(v -> names.add(v.name()));
        return names;
    }

    /** The customer's ticket that is not closed yet, if any (at most one by construction). */
    Optional<Ticket> findOpenByCustomer(long customerId) {
        return jdbc.sql(SELECT + " WHERE t.customer_id = ? AND t.status <> 'CLOSED' ORDER BY t.id DESC")
                .param(customerId).query(this::map).stream().findFirst();
    }

    /**
     * The customer's newest ticket before {@code beforeTicketId} that was not merged into another
     * (a merged one's conversation goes on in its target), if any.
     */
    Optional<Ticket> previousOfCustomer(long customerId, long beforeTicketId) {
        return jdbc.sql(SELECT + " WHERE t.customer_id = ? AND t.id < ? AND t.merged_into IS NULL ORDER BY t.id DESC LIMIT 1")
                .params(customerId, beforeTicketId).query(this::map).optional();
    }

    /** Counts for {@link SelfServiceStats}, in one pass over the window's tickets. */
    SelfServiceStats selfServiceStats(Instant since) {
        return jdbc.sql("""
                SELECT COUNT(*) AS tickets,
                       COUNT(bot_article_id) AS answered,
                       COALESCE(SUM(CASE WHEN resolved_by = 'BOT' THEN 1 ELSE 0 END), 0) AS by_bot,
                       COALESCE(SUM(CASE WHEN status = 'BOT_ANSWERED' THEN 1 ELSE 0 END), 0) AS awaiting
                  FROM ticket WHERE created_at >= ?
                """).param(ts(since)).query((rs, row) -> {
                    long answered = rs.getLong("answered");
                    long byBot = rs.getLong("by_bot");
                    long awaiting = rs.getLong("awaiting");
                    return new SelfServiceStats(since, rs.getLong("tickets"), answered, byBot, awaiting,
                            answered - byBot - awaiting);
                }).single();
    }

    /**
     * Tickets waiting for an agent in the order they are served: highest priority first, then the
     * oldest, then the lowest id; at most {@code limit}. (A QUEUED ticket has no assignee by
     * construction, so the waiting queries read the index {@code (queue, status, priority_rank,
     * created_at, id)} alone.)
     */
    java.util.List<Ticket> waiting(int limit) {
        return jdbc.sql(SELECT + " WHERE t.status = 'QUEUED' ORDER BY " + PRIORITY_RANK
                + ", t.created_at, t.id LIMIT " + limit).query(this::map).list();
    }

    /** How many of the queue's waiting tickets are served before this one. */
    long waitingAhead(Ticket ticket) {
        return ahead("SELECT COUNT(*) FROM ticket t WHERE " + AHEAD, ticket);
    }

    /**
     * As {@link #waitingAhead(Ticket)}, but stops counting at {@code limit}: reads at most that many
     * index entries, where the full count reads one per waiting ticket ahead (10,000 in a deep queue).
     */
    long waitingAhead(Ticket ticket, int limit) {
        return ahead("SELECT COUNT(*) FROM (SELECT 1 FROM ticket t WHERE " + AHEAD + " LIMIT " + limit + ") ahead", ticket);
    }

    private long ahead(String count, Ticket ticket) {
        return jdbc.sql(count).param("queue", ticket.queue()).param("id", ticket.id())
                .param("rank", rank(ticket.priority())).param("createdAt", ts(ticket.createdAt()))
                .query(Long.class).single();
    }

    /** The queue's waiting tickets served before the one named by the parameters. */
    private static final String AHEAD = "t.status = 'QUEUED' AND t.queue = :queue AND t.id <> :id AND ("
            + PRIORITY_RANK + " < :rank OR (" + PRIORITY_RANK
            + " = :rank AND (t.created_at < :createdAt OR (t.created_at = :createdAt AND t.id < :id))))";

    /** Tickets of the queue whose current assignment began at or after {@code since}. */
    long assignedSince(String queue, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM ticket WHERE queue = ? AND assigned_at >= ?")
                .params(queue, ts(since)).query(Long.class).single();
    }

    /** Assigned (being worked) tickets per agent and channel, counted in the database. */
    java.util.Map<String, java.util.Map<Channel, Integer>> assignedLoad(java.util.Collection<String> agents) {
        java.util.Map<String, java.util.Map<Channel, Integer>> load = new java.util.HashMap<>();
        if (agents.isEmpty()) {
            return load;
        }
        jdbc.sql("SELECT assignee, channel, COUNT(*) AS n FROM ticket WHERE status = 'ASSIGNED' AND assignee IN (:agents)"
                + " GROUP BY assignee, channel").param("agents", agents).query((rs, row) -> {
                    load.computeIfAbsent(rs.getString("assignee"), a -> new java.util.EnumMap<>(Channel.class))
                            .put(Channel.valueOf(rs.getString("channel")), rs.getInt("n"));
                    return null;
                }).list();
        return load;
    }

    /** The tickets assigned to this agent and not resolved yet. */
    java.util.List<Ticket> assignedTo(String agent) {
        return jdbc.sql(SELECT + " WHERE t.assignee = ? AND t.status = 'ASSIGNED' ORDER BY t.id")
                .param(agent).query(this::map).list();
    }

    /** A waiting ticket at the head of its queue: its id, and its channel for those who tell customers. */
    record Waiting(long id, Channel channel) {
    }

    /** The first {@code depth} waiting tickets of the queue, in serving order. */
    java.util.List<Waiting> firstWaiting(String queue, int depth) {
        return jdbc.sql("SELECT t.id, t.channel FROM ticket t WHERE t.queue = ? AND t.status = 'QUEUED'"
                + " ORDER BY " + PRIORITY_RANK + ", t.created_at, t.id LIMIT " + depth)
                .param(queue).query((rs, row) -> new Waiting(rs.getLong("id"), Channel.valueOf(rs.getString("channel"))))
                .list();
    }

    /** The places last told to these tickets, by ticket id (tickets never told are absent). */
    java.util.Map<Long, Integer> toldPositions(java.util.Collection<Long> ticketIds) {
        java.util.Map<Long, Integer> told = new java.util.HashMap<>();
        if (!ticketIds.isEmpty()) {
            jdbc.sql("SELECT ticket_id, place FROM ticket_queue_position WHERE ticket_id IN (:ids)").param("ids", ticketIds)
                    .query((rs, row) -> told.put(rs.getLong("ticket_id"), rs.getInt("place"))).list();
        }
        return told;
    }

    /** The ticket no longer waits: its told place is forgotten. */
    /** Gives every ticket of customer {@code fromId} to customer {@code intoId} (a customer merge). */
    int moveCustomer(long fromId, long intoId) {
        return jdbc.sql("UPDATE ticket SET customer_id = ? WHERE customer_id = ?").params(intoId, fromId).update();
    }

    void forgetPosition(long ticketId) {
        jdbc.sql("DELETE FROM ticket_queue_position WHERE ticket_id = ?").param(ticketId).update();
    }

    /** New places of tickets that were told one before, in one statement ({@code CASE} on the id). */
    void movePositions(String queue, java.util.Map<Long, Integer> places) {
        if (places.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ticket_queue_position SET queue = :queue, place = CASE ticket_id");
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        int i = 0;
        for (java.util.Map.Entry<Long, Integer> place : places.entrySet()) {
            sql.append(" WHEN :t").append(i).append(" THEN :p").append(i);
            params.put("t" + i, place.getKey());
            params.put("p" + i, place.getValue());
            i++;
        }
        sql.append(" ELSE place END WHERE ticket_id IN (:ids)");
        params.put("queue", queue);
        params.put("ids", places.keySet());
        jdbc.sql(sql.toString()).params(params).update();
    }

    void tellPosition(long ticketId, String queue, int position) {
        int rows = jdbc.sql("UPDATE ticket_queue_position SET queue = ?, place = ? WHERE ticket_id = ?")
                .params(queue, position, ticketId).update();
        if (rows == 0) {
            jdbc.sql("INSERT INTO ticket_queue_position (ticket_id, queue, place) VALUES (?, ?, ?)")
                    .params(ticketId, queue, position).update();
        }
    }

    long insert(Ticket ticket) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO ticket (customer_id, conversation_id, channel, status, topic, queue, priority,
                                    assignee, reopen_count, last_customer_message_at, created_at, updated_at, version)
                VALUES (:customerId, :conversationId, :channel, :status, :topic, :queue, :priority,
                        :assignee, 0, :lastMessage, :createdAt, :updatedAt, 0)
                """)
                .param("customerId", ticket.customerId())
                .param("conversationId", ticket.conversationId())
                .param("channel", ticket.channel().name())
                .param("status", ticket.status().name())
                .param("topic", ticket.topic() == null ? null : ticket.topic().name())
                .param("queue", ticket.queue())
                .param("priority", ticket.priority().name())
                .param("assignee", ticket.assignee())
                .param("lastMessage", ts(ticket.lastCustomerMessageAt()))
                .param("createdAt", ts(ticket.createdAt()))
                .param("updatedAt", ts(ticket.updatedAt()))
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Writes the ticket's state; fails if another transaction changed it in between. */
    void update(Ticket ticket) {
        Classification c = ticket.classification();
        SlaState sla = ticket.sla();
        int rows = jdbc.sql("""
                UPDATE ticket SET status = :status, topic = :topic, queue = :queue, priority = :priority,
                       assignee = :assignee, reopen_count = :reopenCount,
                       last_customer_message_at = :lastMessage, updated_at = :updatedAt,
                       resolved_at = :resolvedAt, closed_at = :closedAt, intents = :intents,
                       sentiment = :sentiment, sentiment_score = :sentimentScore, language = :language,
                       bot_article_id = :botArticleId, resolved_by = :resolvedBy,
                       required_skills = :requiredSkills, sla_policy = :slaPolicy, routing_rules = :routingRules,
                       sla_first_response_due = :firstDue, sla_first_response_warn_at = :firstWarn,
                       sla_first_responded_at = :firstRespondedAt, sla_next_response_due = :nextDue,
                       sla_next_response_warn_at = :nextWarn, sla_resolution_due = :resolutionDue,
                       sla_resolution_warn_at = :resolutionWarn, sla_paused_at = :pausedAt,
                       sla_warnings = :warnings, sla_breaches = :breaches, sla_check_at = :checkAt,
                       assigned_at = :assignedAt, skills_timed_out_at = :skillsTimedOutAt,
                       abandoned_at = :abandonedAt, routing_explanation = :routingExplanation,
                       version = version + 1
                 WHERE id = :id AND version = :version
                """)
                .param("status", ticket.status().name())
                .param("topic", ticket.topic() == null ? null : ticket.topic().name())
                .param("queue", ticket.queue())
                .param("priority", ticket.priority().name())
                .param("assignee", ticket.assignee())
                .param("reopenCount", ticket.reopenCount())
                .param("lastMessage", ts(ticket.lastCustomerMessageAt()))
                .param("updatedAt", ts(ticket.updatedAt()))
                .param("resolvedAt", ts(ticket.resolvedAt()))
                .param("closedAt", ts(ticket.closedAt()))
                .param("intents", c == null ? null : c.storedIntents())
                .param("sentiment", c == null ? null : c.sentiment())
                .param("sentimentScore", c == null ? null : c.sentimentScore())
                .param("language", c == null ? null : c.language())
                .param("botArticleId", ticket.botArticleId())
                .param("resolvedBy", ticket.resolvedBy() == null ? null : ticket.resolvedBy().name())
                .param("requiredSkills", joined(ticket.requiredSkills(), SKILL_SEPARATOR))
                .param("slaPolicy", ticket.slaPolicy())
                .param("routingRules", joined(ticket.routingRules(), RULE_SEPARATOR))
                .param("firstDue", ts(due(sla.firstResponse())))
                .param("firstWarn", ts(warnAt(sla.firstResponse())))
                .param("firstRespondedAt", ts(sla.firstRespondedAt()))
                .param("nextDue", ts(due(sla.nextResponse())))
                .param("nextWarn", ts(warnAt(sla.nextResponse())))
                .param("resolutionDue", ts(due(sla.resolution())))
                .param("resolutionWarn", ts(warnAt(sla.resolution())))
                .param("pausedAt", ts(sla.pausedAt()))
                .param("warnings", warnings(sla.warnings()))
                .param("breaches", breaches(sla.breaches()))
                .param("checkAt", ts(ticket.slaCheckAt()))
                .param("assignedAt", ts(ticket.assignedAt()))
                .param("skillsTimedOutAt", ts(ticket.skillsTimedOutAt()))
                .param("abandonedAt", ts(ticket.abandonedAt()))
                .param("routingExplanation", ticket.routingRules().isEmpty() ? null : ticket.routingExplanation())
                .param("id", ticket.id())
                .param("version", ticket.version())
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("Ticket " + ticket.id() + " was changed concurrently");
        }
        ticket.stored();
    }

    private Ticket map(ResultSet rs, int row) throws SQLException {
        String topic = rs.getString("topic");
        String sentiment = rs.getString("sentiment");
        Classification classification = sentiment == null ? null : new Classification(
                Classification.parseIntents(rs.getString("intents")), sentiment, rs.getDouble("sentiment_score"),
                rs.getString("language"));
        long botArticleId = rs.getLong("bot_article_id");
        Long botArticle = rs.wasNull() ? null : botArticleId;
        String resolvedBy = rs.getString("resolved_by");
        return Ticket.restore(
                rs.getLong("id"),
                rs.getLong("customer_id"),
                rs.getString("customer_external_id"),
                CustomerTier.valueOf(rs.getString("customer_tier")),
                rs.getLong("conversation_id"),
                Channel.valueOf(rs.getString("channel")),
                TicketStatus.valueOf(rs.getString("status")),
                topic == null ? null : Topic.valueOf(topic),
                rs.getString("queue"),
                Priority.valueOf(rs.getString("priority")),
                rs.getString("assignee"),
                rs.getInt("reopen_count"),
                instant(rs.getTimestamp("last_customer_message_at")),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("resolved_at")),
                instant(rs.getTimestamp("closed_at")),
                classification,
                botArticle,
                resolvedBy == null ? null : Resolver.valueOf(resolvedBy),
                java.util.Set.copyOf(split(rs.getString("required_skills"), SKILL_SEPARATOR)),
                rs.getString("sla_policy"),
                RoutingTrace.of(split(rs.getString("routing_rules"), RULE_SEPARATOR), rs.getString("routing_explanation")),
                new SlaState(deadline(rs, "sla_first_response_due", "sla_first_response_warn_at"),
                        instant(rs.getTimestamp("sla_first_responded_at")),
                        deadline(rs, "sla_next_response_due", "sla_next_response_warn_at"),
                        deadline(rs, "sla_resolution_due", "sla_resolution_warn_at"),
                        instant(rs.getTimestamp("sla_paused_at")), warnings(rs.getString("sla_warnings")),
                        breaches(rs.getString("sla_breaches"))),
                instant(rs.getTimestamp("assigned_at")),
                instant(rs.getTimestamp("skills_timed_out_at")),
                instant(rs.getTimestamp("abandoned_at")),
                rs.getInt("version"));
    }

    /** Open tickets whose earliest SLA warning or breach is due by {@code now}, soonest first. */
    /** Points a merged ticket at the one it was merged into (V26 {@code merged_into}). */
    void setMergedInto(long ticketId, long intoTicketId) {
        jdbc.sql("UPDATE ticket SET merged_into = ? WHERE id = ?").params(intoTicketId, ticketId).update();
    }

    /** The ticket this one was merged into, if it was. */
    Optional<Long> mergedInto(long ticketId) {
        return jdbc.sql("SELECT merged_into FROM ticket WHERE id = ? AND merged_into IS NOT NULL").param(ticketId)
                .query(Long.class).optional();
    }

    /** The tickets merged into this one, oldest first. */
    java.util.List<Long> mergedFrom(long ticketId) {
        return jdbc.sql("SELECT id FROM ticket WHERE merged_into = ? ORDER BY id").param(ticketId).query(Long.class).list();
    }

    java.util.List<Long> slaChecksDue(Instant now, int limit) {
        return jdbc.sql("SELECT id FROM ticket WHERE sla_check_at <= ? ORDER BY sla_check_at LIMIT " + limit)
                .param(ts(now)).query(Long.class).list();
    }

    private static SlaDeadline deadline(ResultSet rs, String dueColumn, String warnColumn) throws SQLException {
        Instant due = instant(rs.getTimestamp(dueColumn));
        return due == null ? null : new SlaDeadline(due, instant(rs.getTimestamp(warnColumn)));
    }

    private static Instant due(SlaDeadline deadline) {
        return deadline == null ? null : deadline.due();
    }

    private static Instant warnAt(SlaDeadline deadline) {
        return deadline == null ? null : deadline.warnAt();
    }

    /** One breach per line: target, due time and when it was recorded, as ISO-8601 instants. */
    private static String breaches(java.util.List<SlaBreach> breaches) {
        return breaches.isEmpty() ? null : breaches.stream()
                .map(b -> b.target() + " " + b.dueAt() + " " + b.breachedAt())
                .collect(java.util.stream.Collectors.joining(RULE_SEPARATOR));
    }

    private static String warnings(java.util.List<SlaWarning> warnings) {
        return warnings.isEmpty() ? null : warnings.stream()
                .map(w -> w.target() + " " + w.dueAt() + " " + w.warnedAt())
                .collect(java.util.stream.Collectors.joining(RULE_SEPARATOR));
    }

    private static java.util.List<SlaWarning> warnings(String stored) {
        return split(stored, RULE_SEPARATOR).stream().map(line -> line.split(" ")).map(parts -> new SlaWarning(
                SlaTarget.valueOf(parts[0]), Instant.parse(parts[1]), Instant.parse(parts[2]))).toList();
    }

    private static java.util.List<SlaBreach> breaches(String stored) {
        return split(stored, RULE_SEPARATOR).stream().map(line -> line.split(" ")).map(parts -> new SlaBreach(
                SlaTarget.valueOf(parts[0]), Instant.parse(parts[1]), Instant.parse(parts[2]))).toList();
    }

    /** Stored as one column each: skills hold no comma, rule names no line break. */
    private static String joined(java.util.Collection<String> values, String separator) {
        return values.isEmpty() ? null : String.join(separator, values);
    }

    private static java.util.List<String> split(String stored, String separator) {
        return stored == null || stored.isEmpty() ? java.util.List.of()
                : java.util.List.of(stored.split(java.util.regex.Pattern.quote(separator)));
    }

    /** As the column {@code priority_rank} computes it. */
    static int rank(Priority priority) {
        return Priority.values().length - 1 - priority.ordinal();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
