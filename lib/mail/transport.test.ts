import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalSmtp, type LocalSmtp } from "@/test/smtp-server";

let smtp: LocalSmtp;
beforeAll(async () => {
  smtp = await startLocalSmtp();
  // env() is read once per test file; set the mail settings before anything reads it.
  process.env.LEADLINE_SMTP_URL = smtp.url;
  process.env.LEADLINE_MAIL_FROM = "Leadline <alerts@leadline.test>";
  process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1/unused";
  process.env.NEXTAUTH_SECRET ??= "x".repeat(32);
  process.env.LEADLINE_ENCRYPTION_KEY ??= Buffer.alloc(32).toString("base64");
});
afterAll(() => smtp.stop());

describe("sending through SMTP", () => {
  it("delivers the mail with its From, To, subject, both parts and our Message-ID", async () => {
    const { sendMail } = await import("./transport");
    const sent = await sendMail({
      to: "asha@acme.test",
      subject: "Hello",
      text: "plain body",
      html: "<p>html body</p>",
      messageId: "<mail_1@leadline.test>",
    });
    expect(sent.via).toBe("smtp");
    await smtp.waitFor(1);
    const [mail] = smtp.received;
    expect(mail!.envelopeTo).toEqual(["asha@acme.test"]);
    expect(mail!.from?.text).toBe('"Leadline" <alerts@leadline.test>');
    expect(mail!.subject).toBe("Hello");
    expect(mail!.text?.trim()).toBe("plain body");
    expect(mail!.html).toContain("<p>html body</p>");
    expect(mail!.messageId).toBe("<mail_1@leadline.test>");
  });

  it("tells a permanent refusal (5xx) from trouble worth another try (4xx)", async () => {
    const { sendMail, MailRefused } = await import("./transport");
    smtp.reject = 550;
    await expect(
      sendMail({ to: "a@acme.test", subject: "s", text: "t", html: "h", messageId: "<m2@leadline.test>" }),
    ).rejects.toBeInstanceOf(MailRefused);
    smtp.reject = 451;
    const transient = await sendMail({ to: "a@acme.test", subject: "s", text: "t", html: "h", messageId: "<m3@leadline.test>" }).catch(
      (e: unknown) => e,
    );
    expect(transient).toBeInstanceOf(Error);
    expect(transient).not.toBeInstanceOf(MailRefused);
    smtp.reject = null;
  });
});
