import { expect } from 'chai';
import type { Types } from 'mongoose';
import { Worker } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { signIn } from '../support/http';
import { createProfile, createUnit } from '../support/competencies-factories';
import { commandsDuring, documentsRead } from '../support/db-commands';

const POSITION = 'Juru las SMAW 3G';
const rowNames = (html: string) => [...html.matchAll(/<span class="mx-name">([\s\S]*?)<\/span>/g)].map((m) => m[1]!);

/** `n` active welders of `workshop`, written in one go (as an import or the generator would). */
async function manyWorkers(n: number, workshop: Types.ObjectId, prefix: string) {
  const docs = Array.from({ length: n }, (_, i) => ({ name: `${prefix} ${String(i + 1).padStart(4, '0')}`, workshop, trades: ['welding'], position: POSITION, active: true }));
  for (let i = 0; i < docs.length; i += 1000) await Worker.insertMany(docs.slice(i, i + 1000));
}

describe('competencies: the skills matrix reads a bounded number of documents', () => {
  it('reads as many documents per page whether another workshop holds 30 or 1,500 workers, for a manager and a coordinator', async function () {
    this.timeout(180_000);
    const ctx = buildApp();
    const unit = await createUnit({ code: 'C.24LAS01.029.1', title: { id: 'Sambungan Las Kampuh', en: 'Groove welds' } });
    await createProfile({ position: POSITION, requirements: [{ unit: unit._id, level: 2 }] });
    const mine = await createWorkshop({ name: 'Logam Jaya' });
    const other = await createWorkshop({ name: 'Sinar Baja' });
    await manyWorkers(30, mine._id, 'Pekerja');
    await manyWorkers(30, other._id, 'Karyawan');
    await createUser({ email: 'manajer@mxr.test', roles: ['manager'], workshop: mine._id });
    await createUser({ email: 'koor@mxr.test', roles: ['coordinator'] });
    const manager = await signIn(ctx.app, 'manajer@mxr.test', PASSWORD);
    const coordinator = await signIn(ctx.app, 'koor@mxr.test', PASSWORD);
    const pages = { manager: () => manager.get('/competencies/matrix').expect(200), coordinator: () => coordinator.get('/competencies/matrix').expect(200) };

    const measure = async () => {
      const out: Record<string, { total: number; scans: string[]; rows: string[] }> = {};
      for (const [who, get] of Object.entries(pages)) {
        const warm = await get(); // the first view builds what the page reads (read models, process caches)
        // Documents read, as the load bench counts them: a point read by `_id` one, any other read the whole collection.
        const { docs: total, scanned: scans } = await documentsRead(await commandsDuring(get));
        out[who] = { total, scans, rows: rowNames(warm.text) };
      }
      return out;
    };

    const few = await measure();
    expect(few.manager!.rows).to.have.length(30);
    await manyWorkers(1470, other._id, 'Karyawan Baru');
    const many = await measure();

    for (const who of Object.keys(pages)) {
      // Never a query on workers: FerretDB would decode every worker for it.
      expect(many[who]!.scans, `${who}: scans`).to.not.include('workers');
      expect(many[who]!.total, `${who}: documents read with 1,500 workers elsewhere`).to.equal(few[who]!.total);
    }
    // The same page: the manager sees their 30 workers, the coordinator the first 50 by name.
    expect(many.manager!.rows).to.deep.equal(few.manager!.rows);
    expect(many.coordinator!.rows).to.have.length(50);
    expect(many.manager!.total).to.be.below(120);
  });
});
