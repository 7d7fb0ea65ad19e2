/**
 * Two tiny applications that {@code ModuleCheckFixtureTest} analyses with Spring Modulith, so the
 * module check is shown to fail on a real import of another module's internals. Plain classes only
 * (no Spring stereotypes): the application's component scan must find nothing here.
 */
package io.kefu.modulefixture;
