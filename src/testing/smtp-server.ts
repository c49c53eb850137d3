// A real SMTP server on loopback for the notification tests (smtp-server): it keeps every message
// it receives, can be stopped (connections refused, as a mail server that is down) and started
// again on the same port. Messages are read back with their quoted-printable bodies decoded.
import { SMTPServer } from "smtp-server";

interface ReceivedMail {
  to: string[];
  messageId: string;
  subject: string;
  /** The whole message, its quoted-printable parts decoded (text and HTML). */
  content: string;
}

function decodeQuotedPrintable(raw: string): string {
  const latin1 = raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(latin1, "latin1").toString("utf8");
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0]!.replace(/\r?\n[ \t]+/g, " ");
  return new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let server: SMTPServer | undefined;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on("data", (chunk: Buffer) => chunks.push(chunk));
          stream.on("end", () => {
            const raw = Buffer.concat(chunks).toString("latin1");
            received.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              messageId: header(raw, "Message-ID"),
              subject: header(raw, "Subject"),
              content: decodeQuotedPrintable(raw),
            });
            callback();
          });
        },
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server!.server.address();
        if (typeof address === "object" && address) port = address.port;
        resolve();
      });
    });
  await listen();
  return {
    get port() {
      return port;
    },
    received,
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  };
}
