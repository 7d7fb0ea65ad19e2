package io.kefu.lifecycle.policy;

/**
 * One reason a deployment is refused.
 *
 * @param resource  the deployed file's name
 * @param elementId the id of the model element that broke the rule (its nearest ancestor with an id), or null
 * @param rule      what is not allowed, in words a designer can act on
 */
public record PolicyViolation(String resource, String elementId, String rule) {

    @Override
    public String toString() {
        return resource + (elementId == null ? "" : " element '" + elementId + "'") + ": " + rule;
    }
}
