package io.kefu.customer;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.CONFLICT;
import static org.springframework.http.HttpStatus.CREATED;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/** Registers and reads customers, and links identities to them. */
@RestController
@RequestMapping("/api/customers")
class CustomerController {

    private final CustomerService customers;

    CustomerController(CustomerService customers) {
        this.customers = customers;
    }

    /**
     * Registers a customer with an external id, a name and a tier.
     * The body is <code>{externalId, name, tier}</code>, tier {@code VIP} or {@code STANDARD}; answers 201 with
     * the customer and its address in {@code Location}. 409 when the external id exists; 400 on a bad
     * external id or tier, or a missing field. Supervisors, admins and tokens with
     * {@code messages:write}.
     */
    @PostMapping
    ResponseEntity<CustomerResponse> register(@Valid @RequestBody RegisterCustomer request) {
        CustomerTier tier = CustomerTier.parse(request.tier()).orElseThrow(() -> new ResponseStatusException(
                BAD_REQUEST, "tier must be one of " + Arrays.toString(CustomerTier.values())));
        Customer customer = customers.register(request.externalId(), request.name().strip(), tier);
        // built from a template, so the id is encoded even if its rule ever admits a URL delimiter
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/customers/{externalId}")
                        .buildAndExpand(customer.externalId()).encode().toUri())
                .body(CustomerResponse.of(customer));
    }

    /**
     * Reads a customer by their external id.
     * Answers <code>{id, externalId, name, tier, createdAt, email}</code>; 404 when there is none, 400 when the
     * id breaks the external id rule. Any staff role, and tokens with {@code tickets:read} or
     * {@code messages:write}.
     */
    @GetMapping("/{externalId}")
    CustomerResponse get(@PathVariable @ExternalId String externalId) {
        return customers.findByExternalId(externalId).map(CustomerResponse::of)
                .orElseThrow(() -> new ResponseStatusException(NOT_FOUND, "No customer with externalId '" + externalId + "'"));
    }

    /**
     * The customer's identities: every address they wrote from and every one linked to them, the oldest
     * first, as <code>[{channel, address, since}]</code> ({@code channel} is the identity's kind: {@code EMAIL},
     * {@code WECHAT_OPENID}, {@code WEB}, …). 404 for an unknown customer. Any staff role, and tokens
     * with {@code tickets:read} or {@code messages:write}.
     */
    @GetMapping("/{externalId}/identities")
    List<ChannelIdentity> identities(@PathVariable @ExternalId String externalId) {
        Customer customer = customers.findByExternalId(externalId).orElseThrow(() -> new CustomerNotFoundException(externalId));
        return customers.identities(customer.id());
    }

    /**
     * Links an identity to the customer by hand: an agent who checked it, or the shop's back office that
     * knows its user's WeChat unionid from a WeChat login. The body is <code>{kind, address}</code>, kind one of
     * {@code EMAIL}, {@code PHONE}, {@code WECHAT_OPENID}, {@code WECHAT_UNIONID}, {@code WECOM_USERID},
     * {@code DINGTALK_STAFFID}; from then on a message from that address joins this customer and a reply
     * can take that channel. 201 when linked, 200 when the customer had it already; 409 when another
     * customer has it (the answer's {@code owner} names them: merge the two instead); 400 for a bad kind or
     * address; 404 for an unknown customer. Audited. Agents, supervisors, admins, tokens with
     * {@code messages:write}.
     */
    @PostMapping("/{externalId}/identities")
    ResponseEntity<ChannelIdentityLink> link(@PathVariable @ExternalId String externalId,
            @Valid @RequestBody LinkIdentity request) {
        IdentityKind kind = IdentityKind.parse(request.kind());
        String address = kind.check(request.address());
        boolean linked = customers.link(externalId, kind.name(), address);
        ChannelIdentityLink body = new ChannelIdentityLink(externalId, kind.name(), address, linked);
        return linked ? ResponseEntity.status(CREATED).body(body) : ResponseEntity.ok(body);
    }

    @ExceptionHandler(IdentityTakenException.class)
    ProblemDetail taken(IdentityTakenException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(CONFLICT, e.getMessage());
        problem.setProperty("owner", e.owner());
        return problem;
    }

    @ExceptionHandler(CustomerNotFoundException.class)
    ProblemDetail unknown(CustomerNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail bad(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(BAD_REQUEST, e.getMessage());
    }

    record LinkIdentity(@NotBlank @Size(max = 32) String kind, @NotBlank @Size(max = 255) String address) {
    }

    /** An identity linked ({@code linked}) or found already linked to the customer. */
    record ChannelIdentityLink(String externalId, String kind, String address, boolean linked) {
    }

    record RegisterCustomer(
            @ExternalId String externalId,
            @NotBlank @Size(max = 200) String name,
            @NotNull String tier) {
    }

    record CustomerResponse(long id, String externalId, String name, CustomerTier tier, Instant createdAt,
            String email) {
        static CustomerResponse of(Customer c) {
            return new CustomerResponse(c.id(), c.externalId(), c.name(), c.tier(), c.createdAt(), c.email());
        }
    }
}
