package io.kefu.modulefixture.clean.billing;

/** The billing module's public face. */
public class Billing {

    public long total() {
        return new io.kefu.modulefixture.clean.billing.internal.Ledger().sum();
    }
}
