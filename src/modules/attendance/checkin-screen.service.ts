import QRCode from 'qrcode';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { MeetingContext } from './attendance.context';
import { checkinWindow } from './attendance.rules';
import type { AttendanceService, RegisterRow } from './attendance.service';
import { msUntilNextStep, type CheckinCodes } from './checkin.codes';

export interface CheckinScreen extends MeetingContext {
  /** The link inside the QR code: valid for this step and the next. */
  url: string;
  /** The QR code as a PNG data URL (the CSP allows `img-src data:`). */
  dataUrl: string;
  /** The 6-digit code a worker types on /checkin when the camera fails. */
  code: string;
  /** When the page should reload to show the next code. */
  refreshMs: number;
  opens: Date;
  closes: Date;
  /** Workers recorded present or late so far, by name. */
  checkedIn: RegisterRow[];
}

/** The screen the instructor shows in class: a rotating QR code and typed code, and who is in. */
export class CheckinScreenService {
  private readonly appUrl: string;

  constructor(private readonly deps: { clock: Clock; appUrl: string; codes: CheckinCodes; register: AttendanceService }) {
    this.appUrl = deps.appUrl.replace(/\/+$/, '');
  }

  /**
   * The current code of the meeting (the register's access rule: ForbiddenError, NotFoundError).
   * The link comes from the configured APP_URL, never the request's Host header, so a forged
   * header cannot send workers elsewhere.
   */
  async getCheckinScreen(actor: Actor, meetingId: string): Promise<CheckinScreen> {
    const reg = await this.deps.register.getRegister(actor, meetingId);
    const now = this.deps.clock.now();
    const pass = this.deps.codes.passAt(reg.meeting.id, now);
    const url = `${this.appUrl}/checkin/${pass.meetingId}/${pass.step}/${pass.sig}`;
    const dataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 480 });
    return {
      meeting: reg.meeting,
      session: reg.session,
      url,
      dataUrl,
      code: this.deps.codes.codeAt(reg.meeting.id, now),
      refreshMs: msUntilNextStep(now),
      ...checkinWindow(reg.meeting),
      checkedIn: reg.rows.filter((r) => r.status === 'present' || r.status === 'late'),
    };
  }
}
