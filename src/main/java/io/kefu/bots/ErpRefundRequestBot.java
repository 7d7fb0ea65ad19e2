package io.kefu.bots;

import java.util.HashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * {@code erp-refund-request}: files the refund in the ERP ({@code POST /refunds}) with
 * {@code Idempotency-Key: kefu-refund-<ticketId>}, so a retry after a lost answer files it once.
 * 2xx: completes with the ERP's {@code refundId}. 409 or 422 (the ERP refuses: already refunded, out
 * of the refund window): the BPMN error {@code RefundRefused} with the ERP's reason.
 */
@Component
class ErpRefundRequestBot implements BotHandler {

    private final ErpApi erp;

    ErpRefundRequestBot(ErpApi erp) {
        this.erp = erp;
    }

    @Override
    public String topic() {
        return BotContract.TOPIC_ERP_REFUND_REQUEST;
    }

    @Override
    public BotOutcome work(BotTask task) {
        long ticketId = task.ticketId();
        String orderId = task.string(BotContract.VAR_ORDER_ID);
        if (orderId == null || !BotContract.ORDER_ID.matcher(orderId).matches()) {
            throw new BotFailure("variable '" + BotContract.VAR_ORDER_ID + "' is missing or not an order number");
        }
        Map<String, Object> request = new HashMap<>();
        request.put("orderId", orderId);
        request.put("ticketId", ticketId);
        request.put("amount", task.string(BotContract.VAR_ORDER_AMOUNT));
        request.put("currency", task.string(BotContract.VAR_ORDER_CURRENCY));
        request.put("reason", "customer request, Kefu ticket " + ticketId);
        ErpApi.Answer answer = erp.requestRefund(request, "kefu-refund-" + ticketId);
        if (answer.status() == 409 || answer.status() == 422) {
            String reason = ErpOrderLookupBot.text(answer.body(), "reason", 200);
            String sentence = "The ERP refused the refund of order " + orderId
                    + (reason == null ? "." : ": " + reason + ".");
            return new BotOutcome.BusinessError(BotContract.ERROR_REFUND_REFUSED, sentence,
                    Map.of(BotContract.VAR_BOT_FINDINGS, task.findings(sentence)));
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new BotFailure("ERP answered " + answer.status() + " to the refund request for order " + orderId);
        }
        String refundId = ErpOrderLookupBot.text(answer.body(), "refundId", 64);
        if (refundId == null) {
            throw new BotFailure("ERP accepted the refund of order " + orderId + " but named no refundId");
        }
        return new BotOutcome.Done(Map.of(BotContract.VAR_REFUND_ID, refundId,
                BotContract.VAR_BOT_FINDINGS, task.findings("Refund " + refundId + " filed in the ERP.")));
    }
}
