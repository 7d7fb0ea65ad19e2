package io.kefu.bots;

import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The ERP's API as the bots call it: through the Camel routes of {@code integrations/erp/}
 * ({@code direct:erp-order-lookup}, {@code direct:erp-refund-request}), which hold the URL
 * ({@code KEFU_ERP_API_URL}), the token and the timeouts. A route that is missing (no URL), a
 * network error or a 5xx is a {@link BotFailure}; the status and JSON body of any other answer are
 * handed back for the bot to judge.
 */
@Component
class ErpApi {

    /** Headers the routes read; removed before the HTTP call. */
    static final String HEADER_ORDER_ID = "kefuOrderId";
    static final String HEADER_IDEMPOTENCY_KEY = "kefuIdempotencyKey";

    private final ProducerTemplate camel;
    private final ObjectMapper json;

    ErpApi(ProducerTemplate camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    /** An ERP answer: its HTTP status and its body as JSON (an empty object when it had none). */
    record Answer(int status, JsonNode body) {
    }

    Answer lookUpOrder(String orderId) {
        return call("direct:erp-order-lookup", null, Map.of(HEADER_ORDER_ID, orderId));
    }

    Answer requestRefund(Map<String, Object> request, String idempotencyKey) {
        try {
            return call("direct:erp-refund-request", json.writeValueAsString(request),
                    Map.of(HEADER_IDEMPOTENCY_KEY, idempotencyKey));
        } catch (JsonProcessingException e) {
            throw new BotFailure("cannot write the refund request as JSON", e);
        }
    }

    /** Amounts keep their scale (59.90 stays 59.90): money for the ERP, not a double. */
    private Answer call(String route, String body, Map<String, Object> headers) {
        Exchange exchange = camel.send(route, e -> {
            e.getIn().setBody(body);
            e.getIn().setHeaders(new java.util.HashMap<>(headers));
        });
        if (exchange.getException() != null) {
            Exception cause = exchange.getException();
            throw new BotFailure("ERP call " + route + " failed: " + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage(), cause);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == null) {
            throw new BotFailure("ERP call " + route + " gave no HTTP status");
        }
        if (status >= 500 || status == 429 || status == 408) {
            throw new BotFailure("ERP answered " + status + " on " + route);
        }
        String text = exchange.getMessage().getBody(String.class);
        try {
            JsonNode parsed = text == null || text.isBlank() ? json.createObjectNode()
                    : json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).readTree(text);
            return new Answer(status, parsed == null ? json.createObjectNode() : parsed);
        } catch (JsonProcessingException e) {
            if (status >= 200 && status < 300) {
                throw new BotFailure("ERP answered " + status + " on " + route + " with a body that is not JSON", e);
            }
            return new Answer(status, json.createObjectNode());
        }
    }
}
