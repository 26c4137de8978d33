import { expect } from 'chai';
import { ManualClock } from '../../src/platform/clock';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, PASSWORD } from '../support/factories';
import { csrfFrom, formBody, mainText, signIn } from '../support/http';
import { at, createInstructor, createSession, createWorker, enroll } from '../support/attendance-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';

const START = at('2026-03-02', '08:00');
const MIN = 60_000;

async function setup() {
  const clock = new ManualClock(new Date(START.getTime() - 10 * MIN)); // 07:50 WIB: the check-in window is open
  const { app } = buildApp({ clock });
  const siti = await createWorker({ name: 'Siti Rahayu', email: 'siti@pwa.test' });
  const budi = await createWorker({ name: 'Budi Santoso', email: 'budi@pwa.test' });
  const scheme = await createScheme({ name: 'Las & <Pipa> "6G"' });
  const own = await createCertificate(clock, { worker: siti, scheme, issueDate: '2026-01-10' });
  const other = await createCertificate(clock, { worker: budi, issueDate: '2026-01-10' });
  const insUser = await createUser({ email: 'ins@pwa.test', roles: ['instructor'] });
  const instructor = await createInstructor(insUser._id);
  const { session } = await createSession({ instructors: [instructor._id], starts: [START, at('2026-03-03', '08:00')] });
  await enroll(session, siti);
  const worker = await signIn(app, 'siti@pwa.test', PASSWORD);
  const ins = await signIn(app, 'ins@pwa.test', PASSWORD);
  return { app, clock, siti, own, other, worker, ins };
}

const attr = (html: string, re: RegExp) => {
  const m = re.exec(html);
  if (!m) throw new Error(`not found: ${re}`);
  return m[1]!.replace(/&amp;/g, '&').replace(/&#34;|&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'");
};

describe('PWA: manifest, service worker, offline copies, share, scanner (HTTP)', () => {
  it('serves an installable manifest per language, the worker at /sw.js for the whole site and a bilingual offline page', async () => {
    const { app } = await setup();
    const request = (await import('supertest')).default;
    for (const [lng, lang] of [['id', 'id-ID'], ['en', 'en-GB']] as const) {
      const res = await request(app).get(`/manifest.${lng}.webmanifest`).expect(200);
      expect(res.headers['content-type']).to.match(/application\/manifest\+json/);
      const m = JSON.parse(res.text);
      expect(m).to.include({ name: 'Takaru Skills', lang, display: 'standalone', scope: '/' });
      expect(m.icons.map((i: { sizes: string }) => i.sizes)).to.include.members(['192x192', '512x512']);
      for (const icon of m.icons) await request(app).get(icon.src).expect(200).expect('Content-Type', 'image/png');
    }
    const sw = await request(app).get('/sw.js').expect(200);
    expect(sw.headers['service-worker-allowed']).to.equal('/');
    expect(sw.headers['content-type']).to.match(/javascript/);
    expect(sw.text).to.include('X-Offline-Copy');
    const offline = await request(app).get('/offline').expect(200);
    expect(offline.text).to.include('Anda sedang luring').and.include('You are offline');
  });

  it('marks only a worker\'s own schedule, certificates and card for offline copies, with the time of the copy', async () => {
    const { worker, ins, own } = await setup();
    for (const path of ['/my/schedule', '/my/certificates', `/my/certificates/${own.id}/card`]) {
      const res = await worker.get(path).expect(200);
      expect(res.headers['x-offline-copy'], path).to.be.a('string').and.not.equal('');
      expect(res.headers['cache-control'], path).to.equal('no-store');
      expect(mainText(res.text), path).to.include('Terakhir diperbarui 2 Mar 2026, 07.50 WIB');
      expect(res.text, path).to.include('data-offline-banner hidden');
    }
    const insSchedule = await ins.get('/my/schedule').expect(200);
    expect(insSchedule.headers['x-offline-copy']).to.equal(undefined);
    expect(insSchedule.text).to.not.include('Terakhir diperbarui');
    // The layout (name, CSRF token) never reaches the offline page, even for a signed-in worker.
    const offline = await worker.get('/offline').expect(200);
    expect(offline.text).to.not.include('Siti Rahayu').and.not.include('_csrf');
    expect(offline.headers['x-offline-copy']).to.equal(undefined);
  });

  it('shows the card of one\'s own certificate only: name, scheme, status, QR and check code, no photo', async () => {
    const { worker, ins, own, other } = await setup();
    const res = await worker.get(`/my/certificates/${own.id}/card`).expect(200);
    const text = mainText(res.text);
    expect(text).to.include('Kartu sertifikat').and.include('Siti Rahayu').and.include('Las & &lt;Pipa&gt; "6G"').and.include(own.number).and.include('Berlaku');
    expect(res.text).to.match(/<dd class="cert-check-code">[0-9A-Z]{4}-[0-9A-Z]{4}<\/dd>/);
    expect(res.text).to.match(/<img src="data:image\/png;base64,/);
    expect((res.text.match(/<img /g) ?? []).length, 'the QR is the only image').to.equal(1);
    await worker.get(`/my/certificates/${other.id}/card`).expect(404);
    await worker.get('/my/certificates/not-an-id/card').expect(404);
    await ins.get(`/my/certificates/${own.id}/card`).expect(403);
  });

  it('shares the public verification link, escaped, by WhatsApp and a copy field without JavaScript', async () => {
    const { worker, own } = await setup();
    for (const path of [`/my/certificates/${own.id}/card`, '/my/certificates']) {
      const html = (await worker.get(path).expect(200)).text;
      expect(html, 'no raw markup from the scheme name').to.not.include('<Pipa>');
      const wa = attr(html, /<a class="button" href="(https:\/\/wa\.me\/\?text=[^"]+)"/);
      const shared = decodeURIComponent(wa.slice('https://wa.me/?text='.length));
      const verify = attr(html, /data-share-url="([^"]+)"/);
      expect(verify).to.match(new RegExp(`^${APP_URL}/verify/[A-Za-z0-9_-]{32}$`));
      expect(shared).to.equal(`Periksa sertifikat Las & <Pipa> "6G" saya di Takaru Skills: ${verify}`);
      expect(attr(html, /<input id="share-url-[^"]+" type="text" readonly value="([^"]+)"/)).to.equal(verify);
      expect(html).to.not.match(/wa\.me[^"]*(%2Fmy%2F|%2Fcertificates%2F)/);
    }
  });

  it('logging out tells the browser to clear the cache and storage (the offline copies)', async () => {
    const { worker } = await setup();
    const page = await worker.get('/my/schedule');
    const res = await worker.post('/logout').type('form').send(formBody({ _csrf: csrfFrom(page.text) })).expect(303);
    expect(res.headers['clear-site-data']).to.equal('"cache", "storage"');
  });

  it('offers "Absen sekarang" on a meeting whose check-in is open, opening the scanner with the typed code as fallback', async () => {
    const { worker, clock, app } = await setup();
    const schedule = (await worker.get('/my/schedule').expect(200)).text;
    expect((schedule.match(/data-checkin-now/g) ?? []).length, 'only today\'s open meeting').to.equal(1);
    expect(schedule).to.include('href="/checkin/scan" data-checkin-now>Absen sekarang</a>');
    clock.set(new Date(START.getTime() - 40 * MIN)); // before the window opens
    expect((await worker.get('/my/schedule').expect(200)).text).to.not.include('data-checkin-now');
    const scan = await worker.get('/checkin/scan').expect(200);
    expect(scan.text).to.include('<script src="/vendor/jsqr.js" defer></script>').and.include('data-scan-video');
    expect(scan.text).to.match(/<form method="post" action="\/checkin" class="att-checkin"/);
    const request = (await import('supertest')).default;
    const lib = await request(app).get('/vendor/jsqr.js').expect(200);
    expect(lib.headers['content-type']).to.match(/javascript/);
    expect(lib.text).to.include('jsQR');
    await request(app).get('/checkin/scan').expect(303);
  });
});
