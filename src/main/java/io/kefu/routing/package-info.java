/**
 * Routing: the rule files under the top-level {@code rules/} folder (DRL and the CSV decision table
 * of priorities) decide the queue, priority, required skills and SLA policy of a ticket, and explain
 * the decision part by part. A rule set goes live only after it compiles and passes its own test
 * cases ({@code rules/tests/*.csv}); each version that went live is stored with who and when, can be
 * made live again in one call, and is followed by every node. Each decision is recorded with its
 * facts so a candidate rule set can be replayed over past tickets before it goes live; candidates
 * uploaded through the API are held to {@code CandidateRulePolicy}.
 */
package io.kefu.routing;
