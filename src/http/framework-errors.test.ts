// Answers Fastify and Node's HTTP parser give before any route runs (a malformed request, headers
// or a URL over the size limit, a body over the limit or unreadable, a path parameter too long, a
// URL that cannot be decoded, no such route) still leave in the error envelope with the security
// headers. Sent over a real socket: `inject` skips Node's HTTP parser, where some of them arise.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestEnv, type TestEnv } from "../testing/harness.js";
import { CONTENT_SECURITY_POLICY } from "./security.js";

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Send `request` as bytes and read the answer until the server closes or the body is complete. */
function send(port: number, request: string | Buffer): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const socket = connect(port, "127.0.0.1");
    let received = Buffer.alloc(0);
    const parse = (): RawAnswer | null => {
      const text = received.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      if (end === -1) return null;
      const [statusLine, ...lines] = text.slice(0, end).split("\r\n");
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()]));
      const body = received.subarray(end + 4).toString("utf8");
      if (headers["content-length"] !== undefined && Buffer.byteLength(body) < Number(headers["content-length"])) return null;
      return { status: Number(statusLine!.split(" ")[1]), headers, body };
    };
    socket.on("data", (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const answer = parse();
      if (answer) {
        socket.destroy();
        done(answer);
      }
    });
    // The server may reset the connection once it has answered (it stops reading a refused request).
    socket.on("error", (error) => {
      const answer = parse();
      if (answer) done(answer);
      else fail(error);
    });
    socket.on("close", () => {
      const answer = parse();
      if (answer) done(answer);
      else fail(new Error(`no complete answer: ${received.toString("latin1").slice(0, 300)}`));
    });
    socket.write(request);
  });
}

function expectEnvelope(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status, answer.body.slice(0, 300)).toBe(status);
  expect(answer.headers["content-type"]).toMatch(/^application\/json/);
  expect(JSON.parse(answer.body)).toEqual({ error: { code, message: expect.any(String), issues: [] } });
  expect(answer.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
  expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  expect(answer.headers["x-frame-options"]).toBe("DENY");
  expect(answer.headers["cache-control"]).toBe("no-store");
}

describe("Fastify's and Node's own refusals, over a real socket", () => {
  let env: TestEnv & { close(): Promise<void> };
  let port: number;
  beforeAll(async () => {
    env = await createTestEnv("sqlite");
    await env.app.listen({ port: 0, host: "127.0.0.1" });
    port = (env.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await env.close();
  });

  const get = (target: string, extra = "") => `GET ${target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n${extra}\r\n`;

  it("when the headers are over the size limit, then 431 header_too_large in the envelope", async () => {
    expectEnvelope(await send(port, get("/api/health", `X-Padding: ${"a".repeat(20_000)}\r\n`)), 431, "header_too_large");
  });

  it("when the URL is over the size limit, then 414 uri_too_long in the envelope", async () => {
    expectEnvelope(await send(port, get(`/api/v1/incidents?q=${"a".repeat(20_000)}`)), 414, "uri_too_long");
  });

  it("when the request is not valid HTTP, then 400 bad_request in the envelope", async () => {
    expectEnvelope(await send(port, get("/api/health", "Content-Length: several\r\n")), 400, "bad_request");
    expectEnvelope(await send(port, "NOT HTTP AT ALL\r\n\r\n"), 400, "bad_request");
  });

  it("when a path parameter is too long, a URL cannot be decoded or no route matches, then 414, 400 and 404 in the envelope", async () => {
    expectEnvelope(await send(port, get(`/api/v1/incidents/${"a".repeat(300)}`)), 414, "uri_too_long");
    expectEnvelope(await send(port, get("/api/v1/incidents/%E0%A4%A")), 400, "bad_url");
    expectEnvelope(await send(port, get("/api/v1/nothing-here")), 404, "not_found");
  });

  it("when a body is over the limit, unreadable JSON or not UTF-8, then 413 and 400 in the envelope", async () => {
    const post = (body: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]);
    expectEnvelope(await send(port, post(Buffer.from(JSON.stringify({ email: "x".repeat(1_100_000) })))), 413, "payload_too_large");
    expectEnvelope(await send(port, post(Buffer.from('{"email": '))), 400, "malformed_json");
    expectEnvelope(await send(port, post(Buffer.from('{"email": "caf\u00e9"}', "latin1"))), 400, "malformed_json");
  });
});
