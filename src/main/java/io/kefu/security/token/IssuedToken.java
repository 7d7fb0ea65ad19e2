package io.kefu.security.token;

/**
 * A token just created: the stored record and the token itself, which exists only in this answer.
 *
 * @param secret the {@code kefu_...} string the client sends as {@code Authorization: Bearer <secret>}
 */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[id=" + token.id() + ", name=" + token.name() + "]";
    }
}
