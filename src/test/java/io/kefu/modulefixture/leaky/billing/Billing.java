package io.kefu.modulefixture.leaky.billing;

/** The billing module's public face. */
public class Billing {

    public long total() {
        return new io.kefu.modulefixture.leaky.billing.internal.Ledger().sum();
    }
}
