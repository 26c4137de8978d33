import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Sends mail; the transport is chosen at boot (SMTP, or the local outbox when SMTP_URL is empty). */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  readonly kind: 'smtp' | 'outbox';
  close(): void;
}

export interface MailerOptions {
  from: string;
  smtpUrl?: string;
  outboxDir: string;
}

export function createMailer(opts: MailerOptions): Mailer {
  return opts.smtpUrl ? smtpMailer(opts.from, opts.smtpUrl) : outboxMailer(opts.from, opts.outboxDir);
}

function smtpMailer(from: string, url: string): Mailer {
  const transport: Transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/**
 * Development mail: nodemailer builds the real RFC 822 message and we keep it as an .eml file
 * under DATA_DIR/outbox, where admins read it at /admin/outbox (and any mail client can open it).
 */
function outboxMailer(from: string, dir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'outbox',
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      await mkdir(dir, { recursive: true });
      // Sortable by time, unguessable enough, and safe as a file name and URL segment.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`;
      await writeFile(path.join(dir, name), info.message as Buffer);
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}
