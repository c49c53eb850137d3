// Which errors mean "the database is away for now" (answered 503 with Retry-After) and which are
// faults of ours (500): the cases pg, Node and better-sqlite3 actually raise.
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./unavailable.js";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("a database that is away", () => {
  it("when the server refuses, drops or resets the connection, or is shutting down, then the error means unavailable", () => {
    for (const error of [
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      withCode("read ECONNRESET", "ECONNRESET"),
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("the database system is starting up", "57P03"),
      withCode("connection failure", "08006"),
      withCode("sorry, too many clients already", "53300"),
      new Error("Connection terminated unexpectedly"),
      new Error("Client has encountered a connection error and is not queryable"),
      new Error("timeout exceeded when trying to connect"),
      new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") }),
      new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED"), withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")], ""),
      withCode("database is locked", "SQLITE_BUSY"),
    ]) {
      expect(isDatabaseUnavailable(error), error.message).toBe(true);
    }
  });

  it("when a query is wrong or breaks a constraint, then the error is not about availability", () => {
    for (const error of [
      withCode('syntax error at or near "where"', "42601"),
      withCode("duplicate key value violates unique constraint", "23505"),
      withCode("UNIQUE constraint failed: users.email", "SQLITE_CONSTRAINT_UNIQUE"),
      new TypeError("Cannot read properties of undefined"),
      "not even an error",
    ]) {
      expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    }
  });
});
