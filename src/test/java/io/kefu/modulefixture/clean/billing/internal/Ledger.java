package io.kefu.modulefixture.clean.billing.internal;

/** Internal to billing: public in Java terms, but not part of the module's interface. */
public class Ledger {

    public long sum() {
        return 42;
    }
}
