package io.kefu.agent;

import java.util.List;

/**
 * What supervisors set on an agent (<code>PUT /api/agents/{userId}</code>); the whole profile, checked
 * field by field by {@link AgentService#update}.
 *
 * @param skills       required; each 1–64 characters of {@code A-Z a-z 0-9 . _ -}, starting with a letter or digit
 * @param languages    required; language tags such as {@code zh}, {@code en}, {@code zh-Hant}
 * @param capacity     required; {@code chat} and {@code email}, each 0–100
 * @param workingHours optional
 */
public record AgentUpdate(List<String> skills, List<String> languages, Capacity capacity, WorkingHours workingHours) {

    /** Boxed so that a missing count is told apart from 0. */
    public record Capacity(Integer chat, Integer email) {
    }
}
