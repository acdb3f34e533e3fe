/**
 * A deliberately broken layout for {@code ArchitectureTest}: a shared package that uses a
 * procedure package, and two shared packages that use each other. Never used by Silta.
 */
package fi.silta.architecture.broken;
