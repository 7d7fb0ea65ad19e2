package io.kefu.bots;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code erp-order-lookup}: looks the ticket's order up in the ERP (<code>GET /orders/{orderId}</code>).
 * Found: completes with the order's status, amount, currency and whether the ERP says it may be
 * refunded ({@code refundable}). No order number, or 404: the BPMN error {@code OrderNotFound}.
 */
@Component
class ErpOrderLookupBot implements BotHandler {

    /** Order numbers sent to the ERP: safe as a path segment, nothing to encode. */

    private final ErpApi erp;

    ErpOrderLookupBot(ErpApi erp) {
        this.erp = erp;
    }

    @Override
    public String topic() {
        return BotContract.TOPIC_ERP_ORDER_LOOKUP;
    }

    @Override
    public BotOutcome work(BotTask task) {
        String orderId = task.string(BotContract.VAR_ORDER_ID);
        if (orderId == null || !BotContract.ORDER_ID.matcher(orderId).matches()) {
            return notFound(task, "The customer's message names no order number the ERP could look up.");
        }
        ErpApi.Answer answer = erp.lookUpOrder(orderId);
        if (answer.status() == 404) {
            return notFound(task, "The ERP has no order " + orderId + ".");
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new BotFailure("ERP answered " + answer.status() + " to the look-up of order " + orderId);
        }
        JsonNode order = answer.body();
        String status = text(order, "status", 40);
        String amount = order.path("amount").isNumber() ? order.path("amount").decimalValue().toPlainString()
                : text(order, "amount", 40);
        String currency = text(order, "currency", 8);
        boolean eligible = order.path("refundable").isBoolean() && order.path("refundable").booleanValue();
        String reason = text(order, "reason", 200);
        StringBuilder found = new StringBuilder("Order ").append(orderId).append(" in the ERP: ")
                .append(status == null ? "status unknown" : status);
        if (amount != null) {
            found.append(", ").append(amount).append(currency == null ? "" : " " + currency);
        }
        found.append(eligible ? ", refundable." : ", not refundable" + (reason == null ? "." : " (" + reason + ")."));
        Map<String, Object> variables = new HashMap<>();
        variables.put(BotContract.VAR_ORDER_FOUND, true);
        variables.put(BotContract.VAR_ORDER_ELIGIBLE, eligible);
        variables.put(BotContract.VAR_ORDER_STATUS, status);
        variables.put(BotContract.VAR_ORDER_AMOUNT, amount);
        variables.put(BotContract.VAR_ORDER_CURRENCY, currency);
        variables.put(BotContract.VAR_BOT_FINDINGS, task.findings(found.toString()));
        return new BotOutcome.Done(variables);
    }

    private static BotOutcome notFound(BotTask task, String sentence) {
        return new BotOutcome.BusinessError(BotContract.ERROR_ORDER_NOT_FOUND, sentence,
                Map.of(BotContract.VAR_ORDER_FOUND, false, BotContract.VAR_ORDER_ELIGIBLE, false,
                        BotContract.VAR_BOT_FINDINGS, task.findings(sentence)));
    }

    /** A field as text, cut to {@code max} characters and stripped of control characters; null when absent. */
    static String text(JsonNode node, String field, int max) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().replaceAll("\\p{Cntrl}", " ").strip();
        if (text.isEmpty()) {
            return null;
        }
        return text.length() <= max ? text : text.substring(0, max);
    }
}
