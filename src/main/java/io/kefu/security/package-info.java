/**
 * Authentication and access: users and groups live in Camunda's identity service, so one login
 * serves Kefu's pages, {@code /api/**} (HTTP Basic), {@code /engine-rest/**} and the Camunda
 * webapps. Groups become authorities: {@code GROUP_<id>} for each group (queues are groups) and a
 * role for the well-known ones (agents, supervisors, designers, camunda-admin).
 */
package io.kefu.security;
