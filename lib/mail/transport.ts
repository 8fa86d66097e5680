import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "@/lib/env";

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId: string };
export type MailSent = { via: "smtp"; response: string } | { via: "outbox" };

/** A refusal the SMTP server will repeat (a 5xx reply, a bad address): trying again cannot help. */
export class MailRefused extends Error {}

let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    // Nothing waits for ever on a server that accepts the connection and then says nothing.
    transport = {
      url,
      transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 }),
    };
  }
  return transport.transporter;
}

export function mailFrom(): string {
  const e = env();
  return e.LEADLINE_MAIL_FROM ?? `Leadline <no-reply@${new URL(e.LEADLINE_PUBLIC_URL).hostname}>`;
}

/** Whether mails leave through SMTP, or stay in the dashboard's outbox (no LEADLINE_SMTP_URL). */
export function smtpConfigured(): boolean {
  return env().LEADLINE_SMTP_URL !== undefined;
}

/**
 * Hands one mail to the SMTP server. The Message-ID is the stored mail's own, so a resend after a crash between the
 * server's 250 and our record of it carries the same id and mail clients show it once.
 */
export async function sendMail(mail: OutgoingMail): Promise<MailSent> {
  const url = env().LEADLINE_SMTP_URL;
  if (!url) return { via: "outbox" };
  try {
    const info = await transporterFor(url).sendMail({ from: mailFrom(), ...mail });
    return { via: "smtp", response: info.response };
  } catch (err) {
    const code = (err as { responseCode?: unknown }).responseCode;
    if (typeof code === "number" && code >= 500) throw new MailRefused(`The mail server refused the mail: ${code}`);
    throw err;
  }
}
