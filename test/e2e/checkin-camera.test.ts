import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { chromium, type Browser } from 'playwright-core';
import QRCode from 'qrcode';
import { Attendance } from '../../src/modules/attendance';
import { ManualClock } from '../../src/platform/clock';
import { buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { at, createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';
import { CHROMIUM, CHROMIUM_ARGS, t } from '../support/browser';

const START = at('2026-03-02', '08:00');
const PHONE = { width: 360, height: 740 };

/**
 * One still frame for Chromium's fake camera (`--use-file-for-fake-video-capture`): the QR code of
 * `text`, black on white, as YUV4MPEG2 4:2:0 (grey: the chroma planes are flat).
 */
function qrVideo(text: string, file: string): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const W = 640;
  const H = 480;
  const scale = Math.floor((H - 80) / (n + 8));
  const x0 = Math.floor((W - scale * n) / 2);
  const y0 = Math.floor((H - scale * n) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++) y.fill(16, (y0 + r * scale + dy) * W + x0 + c * scale, (y0 + r * scale + dy) * W + x0 + (c + 1) * scale);
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  writeFileSync(file, Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]));
}

/**
 * "Absen sekarang" on a 360×740 phone: the scanner page reads the instructor's rotating QR code with
 * the camera (Chromium's fake camera showing the code) and checks the worker in, and refuses a
 * photo of an old code; with no camera it
 * says so and the typed 6-digit code checks in instead. The server runs in this process on a manual
 * clock inside the meeting's check-in window.
 */
describe('e2e: check-in with the phone camera (scanner page)', function () {
  this.timeout(120_000);
  let browser: Browser | undefined;
  let dir = '';

  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function setup() {
    const clock = new ManualClock(new Date(START.getTime() + 5 * 60_000));
    const { app, services } = buildApp({ clock });
    const insUser = await createUser({ email: 'ins@scan.test', roles: ['instructor'] });
    const instructor = await createInstructor(insUser._id);
    const { session, meetings } = await createSession({ instructors: [instructor._id], starts: [START] });
    const meeting = meetings[0]!;
    const worker = await createWorker({ name: 'Siti Rahayu', email: 'siti@scan.test' });
    await enroll(session, worker);
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const link = (at: Date) => {
      const pass = services.attendance.codes.passAt(meeting.id, at);
      return `${baseUrl}/checkin/${pass.meetingId}/${pass.step}/${pass.sig}`;
    };
    return {
      baseUrl,
      meeting,
      qrLink: link(clock.now()),
      // A photo of the screen taken two minutes ago: four codes old.
      oldQrLink: link(new Date(clock.now().getTime() - 2 * 60_000)),
      code: services.attendance.codes.codeAt(meeting.id, clock.now()),
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  async function workerPage(args: string[], baseUrl: string) {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...args] });
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, baseURL: baseUrl });
    await context.grantPermissions(['camera'], { origin: baseUrl });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel(t('accounts:login.identifier')).fill('siti@scan.test');
    await page.locator('input[name="password"]').fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.getByRole('button', { name: t('accounts:login.submit') }).click()]);
    return page;
  }

  it('reads the QR code with the camera and records the worker present (via QR)', async () => {
    const s = await setup();
    try {
      dir = mkdtempSync(path.join(os.tmpdir(), 'scan-'));
      const video = path.join(dir, 'qr.y4m');
      qrVideo(s.qrLink, video);
      const page = await workerPage(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`], s.baseUrl);
      await Promise.all([page.waitForURL((u) => u.pathname === '/checkin', { timeout: 30_000 }), page.goto('/checkin/scan')]);
      expect(await page.locator('main').innerText()).to.include('Terima kasih, Anda tercatat hadir.');
      const rows = await Attendance.find({ meeting: s.meeting._id }).lean();
      expect(rows.map((r) => ({ status: r.status, via: r.via }))).to.deep.equal([{ status: 'present', via: 'qr' }]);
    } finally {
      await s.close();
    }
  });

  it('refuses a QR code photographed minutes ago with a clear message, and records nothing', async () => {
    const s = await setup();
    try {
      dir = mkdtempSync(path.join(os.tmpdir(), 'scan-'));
      const video = path.join(dir, 'qr.y4m');
      qrVideo(s.oldQrLink, video);
      const page = await workerPage(['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`], s.baseUrl);
      const refused = page.waitForResponse((r) => r.request().method() === 'POST' && /^\/checkin\/[a-f0-9]{24}\//.test(new URL(r.url()).pathname), { timeout: 30_000 });
      await page.goto('/checkin/scan');
      expect((await refused).status()).to.be.within(400, 499);
      await page.waitForLoadState();
      expect(await page.locator('main').innerText()).to.include('Kode sudah kedaluwarsa, pindai kode yang sedang tampil');
      expect(await Attendance.countDocuments({ meeting: s.meeting._id })).to.equal(0);
    } finally {
      await s.close();
    }
  });

  it('with no camera, says so, and the typed code checks the worker in', async () => {
    const s = await setup();
    try {
      // Headless Chromium without a fake device has no camera: getUserMedia fails.
      const page = await workerPage([], s.baseUrl);
      await page.goto('/checkin/scan');
      await page.locator('[data-scan-status]').filter({ hasText: t('attendance:scan.no_camera') }).waitFor({ timeout: 15_000 });
      expect(await Attendance.countDocuments({ meeting: s.meeting._id })).to.equal(0);
      await page.getByLabel(t('attendance:checkin.enter_label')).fill(s.code);
      await Promise.all([page.waitForURL((u) => u.pathname === '/checkin'), page.getByRole('button', { name: t('attendance:checkin.enter_button') }).click()]);
      expect(await page.locator('main').innerText()).to.include('Terima kasih, Anda tercatat hadir.');
      expect(await Attendance.countDocuments({ meeting: s.meeting._id, status: 'present' })).to.equal(1);
    } finally {
      await s.close();
    }
  });
});
