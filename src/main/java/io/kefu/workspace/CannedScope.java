package io.kefu.workspace;

/** Whose a canned response is: the author's alone, or their team's (the agents of one queue). */
public enum CannedScope {
    PERSONAL, TEAM
}
