package io.kefu.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Delivers to a destination of kind {@code jdbc}: an ERP's staging table in its own database or
 * schema ({@code integrations/erp/erp-staging-upsert.camel.yaml}). The body is the event after the
 * destination's mapping: one column per mapped field, {@code event_id} among them. The row is
 * upserted by event id (updated when it is there, inserted when not; a concurrent insert of the
 * same event becomes an update), so a delivery sent again leaves one row. Objects and arrays are
 * stored as their JSON text. The table belongs to the ERP: Kefu never creates or alters it, and a
 * missing table or column is a failed attempt whose error names it.
 *
 * <p>Each destination gets a small connection pool of its own (2 connections, 5 s to connect),
 * opened at its first delivery; a database that is down costs a failed attempt, never a stalled relay.
 */
@Component("jdbcStaging")
class JdbcStaging implements Processor, DisposableBean {

    /** The column the rows are upserted by. */
    static final String KEY_COLUMN = "event_id";

    private final Destinations destinations;
    private final Map<String, HikariDataSource> pools = new ConcurrentHashMap<>();

    JdbcStaging(Destinations destinations) {
        this.destinations = destinations;
    }

    @Override
    public void process(Exchange exchange) {
        String name = exchange.getProperty(OutboxRelay.DESTINATION_PROPERTY, String.class);
        OutboxDestination destination = destinations.named(name)
                .filter(d -> d.kind() == OutboxDestination.Kind.JDBC)
                .orElseThrow(() -> new IllegalStateException("No jdbc destination named " + name));
        JsonNode row = exchange.getIn().getBody(JsonNode.class);
        upsert(new JdbcTemplate(pool(destination)), destination.table(), row);
    }

    static void upsert(JdbcTemplate jdbc, String table, JsonNode row) {
        List<String> columns = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        Object key = null;
        for (var fields = row.fields(); fields.hasNext(); ) {
            var field = fields.next();
            Object value = value(field.getValue());
            if (field.getKey().equals(KEY_COLUMN)) {
                key = value;
                continue;
            }
            columns.add(field.getKey());
            values.add(value);
        }
        if (key == null) {
            throw new IllegalArgumentException("The mapped row has no " + KEY_COLUMN + ": " + row);
        }
        if (update(jdbc, table, columns, values, key) > 0) {
            return;
        }
        List<Object> insertValues = new ArrayList<>(values);
        insertValues.add(0, key);
        String sql = "INSERT INTO " + table + " (" + KEY_COLUMN + (columns.isEmpty() ? "" : ", " + String.join(", ", columns))
                + ") VALUES (" + "?, ".repeat(columns.size()) + "?)";
        try {
            jdbc.update(sql, insertValues.toArray());
        } catch (DuplicateKeyException raced) {
            // Another node inserted the same event between the update and the insert.
            update(jdbc, table, columns, values, key);
        }
    }

    private static int update(JdbcTemplate jdbc, String table, List<String> columns, List<Object> values, Object key) {
        if (columns.isEmpty()) {
            Integer present = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + KEY_COLUMN + " = ?",
                    Integer.class, key);
            return present == null ? 0 : present;
        }
        List<Object> args = new ArrayList<>(values);
        args.add(key);
        return jdbc.update("UPDATE " + table + " SET " + String.join(" = ?, ", columns) + " = ? WHERE " + KEY_COLUMN + " = ?",
                args.toArray());
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return node.toString();
    }

    private DataSource pool(OutboxDestination destination) {
        return pools.computeIfAbsent(destination.name(), name -> {
            HikariConfig config = new HikariConfig();
            config.setPoolName("kefu-staging-" + name);
            config.setJdbcUrl(destination.endpoint());
            config.setUsername(destination.username());
            config.setPassword(destination.password());
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(5000);
            // Start without a connection: a staging database that is down must not stop Kefu.
            config.setInitializationFailTimeout(-1);
            return new HikariDataSource(config);
        });
    }

    @Override
    public void destroy() {
        pools.values().forEach(HikariDataSource::close);
    }
}
