import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export type LocalSmtp = {
  /** smtp://user:pass@127.0.0.1:port, for LEADLINE_SMTP_URL */
  url: string;
  received: Array<ParsedMail & { envelopeTo: string[] }>;
  /** The reply code the next messages get, e.g. 451 (try later) or 550 (refused); null accepts. */
  reject: number | null;
  waitFor: (count: number, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
};

/** A real SMTP server on a loopback port that keeps every message it accepts, parsed. */
export async function startLocalSmtp(): Promise<LocalSmtp> {
  const state: Pick<LocalSmtp, "received" | "reject"> = { received: [], reject: null };
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    authOptional: false,
    logger: false,
    onAuth: (auth, _session, callback) =>
      auth.username === "leadline" && auth.password === "mail-secret"
        ? callback(null, { user: auth.username })
        : callback(new Error("Invalid username or password")),
    onData: (stream, session, callback) => {
      const code = state.reject;
      simpleParser(stream)
        .then((mail) => {
          if (code !== null)
            return callback(Object.assign(new Error(code >= 500 ? "Mailbox unavailable" : "Try again later"), { responseCode: code }));
          state.received.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((r) => r.address) }));
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://leadline:mail-secret@127.0.0.1:${port}`,
    get received() {
      return state.received;
    },
    get reject() {
      return state.reject;
    },
    set reject(code: number | null) {
      state.reject = code;
    },
    waitFor: async (count, timeoutMs = 10_000) => {
      const until = Date.now() + timeoutMs;
      while (state.received.length < count) {
        if (Date.now() > until) throw new Error(`expected ${count} mails, got ${state.received.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
