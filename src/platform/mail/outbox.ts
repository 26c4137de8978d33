import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface OutboxEntry {
  id: string;
  date: Date | undefined;
  to: string;
  subject: string;
}

export interface OutboxMessage extends OutboxEntry {
  from: string;
  text: string;
}

const ID = /^[0-9TZ-]+-[a-f0-9]{8}\.eml$/;

/** Reads the development outbox written by the outbox mailer. */
export class Outbox {
  constructor(private readonly dir: string) {}

  /** Newest first, at most `limit` messages. */
  async list(limit = 100): Promise<OutboxEntry[]> {
    let files: string[];
    try {
      files = (await readdir(this.dir)).filter((f) => ID.test(f));
    } catch {
      return [];
    }
    files.sort().reverse();
    return Promise.all(files.slice(0, limit).map(async (id) => summary(id, await this.parse(id))));
  }

  /** One message, or null when the id is unknown or malformed (never a path outside the outbox). */
  async find(id: string): Promise<OutboxMessage | null> {
    if (!ID.test(id)) return null;
    try {
      const parsed = await this.parse(id);
      return { ...summary(id, parsed), from: parsed.from?.text ?? '', text: parsed.text ?? '' };
    } catch {
      return null;
    }
  }

  private async parse(id: string) {
    return simpleParser(await readFile(path.join(this.dir, id)));
  }
}

function summary(id: string, parsed: Awaited<ReturnType<typeof simpleParser>>): OutboxEntry {
  const to = Array.isArray(parsed.to) ? parsed.to.map((a) => a.text).join(', ') : (parsed.to?.text ?? '');
  return { id, date: parsed.date, to, subject: parsed.subject ?? '' };
}
