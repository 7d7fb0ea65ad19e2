package io.kefu.customer;

import java.time.Instant;
import java.util.Arrays;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import static org.springframework.http.HttpStatus.BAD_REQUEST;
import static org.springframework.http.HttpStatus.NOT_FOUND;

/** Registers and reads customers. */
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
