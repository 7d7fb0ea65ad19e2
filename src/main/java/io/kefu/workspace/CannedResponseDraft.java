package io.kefu.workspace;

/**
 * What a canned response is made of, as the API and the page send it; checked by
 * {@link CannedResponseService}.
 *
 * @param team for a {@code TEAM} response, the queue whose agents share it; may be left out when the
 *             author works exactly one queue
 */
public record CannedResponseDraft(String title, String text, String language, String scope, String team) {
}
