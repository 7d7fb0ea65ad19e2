package io.kefu.modulefixture.clean.orders;

import io.kefu.modulefixture.clean.billing.Billing;
import io.kefu.modulefixture.clean.billing.api.Invoice;

/** Uses billing's top-level package and its named interface only. */
public class Orders {

    public Invoice charge() {
        return new Invoice(new Billing().total());
    }
}
