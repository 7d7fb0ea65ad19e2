package io.kefu.agent;

/**
 * Counts per kind of work: how many conversations an agent takes at once, or holds now.
 *
 * @param chat  live conversations (WEB, APP, WECHAT, WECOM, DINGTALK, API)
 * @param email e-mail tickets
 */
public record AgentCapacity(int chat, int email) {

    /** The count for this kind of work. */
    public int of(WorkKind kind) {
        return kind == WorkKind.CHAT ? chat : email;
    }
}
