package io.kefu.sync;

import io.kefu.testing.H2Database;

/** {@link InboundWebhookScenarios} on the embedded default database (H2). */
@H2Database("inbound-webhook")
class InboundWebhookTest extends InboundWebhookScenarios {
}
