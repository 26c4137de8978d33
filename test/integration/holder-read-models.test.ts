import { expect } from 'chai';
import { Types } from 'mongoose';
import { Certificate, rebuildCertificateReadModels, workerCertificates } from '../../src/modules/certificates';
import { ContinuityEntry, newSubmissionToken, rebuildContinuityReadModels, workerContinuity } from '../../src/modules/continuity';
import { ReadModelDoc } from '../../src/platform/db/read-model';
import { ManualClock } from '../../src/platform/clock';
import type { Actor } from '../../src/platform/actor';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop } from '../support/factories';
import { createWorker } from '../support/people-factories';
import { createCertificate } from '../support/certificates-factories';
import { logUse } from '../support/continuity-factories';

const NOW = new Date('2026-07-01T03:00:00Z');

/** A certificate's identity and the facts that change after it is issued. */
const facts = (c: { _id: unknown; revokedAt?: Date | null; renewedBy?: unknown }) =>
  `${String(c._id)} revoked:${c.revokedAt ? new Date(c.revokedAt).toISOString() : '-'} renewedBy:${c.renewedBy ? String(c.renewedBy) : '-'}`;

/** What the source says, by fresh queries (independent of the read models' own builds). */
async function source(worker: string) {
  const certs = (await Certificate.find({ worker }).lean()).map(facts);
  const log = await ContinuityEntry.find({ worker }, { process: 1, date: 1, kind: 1 }).lean();
  return {
    certificates: certs.sort(),
    entries: log.map((e) => `${e.process} ${e.date.toISOString()} ${e.kind}`).sort(),
  };
}

async function stored(worker: string) {
  const [c, l] = await Promise.all([ReadModelDoc.findById(`worker-certificates:${worker}`).lean(), ReadModelDoc.findById(`worker-continuity:${worker}`).lean()]);
  const certs = (c?.data as { certificates?: { _id: unknown; revokedAt?: Date; renewedBy?: unknown }[] } | undefined)?.certificates?.map(facts);
  const entries = (l?.data as { entries?: { process: string; date: string | Date; kind: string }[] } | undefined)?.entries;
  return {
    certificates: certs ? [...certs].sort() : null,
    entries: entries ? entries.map((e) => `${e.process} ${new Date(e.date).toISOString()} ${e.kind}`).sort() : null,
  };
}

/**
 * A holder's `worker-certificates` and `worker-continuity` documents, as **stored** (read before
 * each write, as the worker's pages do, so a writer that forgets its hook leaves one stale), equal
 * fresh queries of certificates and the continuity log after every kind of write: a certificate
 * issued, renewed or revoked, a use logged (service and factory), a workshop's six-monthly confirmation, and a bulk
 * write followed by the rebuild. The worker's own certificates page lists exactly the source's.
 */
describe('holder read models (certificates, continuity log) match the source after every kind of write', () => {
  it('issue, log a use, confirm a workshop, bulk write + rebuild', async () => {
    const { services, clock } = buildApp({ clock: new ManualClock(NOW) });
    const shop = await createWorkshop({ name: 'Logam Jaya' });
    const koor = await createUser({ roles: ['coordinator'] });
    const actor: Actor = { id: koor.id, roles: ['coordinator'] };
    const login = await createUser({ email: 'ani@holder.test', roles: ['worker'] });
    const ani = await createWorker(shop._id, { name: 'Ani', user: login._id });
    const budi = await createWorker(shop._id, { name: 'Budi' });
    const ids = [ani.id, budi.id];
    const viewed = () => Promise.all([workerCertificates.getMany(ids), workerContinuity.getMany(ids)]);
    const expectInSync = async (label: string) => {
      for (const w of ids) expect(await stored(w), `${label}: ${w}`).to.deep.equal(await source(w));
    };
    const step = async (label: string, write: () => Promise<unknown>) => {
      await viewed();
      await write();
      await expectInSync(label);
    };

    await step('issue', () => createCertificate(clock, { worker: ani, issueDate: '2026-01-10', validity: { kind: 'continuity', process: 'SMAW' } }));
    const second = await createCertificate(clock, { worker: ani, issueDate: '2026-02-05' });
    await step('renew', () => services.certificates.issue.renew(actor, second.id, { issueDate: '2026-06-01' }));
    await step('revoke', () => services.certificates.issue.revoke(actor, second.id, 'Uji ulang tidak sah', 'other'));
    await step('log a use (service)', () =>
      services.continuity.log.logEntry(actor, ani.id, { process: 'SMAW', date: '2026-05-02', kind: 'use', evidence: 'JO-17', supervisor: 'Pak Harto' }),
    );
    await step('log a use (factory)', () => logUse(budi._id, 'GMAW', '2026-04-01'));
    await step('confirm a workshop', () =>
      services.continuity.confirmations.confirmWorkshop(actor, shop.id, {
        date: '2026-06-30', evidence: 'Rekap Jan–Jun 2026', supervisor: 'Pak Harto', submission: newSubmissionToken(),
        selections: [{ workerId: ani.id, processes: ['SMAW', 'GMAW'] }, { workerId: budi.id, processes: ['SMAW'] }],
      }),
    );

    // The worker's own list: the source's certificates, newest first.
    const mine = await services.certificates.certificates.myCertificates({ id: login.id, roles: ['worker'] });
    const inSource = await Certificate.find({ worker: ani._id }).sort({ issueDate: -1, _id: -1 }).lean();
    expect(mine.map((r) => r.number)).to.deep.equal(inSource.map((c) => c.number));

    // A bulk write that bypasses the hooks (as scripts/generate.ts does), then the rebuild.
    await viewed();
    const [cert] = await Certificate.find({ worker: ani._id }).lean();
    await Certificate.collection.insertOne({ ...cert!, _id: new Types.ObjectId(), number: `${cert!.number}-B`, verifyCode: `${cert!.verifyCode}B`, worker: budi._id } as never);
    await ContinuityEntry.collection.insertOne({ worker: budi._id, process: 'SMAW', date: new Date('2026-06-15T17:00:00Z'), kind: 'use', evidence: 'bulk' } as never);
    expect(await stored(budi.id), 'stale before the rebuild').to.not.deep.equal(await source(budi.id));
    await Promise.all([rebuildCertificateReadModels(), rebuildContinuityReadModels()]);
    await expectInSync('bulk write + rebuild');
  });
});
