import { expect } from 'chai';
import { normalizePhone } from '../../src/modules/accounts';
import { generateDemoWorkers } from '../../src/modules/workers';
import { normalizeNik } from '../../src/modules/workers/worker-rules';

const WORKSHOPS = ['Logam Jaya Takaru', 'Cor Logam Talang', 'Bina Karya Bubut', 'Mitra Las Kramat', 'Sinar Baja Tegal', 'Anugrah Plat Cempaka',
  'Presisi Teknik Pantura', 'Karya Mandiri Dampyak', 'Tegal Komponen Otomotif', 'Berkah Teknik Mandiri', 'Sumber Rejeki Logam',
  'Samudra Metal Industri', 'Putra Dampyak Engineering', 'Makmur Sentosa Besi'];

describe('demo workers generator', () => {
  it('gives the same workers for the same arguments, and others for another seed', () => {
    expect(generateDemoWorkers(WORKSHOPS, 160)).to.deep.equal(generateDemoWorkers(WORKSHOPS, 160));
    expect(generateDemoWorkers(WORKSHOPS, 160, 7)).not.to.deep.equal(generateDemoWorkers(WORKSHOPS, 160));
  });

  it('puts 3–15 workers in each workshop, with valid unique phones and NIKs', () => {
    const workers = generateDemoWorkers(WORKSHOPS, 160);
    expect(workers).to.have.length(160);
    for (const name of WORKSHOPS) expect(workers.filter((w) => w.workshop === name).length, name).to.be.within(3, 15);
    expect(new Set(workers.map((w) => w.phone)).size).to.equal(160);
    expect(workers.every((w) => normalizePhone(w.phone) === w.phone)).to.equal(true);
    const niks = workers.filter((w) => w.nik).map((w) => w.nik!);
    expect(niks.length).to.be.within(30, 100);
    expect(new Set(niks).size).to.equal(niks.length);
    expect(niks.every((n) => normalizeNik(n) === n)).to.equal(true);
    expect(workers.every((w) => w.trades.length >= 1 && w.position && w.joinedAt < '2026-01-01')).to.equal(true);
    expect(workers.filter((w) => w.workshop === 'Cor Logam Talang').some((w) => w.trades.includes('casting'))).to.equal(true);
  });

  it('scales to a benchmark size', () => {
    const workers = generateDemoWorkers(WORKSHOPS, 3000);
    expect(workers).to.have.length(3000);
    expect(new Set(workers.map((w) => w.phone)).size).to.equal(3000);
    expect(new Set(workers.filter((w) => w.nik).map((w) => w.nik)).size).to.equal(workers.filter((w) => w.nik).length);
  });
});
