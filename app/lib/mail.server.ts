/**
 * Outgoing e-mail through SMTP (nodemailer), when SMTP_URL is configured. Messages are always written to
 * the outbox first (app/domain/outbox.server.ts), so nothing is lost when SMTP is absent or failing.
 */
import nodemailer from "nodemailer";
import { env } from "./env.server";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

let configured: MailSender | null | undefined;
let override: MailSender | null | undefined;

/** The SMTP sender, or null when SMTP_URL is not set (messages then wait in the outbox). */
export function mailSender(): MailSender | null {
  if (override !== undefined) return override;
  if (configured === undefined) {
    const { smtpUrl, smtpFrom } = env();
    if (!smtpUrl) {
      configured = null;
    } else {
      // Short timeouts: sending happens after the change is committed, while the administrator waits.
      const transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
      configured = {
        async send(message) {
          await transport.sendMail({ from: smtpFrom, to: message.to, subject: message.subject, text: message.text });
        },
      };
    }
  }
  return configured;
}

/** Tests replace the sender (a recording fake, or null for "not configured"); undefined restores SMTP_URL's. */
export function setMailSenderForTesting(sender: MailSender | null | undefined): void {
  override = sender;
}
