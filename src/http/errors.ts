// Every error leaves the server in one shape: {"error": {code, message, issues}}. Errors the code
// raises on purpose keep their status; Fastify's own 4xx (bad JSON, body too large, wrong content
// type, a URL that cannot be decoded) are translated; a database that is away for now (restart,
// failover) is a 503 with Retry-After; anything else is a 500 whose details go to the log, not to
// the client.
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { BUSY_RETRY_AFTER_SECONDS, DatabaseBusyError } from "../db/sqlite-busy.js";
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from "../db/unavailable.js";
import { AppError } from "../domain/errors.js";
import { socketSecurityHeaders } from "./security.js";

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: "malformed_json", message: "The request body is not valid JSON." },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: "malformed_json", message: "The request body is empty; send a JSON object." },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: "payload_too_large", message: "The request body is too large." },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: "unsupported_media_type", message: "Send the request body as application/json." },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: "bad_request", message: "The Content-Length does not match the body." },
  FST_ERR_BAD_URL: { code: "bad_url", message: "The URL cannot be decoded: it has a malformed percent-escape." },
  FST_ERR_MAX_PARAM_LENGTH: { code: "uri_too_long", message: "A part of the URL is too long." },
};

function errorBody(code: string, message: string, issues: { path: string; message: string }[] = [], details?: Record<string, unknown>) {
  return { error: { code, message, issues, ...(details ?? {}) } };
}

/** Answer `error` in the API's shape. */
function replyWithError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof AppError) {
    // SQLite busy with another writer past the wait's bound (db/sqlite-busy.ts): try again shortly.
    if (error instanceof DatabaseBusyError) reply.header("retry-after", String(BUSY_RETRY_AFTER_SECONDS));
    return reply.code(error.status).send(errorBody(error.code, error.message, error.issues, error.details));
  }
  const status = (error as FastifyError).statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const known = FASTIFY_CODES[(error as FastifyError).code ?? ""];
    const fallback =
      error instanceof SyntaxError
        ? // secure-json-parse refuses __proto__ and constructor.prototype keys with a SyntaxError.
          /forbidden (prototype|constructor) property/.test(error.message)
          ? { code: "malformed_json", message: "The request body uses a forbidden key: __proto__, or constructor with a prototype." }
          : { code: "malformed_json", message: "The request body is not valid JSON." }
        : { code: "bad_request", message: "The request could not be read." };
    const { code, message } = known ?? fallback;
    return reply.code(status).send(errorBody(code, message));
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, "database unavailable");
    reply.header("retry-after", String(DATABASE_RETRY_AFTER_SECONDS));
    return reply.code(503).send(errorBody("database_unavailable", "The database is not answering at the moment; try again in a few seconds."));
  }
  request.log.error({ err: error }, "unhandled error");
  return reply.code(500).send(errorBody("internal", "Something went wrong on the server; it has been logged."));
}

/**
 * For Fastify's `frameworkErrors` option: errors the router raises before any route or error
 * handler runs (a URL that cannot be percent-decoded, a path parameter over the length limit).
 * Without it they leave in Fastify's own shape.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  replyWithError(error, request, reply);
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, request, reply) => replyWithError(error, request, reply));
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody("not_found", `No route ${request.method} ${request.url.split("?")[0]}.`)));
}

/** A request line longer than this, refused by the parser, is a URL too long (414), not headers (431). */
const LONG_REQUEST_LINE = 8 * 1024;

/**
 * For Fastify's `clientErrorHandler`: Node's HTTP parser refused the bytes before there was a
 * request (malformed HTTP, headers over the size limit, a request that took too long to arrive).
 * Fastify's default answers in its own shape without our headers; this answers in the envelope,
 * with the security headers, then closes the connection (the rest of the bytes cannot be trusted).
 */
export function clientErrorHandler(options: { hsts: boolean }) {
  return (error: ConnectionError, socket: Socket): void => {
    // A connection reset: nobody is left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const answer = clientErrorAnswer(error);
    if (socket.writable) {
      const body = JSON.stringify(errorBody(answer.code, answer.message));
      const headers = {
        ...socketSecurityHeaders(options.hsts),
        "content-type": "application/json; charset=utf-8",
        "content-length": String(Buffer.byteLength(body)),
        connection: "close",
      };
      socket.write(
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\n${Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}\r\n`)
          .join("")}\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

function clientErrorAnswer(error: ConnectionError): { status: number; code: string; message: string } {
  if (error.code === "ERR_HTTP_REQUEST_TIMEOUT") return { status: 408, code: "request_timeout", message: "The request took too long to arrive." };
  if (error.code === "HPE_HEADER_OVERFLOW") {
    // Node hands over the bytes it read as a Buffer (Fastify's type for it says otherwise).
    const packet = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
    const lineEnd = packet.indexOf("\r\n");
    return (lineEnd === -1 ? packet.length : lineEnd) > LONG_REQUEST_LINE
      ? { status: 414, code: "uri_too_long", message: "The URL is too long." }
      : { status: 431, code: "header_too_large", message: "The request headers are too large." };
  }
  return { status: 400, code: "bad_request", message: "The request is not valid HTTP." };
}
