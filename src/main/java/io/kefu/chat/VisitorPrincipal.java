package io.kefu.chat;

import java.security.Principal;

/** The user of a visitor's STOMP connection; its name addresses every connection of the customer. */
record VisitorPrincipal(Visitor visitor, String address) implements Principal {

    @Override
    public String getName() {
        return visitor.userName();
    }
}
