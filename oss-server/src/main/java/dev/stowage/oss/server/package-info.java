/**
 * An in-process Alibaba Cloud OSS protocol server for tests: start it on loopback, point the
 * official client at its endpoint, and it answers as OSS does, signatures checked.
 */
package dev.stowage.oss.server;
