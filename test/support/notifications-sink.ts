import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * A real SMTP server on 127.0.0.1 that can be stopped and started again on the same port (an
 * outage), and counts what arrived per notice (the X-Takaru-Notice header delivery sets).
 */
export class RestartableSink {
  readonly messages: ParsedMail[] = [];
  private server: SMTPServer | undefined;
  port = 0;

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<string> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      // No reverse DNS for 127.0.0.1: it costs ~150 ms a connection where no resolver answers.
      disableReverseLookup: true,
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream)
          .then((mail) => {
            this.messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
    return this.url;
  }

  /** Closes the port: senders now get "connection refused". */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when at least `count` messages arrived, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10000): Promise<ParsedMail[]> {
    await waitUntil(() => this.messages.length >= count, timeoutMs, () => `expected ${count} message(s), got ${this.messages.length}`, 100);
    return this.messages;
  }

  /** How many messages arrived for each notice id. */
  perNotice(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) {
      const id = noticeOf(m);
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return counts;
  }

  clear(): void {
    this.messages.length = 0;
  }
}

export function noticeOf(mail: ParsedMail): string {
  return String(mail.headers.get('x-takaru-notice') ?? '');
}

export function recipientOf(mail: ParsedMail): string {
  const to = mail.to;
  return Array.isArray(to) ? to.map((a) => a.text).join(', ') : (to?.text ?? '');
}

/** Polls `done` until it holds, or fails with `message()` after `timeoutMs`. */
export async function waitUntil(done: () => boolean | Promise<boolean>, timeoutMs: number, message: () => string = () => 'timed out', everyMs = 200): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(message());
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
