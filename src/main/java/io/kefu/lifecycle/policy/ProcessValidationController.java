package io.kefu.lifecycle.policy;

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The process designer's check of a model before it is deployed. */
@RestController
class ProcessValidationController {

    private final ProcessValidation validation;

    ProcessValidationController(ProcessValidation validation) {
        this.validation = validation;
    }

    /**
     * Validates a BPMN model without deploying it. The body is the BPMN XML. The deployment policy,
     * the engine's parser and the structural rules (bpmnlint's {@code start-event-required},
     * {@code end-event-required}, {@code no-disconnected}) are checked in that order; a model the
     * policy refuses is not parsed further. Answers 200 <code>{valid: true}</code> or 422
     * <code>{valid: false, problems: [{elementId, rule, message}]}</code>; 413 over the deployment
     * size limit. Designers and admins.
     */
    @PostMapping(path = "/api/processes/validate", produces = "application/json")
    ResponseEntity<Map<String, Object>> validate(@RequestBody byte[] bpmn) {
        return ProcessValidation.answer(validation.validate(bpmn));
    }
}
