import { expect } from 'chai';
import { groupItems, isLoopbackUrl, totalsOf } from '../../src/modules/reports';

type Item = Parameters<typeof groupItems>[0][number];
const item = (holderName: string, schemeName: string, kkniLevel: number, process: string | null, trade = 'welding'): Item => ({
  certificateId: '0'.repeat(24), holderName, number: `N-${holderName}-${schemeName}`, verifyCode: 'c', schemeName, schemeNameEn: '', kkniLevel, issuingBody: 'LSP', trade, process, issueDate: '2026-01-01', validUntil: null, status: 'valid',
});

describe('capability statement: totals per process and KKNI level', () => {
  it('counts distinct holders per process and level, processes before trades, lower levels first', () => {
    const groups = groupItems([
      item('Agus', 'SMAW 3G', 2, 'SMAW'),
      item('Agus', 'SMAW 2G', 2, 'SMAW'), // a second SMAW certificate at the same level: counted once
      item('Budi', 'SMAW 3G', 2, 'SMAW'),
      item('Cahyo', 'SMAW 6G', 3, 'SMAW'),
      item('Agus', 'GMAW', 3, 'GMAW'), // another process: counts there too
      item('Dedi', 'Bubut', 2, null, 'machining'),
    ], (c) => `https://x.test/verify/${c}`);
    expect(totalsOf(groups)).to.deep.equal([
      { process: 'GMAW', trade: 'welding', kkniLevel: 3, holders: 1 },
      { process: 'SMAW', trade: 'welding', kkniLevel: 2, holders: 2 },
      { process: 'SMAW', trade: 'welding', kkniLevel: 3, holders: 1 },
      { process: null, trade: 'machining', kkniLevel: 2, holders: 1 },
    ]);
    expect(groups[1]!.holders).to.equal(3);
  });

  it('knows a loopback APP_URL when it sees one', () => {
    for (const url of ['http://localhost:3000', 'http://LOCALHOST', 'http://app.localhost:8080', 'http://127.0.0.1:3000', 'http://127.8.9.10', 'http://[::1]:3000', 'http://0.0.0.0:3000', 'not a url']) expect(isLoopbackUrl(url), url).to.equal(true);
    for (const url of ['https://skills.takaru.id', 'http://skills.takaru.test', 'http://10.0.0.5:3000', 'https://localhost.example.com']) expect(isLoopbackUrl(url), url).to.equal(false);
  });
});
