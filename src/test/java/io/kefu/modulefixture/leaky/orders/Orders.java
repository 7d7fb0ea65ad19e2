package io.kefu.modulefixture.leaky.orders;

import io.kefu.modulefixture.leaky.billing.internal.Ledger;

/** Reaches into billing's internals: the module check must refuse this. */
public class Orders {

    public long charge() {
        return new Ledger().sum();
    }
}
