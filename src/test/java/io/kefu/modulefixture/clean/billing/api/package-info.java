/** A sub-package billing offers to other modules on purpose. */
@org.springframework.modulith.NamedInterface("api")
package io.kefu.modulefixture.clean.billing.api;
