import { createHmac, timingSafeEqual } from 'node:crypto';

/** The QR code and the typed code change every step; a scan is accepted for this step and the previous one. */
export const CODE_STEP_MS = 30 * 1000;
/** Steps before the current one still accepted: a worker who scanned just before the code changed. */
export const CODE_GRACE_STEPS = 1;

export const stepAt = (now: Date): number => Math.floor(now.getTime() / CODE_STEP_MS);
/** Milliseconds until the code shown at `now` is replaced. */
export const msUntilNextStep = (now: Date): number => CODE_STEP_MS - (now.getTime() % CODE_STEP_MS);

/** What a QR link carries: the meeting, the time step, and a signature of both. */
export interface QrPass {
  meetingId: string;
  step: number;
  sig: string;
}

/**
 * Rotating check-in codes. Both the QR signature and the 6-digit code come from
 * HMAC-SHA256(key, meetingId:step) under a key derived from the server secret, so a photo of the
 * QR or a forwarded link stops working within a minute, and nobody can compute a code without
 * the secret. Nothing is stored: verifying is recomputing.
 */
export class CheckinCodes {
  private readonly key: Buffer;

  constructor(serverSecret: string) {
    // A key of its own, so a check-in signature can never double as a session-cookie signature.
    this.key = createHmac('sha256', serverSecret).update('attendance:checkin-code:v1').digest();
  }

  private mac(meetingId: string, step: number): Buffer {
    return createHmac('sha256', this.key).update(`${meetingId}:${step}`).digest();
  }

  /** The QR pass for the step at `now`. */
  passAt(meetingId: string, now: Date): QrPass {
    const step = stepAt(now);
    return { meetingId, step, sig: this.mac(meetingId, step).subarray(0, 16).toString('base64url') };
  }

  /** The 6-digit code for the step at `now` (dynamic truncation as in HOTP, RFC 4226). */
  codeAt(meetingId: string, now: Date): string {
    return this.codeOf(meetingId, stepAt(now));
  }

  private codeOf(meetingId: string, step: number): string {
    const h = this.mac(meetingId, step);
    const offset = h[h.length - 1]! & 0x0f;
    const n = (h.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
    return String(n).padStart(6, '0');
  }

  /** Whether the signature is genuine, whatever its age. */
  isGenuine(pass: QrPass): boolean {
    const expected = this.mac(pass.meetingId, pass.step).subarray(0, 16);
    const given = Buffer.from(pass.sig, 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Whether a genuine pass is still current at `now` (this step or the grace steps before it). */
  isFresh(pass: QrPass, now: Date): boolean {
    const age = stepAt(now) - pass.step;
    return age >= 0 && age <= CODE_GRACE_STEPS;
  }

  /** Whether `code` is the meeting's code at `now` or in the grace steps before it. */
  matchesCode(meetingId: string, code: string, now: Date): boolean {
    const current = stepAt(now);
    for (let step = current; step >= current - CODE_GRACE_STEPS; step--) {
      if (timingSafeEqual(Buffer.from(this.codeOf(meetingId, step)), Buffer.from(code.padEnd(6).slice(0, 6)))) return true;
    }
    return false;
  }
}
