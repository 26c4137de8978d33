import { expect } from 'chai';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Worker, WorkerImport } from '../../src/modules/workers';
import { buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { csrfFrom, mainText as pageText, signIn, submitForm, type Agent } from '../support/http';
import { createWorker, csvFile, EN_HEADERS, ID_HEADERS, importIdFrom, uploadImport, xlsxFile } from '../support/people-factories';

const NIK = '3328071203950042';
/** The page text with EJS's escaped double quotes read back. */
const mainText = (html: string) => pageText(html).replace(/&#34;/g, '"');

async function coordinator() {
  const ctx = buildApp();
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const workshop = await createWorkshop({ name: 'Logam Jaya Takaru', legalForm: 'CV' });
  const agent = await signIn(ctx.app, 'koor@t.test', PASSWORD);
  return { ...ctx, workshop, agent };
}

async function upload(agent: Agent, file: Buffer, name = 'pekerja.csv') {
  const res = await uploadImport(agent, file, name);
  expect(res.status, mainText(res.text)).to.equal(303);
  return importIdFrom(res.headers.location);
}

const confirm = (agent: Agent, id: string, mode: string) => submitForm(agent, `/workers/import/${id}`, `/workers/import/${id}/confirm`, { mode });

describe('workers import: upload, preview, confirm', () => {
  it('previews a CSV without writing, then creates the workers when confirmed', async () => {
    const { agent } = await coordinator();
    const id = await upload(agent, csvFile([
      ID_HEADERS,
      ['Slamet Riyadi', '0812-2600-1001', '', 'CV. Logam Jaya Takaru', 'Las, Kendali mutu', 'Juru las SMAW 3G', '15/03/2021', NIK],
      ['Siti Aminah', '+62 812 2600 1002', 'siti@t.test', 'logam jaya takaru', 'Perakitan', 'Perakit', '2022-01-10', ''],
    ]));
    expect(await Worker.countDocuments()).to.equal(0);
    const preview = mainText((await agent.get(`/workers/import/${id}`).expect(200)).text);
    expect(preview).to.include('Slamet Riyadi').and.include('Siti Aminah').and.include('Ditambahkan').and.include('Belum ada yang disimpan');
    const res = await confirm(agent, id, 'all');
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.equal('/workers');
    expect(mainText((await agent.get('/workers').expect(200)).text)).to.include('Impor selesai: 2 pekerja baru, 0 diperbarui, 0 dilewati.');
    const slamet = await Worker.findOne({ phone: '+6281226001001' }).lean();
    expect(slamet).to.include({ name: 'Slamet Riyadi', nik: NIK, position: 'Juru las SMAW 3G' });
    expect(slamet!.trades).to.deep.equal(['welding', 'qc']);
    expect(slamet!.joinedAt!.toISOString()).to.equal('2021-03-14T17:00:00.000Z');
    expect((await Worker.findOne({ phone: '+6281226001002' }).lean())!.email).to.equal('siti@t.test');
    const again = await confirm(agent, id, 'all');
    expect(again.status).to.equal(422);
    expect(mainText(again.text)).to.include('Impor ini sudah disimpan sebelumnya.');
    expect(await Worker.countDocuments()).to.equal(2);
  });

  it('lists each bad row with its line, field and message; "all" is refused, "valid" writes only the good rows', async () => {
    const { agent } = await coordinator();
    const id = await upload(agent, csvFile([
      ID_HEADERS,
      ['Baik Satu', '081226002001', '', 'Logam Jaya Takaru', 'Pengelasan', '', '', ''],
      ['', '12', 'bukan-email', 'Bengkel Hantu', 'Sulap', '', '31/02/2024', '123'],
      ['Baik Dua', '081226002003', '', 'Logam Jaya Takaru', '', '', '01/01/2099', ''],
      ['Kembar', '0812-2600-2001', '', 'Logam Jaya Takaru', '', '', '', ''],
    ], ';'));
    const text = mainText((await agent.get(`/workers/import/${id}?show=problems`).expect(200)).text);
    expect(text).to.include('Baris 3, Nama: wajib diisi.');
    expect(text).to.include('Baris 3, No. HP: nomor HP tidak valid.');
    expect(text).to.include('Baris 3, Email: alamat email tidak valid.');
    expect(text).to.include('Baris 3, Bengkel: bengkel "Bengkel Hantu" tidak ditemukan.');
    expect(text).to.include('Baris 3, Bidang: bidang "Sulap" tidak dikenali.');
    expect(text).to.include('Baris 3, Tanggal masuk: tanggal tidak valid');
    expect(text).to.include('Baris 3, NIK: NIK harus 16 angka.');
    expect(text).to.include('Baris 4, Tanggal masuk: tanggal masuk setelah hari ini.');
    expect(text).to.include('Baris 5, No. HP: sama dengan baris 2 di file ini.');
    expect(text).not.to.include('Baik Satu');

    const none = await confirm(agent, id, '');
    expect(none.status).to.equal(422);
    expect(mainText(none.text)).to.include('Pilih: simpan semua baris atau baris yang valid saja.');
    const all = await confirm(agent, id, 'all');
    expect(all.status).to.equal(422);
    expect(mainText(all.text)).to.include('Seluruh file tidak dapat disimpan karena ada baris yang bermasalah.');
    expect(await Worker.countDocuments()).to.equal(0);

    expect((await confirm(agent, id, 'valid')).status).to.equal(303);
    expect((await Worker.find().lean()).map((w) => w.name)).to.deep.equal(['Baik Satu']);
    const done = await WorkerImport.findById(id).lean();
    expect(done!.result).to.deep.equal({ created: 1, updated: 0, skipped: 3 });
  });

  it('updates workers matched by phone or NIK instead of adding them again, and says so before', async () => {
    const { agent, workshop } = await coordinator();
    const byPhone = await createWorker(workshop._id, { name: 'Nama Lama', phone: '+6281226003001', position: 'Helper las' });
    const byNik = await createWorker(workshop._id, { name: 'Ganti Nomor', phone: '+6281226003002', nik: NIK });
    const id = await upload(agent, csvFile([
      ['Name', 'Phone', 'Workshop', 'Position', 'NIK', 'Catatan'],
      ['Nama Baru', '081226003001', 'CV Logam Jaya Takaru', 'Juru las GMAW', '', 'diabaikan'],
      ['Ganti Nomor', '081226003999', 'Logam Jaya Takaru', '', NIK, ''],
      ['Orang Baru', '081226003003', 'Logam Jaya Takaru', '', '', ''],
    ]));
    const preview = mainText((await agent.get(`/workers/import/${id}`).expect(200)).text);
    expect(preview.match(/Memperbarui data yang ada/g)).to.have.length(2);
    expect(preview.match(/Ditambahkan/g)).to.have.length(1);
    expect(await Worker.countDocuments()).to.equal(2);
    expect((await confirm(agent, id, 'all')).status).to.equal(303);
    expect(await Worker.countDocuments()).to.equal(3);
    expect(await Worker.findById(byPhone.id).lean()).to.include({ name: 'Nama Baru', position: 'Juru las GMAW' });
    expect(await Worker.findById(byNik.id).lean()).to.include({ phone: '+6281226003999', nik: NIK });
  });

  it('refuses a row whose phone and NIK belong to two different workers', async () => {
    const { agent, workshop } = await coordinator();
    await createWorker(workshop._id, { phone: '+6281226004001' });
    await createWorker(workshop._id, { phone: '+6281226004002', nik: NIK });
    const id = await upload(agent, csvFile([ID_HEADERS, ['Bingung', '081226004001', '', 'Logam Jaya Takaru', '', '', '', NIK]]));
    const text = mainText((await agent.get(`/workers/import/${id}`).expect(200)).text);
    expect(text).to.include('Baris 2, NIK: nomor HP dan NIK ini tercatat untuk dua pekerja yang berbeda.');
  });

  it('flags formula-looking cells (CSV text and real XLSX formulas) and never writes them', async () => {
    const { agent } = await coordinator();
    const csv = await upload(agent, csvFile([
      ID_HEADERS,
      ['=HYPERLINK("http://evil.test","klik")', '081226005001', '', 'Logam Jaya Takaru', '', '', '', ''],
      ['Aman', '+62 812-2600-5002', '', 'Logam Jaya Takaru', '', '@SUM(A1:A9)', '', ''],
      ['Minus', '081226005003', '-2+3', 'Logam Jaya Takaru', '', '-', '', ''],
    ]));
    const text = mainText((await agent.get(`/workers/import/${csv}`).expect(200)).text);
    expect(text).to.include('Baris 2, Nama: berisi rumus');
    expect(text).to.include('Baris 3, Jabatan: berisi rumus');
    expect(text).to.include('Baris 4, Email: berisi rumus');
    expect(text).not.to.include('Baris 3, No. HP');
    expect(text).not.to.include('Baris 4, Jabatan');

    const xlsx = await upload(agent, await xlsxFile([
      EN_HEADERS,
      ['Rumus', '081226005004', '', 'Logam Jaya Takaru', '', { formula: 'CONCAT("Op","erator")', result: 'Operator' }, '', ''],
    ]), 'pekerja.xlsx');
    const en = mainText((await agent.get(`/workers/import/${xlsx}?lng=en`).expect(200)).text);
    expect(en).to.include('Row 2, Position: contains a formula');
    expect((await confirm(agent, xlsx, 'valid')).status).to.equal(422);
    expect(await Worker.countDocuments()).to.equal(0);
  });

  it('reads an XLSX with English headers, date cells and flags a NIK stored as a number', async () => {
    const { agent } = await coordinator();
    const id = await upload(agent, await xlsxFile([
      ['Nama', 'No. HP', 'Bengkel', 'Tanggal masuk', 'Keahlian', 'NIK'],
      ['Eko Prasetyo', '081226006001', 'Logam Jaya Takaru', new Date(Date.UTC(2020, 4, 2)), 'Machining, Welding', '3328071203950099'],
      ['Angka', '081226006002', 'Logam Jaya Takaru', '', '', 3328071203950100],
    ]), 'data.xlsx');
    const text = mainText((await agent.get(`/workers/import/${id}`).expect(200)).text);
    expect(text).to.include('Baris 3, NIK: NIK tersimpan sebagai angka');
    expect((await confirm(agent, id, 'valid')).status).to.equal(303);
    const eko = await Worker.findOne({ phone: '+6281226006001' }).lean();
    expect(eko!.trades).to.deep.equal(['machining', 'welding']);
    expect(eko!.joinedAt!.toISOString()).to.equal('2020-05-01T17:00:00.000Z');
  });

  it('keeps an import to the coordinator who uploaded it', async () => {
    const { app, agent } = await coordinator();
    const id = await upload(agent, csvFile([ID_HEADERS, ['A', '081226007001', '', 'Logam Jaya Takaru', '', '', '', '']]));
    await createUser({ email: 'koor2@t.test', roles: ['coordinator'] });
    const other = await signIn(app, 'koor2@t.test', PASSWORD);
    await other.get(`/workers/import/${id}`).expect(404);
    const token = csrfFrom((await other.get('/workers/import').expect(200)).text);
    expect((await other.post(`/workers/import/${id}/confirm`).type('form').send({ _csrf: token, mode: 'all' })).status).to.equal(404);
    expect(await Worker.countDocuments()).to.equal(0);
  });
});

describe('workers import: files that cannot be imported', () => {
  const refused = async (agent: Agent, file: Buffer, name: string, status = 422) => {
    const res = await uploadImport(agent, file, name);
    expect(res.status, mainText(res.text)).to.equal(status);
    return mainText(res.text);
  };

  it('checks the type by content, not by name', async () => {
    const { agent } = await coordinator();
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(await refused(agent, png, 'pekerja.csv')).to.include('Jenis file salah');
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)]);
    expect(await refused(agent, ole, 'pekerja.xlsx')).to.include('file Excel lama (.xls)');
    expect(await refused(agent, Buffer.from('PK\x03\x04 bukan zip sungguhan', 'latin1'), 'pekerja.xlsx')).to.include('File tidak dapat dibaca');
    expect(await refused(agent, Buffer.from('Nama;No. HP;Bengkel\nJos\xe9;0812;X\n', 'latin1'), 'pekerja.csv')).to.include('tidak memakai UTF-8');
    expect(await refused(agent, csvFile([['Nama', 'Email'], ['A', 'a@t.test']]), 'pekerja.csv')).to.include('Kolom wajib tidak ditemukan: No. HP, Bengkel.');
    expect(await refused(agent, csvFile([ID_HEADERS]), 'kosong.csv')).to.include('tidak ada data pekerja');
    // A real spreadsheet saved under a .csv name is still read as what it is.
    const xlsx = await xlsxFile([ID_HEADERS, ['Nama Asli', '081226008001', '', 'Logam Jaya Takaru', '', '', '', '']]);
    expect(importIdFrom((await uploadImport(agent, xlsx, 'ternyata.csv')).headers.location)).to.match(/^[a-f0-9]{24}$/);
    expect(await WorkerImport.countDocuments()).to.equal(1);
  });

  it('refuses files over 5 MB with a clear message (413, never a 500)', async () => {
    const { agent } = await coordinator();
    const big = Buffer.alloc(5 * 1024 * 1024 + 10, 'a');
    const text = await refused(agent, big, 'besar.csv', 413);
    expect(text).to.include('File lebih dari 5 MB.');
    expect(await WorkerImport.countDocuments()).to.equal(0);
  });

  it('asks for a file when none is chosen, in the page language', async () => {
    const { agent } = await coordinator();
    const token = csrfFrom((await agent.get('/workers/import?lng=en').expect(200)).text);
    const res = await agent.post('/workers/import').field('_csrf', token);
    expect(res.status).to.equal(422);
    expect(mainText(res.text)).to.include('Choose a file to upload.');
  });

  it('needs the CSRF token in the multipart form', async () => {
    const { agent } = await coordinator();
    const res = await agent.post('/workers/import').attach('file', csvFile([ID_HEADERS]), 'x.csv');
    expect(res.status).to.equal(403);
    const forged = await agent.post('/workers/import').field('_csrf', 'forged').attach('file', csvFile([ID_HEADERS]), 'x.csv');
    expect(forged.status).to.equal(403);
    expect(await WorkerImport.countDocuments()).to.equal(0);
  });

  it('is closed to managers and workers', async () => {
    const { app } = await coordinator();
    await createUser({ email: 'man@t.test', roles: ['manager'] });
    const man = await signIn(app, 'man@t.test', PASSWORD);
    await man.get('/workers/import').expect(403);
    const token = csrfFrom((await man.get('/account/password').expect(200)).text);
    const res = await man.post('/workers/import').field('_csrf', token).attach('file', csvFile([ID_HEADERS]), 'x.csv');
    expect(res.status).to.equal(403);
    await request(app).get('/workers/import/template.csv').expect(303);
  });
});

describe('workers import: templates', () => {
  it('offers CSV and XLSX templates with headers in either language', async () => {
    const { agent } = await coordinator();
    const csvId = await agent.get('/workers/import/template.csv').expect(200);
    expect(csvId.headers['content-disposition']).to.include('templat-impor-pekerja.csv');
    expect(csvId.text.replace(/^\uFEFF/, '').trim()).to.equal(ID_HEADERS.join(','));
    const csvEn = await agent.get('/workers/import/template.csv?lng=en').expect(200);
    expect(csvEn.text.replace(/^\uFEFF/, '').trim()).to.equal(EN_HEADERS.join(','));
    for (const [language, headers, sheetName] of [['id', ID_HEADERS, 'Pekerja'], ['en', EN_HEADERS, 'Workers']] as const) {
      const res = await agent.get(`/workers/import/template.xlsx?language=${language}`).buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as ExcelJS.Buffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.name).to.equal(sheetName);
      expect((sheet.getRow(1).values as unknown[]).slice(1)).to.deep.equal([...headers]);
      expect(sheet.getColumn(2).numFmt).to.equal('@');
      expect(JSON.stringify(workbook.worksheets[1]!.getSheetValues())).to.include('CV. Logam Jaya Takaru');
    }
    // The template, filled in, imports as it is (the page is in English since ?lng=en above).
    const id = await upload(agent, csvFile([EN_HEADERS, ['Filled', '081226009001', '', 'Logam Jaya Takaru', 'Safety', '', '', '']]));
    expect(mainText((await agent.get(`/workers/import/${id}`).expect(200)).text)).to.include('Will be added').and.include('0 rows with problems');
  });
});
