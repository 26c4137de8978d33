import { createPublicKey, verify as verifySignature, type JsonWebKey } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import type { Express } from 'express';
import { Types } from 'mongoose';
import request from 'supertest';
import { ManualClock } from '../../src/platform/clock';
import { wibToUtc } from '../../src/platform/time';
import { SigningKey } from '../../src/modules/certificates/signing-key';
import { STATUS_LIST_BITS, StatusListSlot, statusEntryOf } from '../../src/modules/certificates/status-list';
import { APP_URL, buildApp } from '../support/harness';
import { createUser, createWorkshop, PASSWORD } from '../support/factories';
import { signIn, submitForm } from '../support/http';
import { createWorker } from '../support/people-factories';
import { createCertificate, createScheme } from '../support/certificates-factories';

const NOW = wibToUtc('2026-06-15', '10:00')!;
const CODE = 'CREDcredCREDcredCREDcredCREDcred';
const DID = 'did:web:skills.takaru.test';

// `any`: decoded JWT claims are untyped JSON, walked freely by the checks below.
type Json = Record<string, any>;

const b64 = (s: string) => Buffer.from(s, 'base64url');
const path = (url: string) => (url.startsWith(APP_URL) ? url.slice(APP_URL.length) : url);

/**
 * A verifier that shares no code with the app and not its JOSE library: Node's own Ed25519 check of
 * a compact JWS against the key the issuer publishes at /.well-known/jwks.json.
 */
async function verifyJwt(app: Express, jwt: string): Promise<{ header: Json; payload: Json }> {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const header = JSON.parse(b64(h).toString()) as Json;
  const keys = ((await request(app).get('/.well-known/jwks.json').expect(200)).body as { keys: (JsonWebKey & { kid: string })[] }).keys;
  const jwk = keys.find((k) => k.kid === header.kid);
  if (!jwk || header.alg !== 'EdDSA') throw new Error('unknown key');
  const key = createPublicKey({ key: { kty: jwk.kty!, crv: jwk.crv!, x: jwk.x! }, format: 'jwk' });
  if (!verifySignature(null, Buffer.from(`${h}.${p}`), key, b64(s))) throw new Error('bad signature');
  return { header, payload: JSON.parse(b64(p).toString()) as Json };
}

/** What a buyer's system does with a credential: signature, validity dates, the revocation bit. */
async function check(app: Express, jwt: string, at: Date): Promise<'valid' | 'revoked' | 'not yet valid' | 'expired'> {
  const { payload: vc } = await verifyJwt(app, jwt);
  if (new Date(vc.validFrom) > at) return 'not yet valid';
  if (vc.validUntil && new Date(vc.validUntil) <= at) return 'expired';
  const entry = vc.credentialStatus as Json;
  expect(entry.type).to.equal('BitstringStatusListEntry');
  const res = await request(app).get(path(entry.statusListCredential)).expect(200);
  const { payload: list } = await verifyJwt(app, res.text);
  expect(list.issuer).to.equal(vc.issuer.id);
  expect(list.credentialSubject.statusPurpose).to.equal(entry.statusPurpose);
  const bits = gunzipSync(b64(String(list.credentialSubject.encodedList).replace(/^u/, '')));
  const index = Number(entry.statusListIndex);
  return (bits[index >> 3]! >> (7 - (index % 8))) & 1 ? 'revoked' : 'valid';
}

async function setup() {
  const clock = new ManualClock(NOW);
  const ctx = buildApp({ clock });
  await createUser({ email: 'koor@t.test', roles: ['coordinator'] });
  const workshop = await createWorkshop({ name: 'Logam Rahasia Takaru' });
  const user = await createUser({ email: 'slamet@t.test', roles: ['worker'], workshop: workshop._id });
  const worker = await createWorker(workshop._id, { name: 'Slamet Riyadi', user: user._id, phone: '+6281299887766', email: 'slamet@pribadi.test', nik: '3328071203950042' });
  const scheme = await createScheme({ name: 'Juru Las SMAW 3G' });
  const cert = await createCertificate(clock, { worker, scheme, issueDate: '2025-02-01', verifyCode: CODE });
  return { ...ctx, clock, workshop, worker, cert };
}

describe('certificates: verifiable credentials (Open Badges 3.0, VC-JOSE, Bitstring Status List)', () => {
  it('gives the holder a signed credential an independent verifier accepts, with the certificate\'s claims', async () => {
    const { app, cert } = await setup();
    const holder = await signIn(app, 'slamet@t.test', PASSWORD);
    expect((await holder.get('/my/certificates').expect(200)).text).to.include(`/certificates/${cert.id}/credential`);
    const res = await holder.get(`/certificates/${cert.id}/credential`).expect(200);
    expect(res.headers['content-type']).to.match(/^application\/vc\+jwt/);
    expect(res.headers['content-disposition']).to.include('attachment').and.include('.jwt');
    const { header, payload: vc } = await verifyJwt(app, res.text);
    expect(header).to.include({ alg: 'EdDSA', typ: 'vc+jwt' });
    expect(vc['@context']).to.include('https://www.w3.org/ns/credentials/v2');
    expect(vc.type).to.deep.equal(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer.id).to.equal(DID);
    expect(vc.iss).to.equal(DID);
    expect(vc.id).to.equal(`${APP_URL}/verify/${CODE}`);
    expect(vc.credentialSubject.name).to.equal('Slamet Riyadi');
    expect(vc.credentialSubject.licenseNumber).to.equal(cert.number);
    expect(vc.credentialSubject.achievement.name).to.equal('Juru Las SMAW 3G');
    expect(vc.validFrom).to.equal('2025-01-31T17:00:00.000Z'); // 1 Feb 2025, 00:00 WIB
    expect(vc.validUntil).to.equal('2028-02-01T17:00:00.000Z'); // ends 2 Feb 2028, 00:00 WIB: valid through 1 Feb 2028
    expect(vc.credentialStatus).to.include({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListCredential: `${APP_URL}/credentials/status/1` });
    for (const secret of ['81299887766', '3328071203950042', 'slamet@pribadi.test', 'Logam Rahasia']) expect(JSON.stringify(vc)).to.not.include(secret);
    expect(await check(app, res.text, NOW)).to.equal('valid');
    expect(await check(app, res.text, wibToUtc('2028-02-02', '00:00')!)).to.equal('expired');
  });

  it('publishes the revocation: the certificate\'s bit turns 1 in the signed status list', async () => {
    const { app, cert } = await setup();
    const coordinator = await signIn(app, 'koor@t.test', PASSWORD);
    expect((await coordinator.get(`/certificates/${cert.id}`).expect(200)).text).to.include(`/certificates/${cert.id}/credential`);
    const jwt = (await coordinator.get(`/certificates/${cert.id}/credential`).expect(200)).text;
    const list = await request(app).get('/credentials/status/1').expect(200);
    expect(list.headers['content-type']).to.match(/^application\/vc\+jwt/);
    expect(list.headers['cache-control']).to.equal('public, max-age=300');
    const { payload } = await verifyJwt(app, list.text);
    expect(payload.type).to.deep.equal(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(gunzipSync(b64(payload.credentialSubject.encodedList.slice(1))).length * 8).to.equal(STATUS_LIST_BITS);
    expect(await check(app, jwt, NOW)).to.equal('valid');

    const revoked = await submitForm(coordinator, `/certificates/${cert.id}`, `/certificates/${cert.id}/revoke`, { category: 'fraud', reason: 'Dokumen palsu' });
    expect(revoked.status).to.equal(303);
    expect(await check(app, jwt, NOW)).to.equal('revoked');
    // Another process (its own cache) sees it too.
    expect(await check(buildApp({ clock: new ManualClock(NOW) }).app, jwt, NOW)).to.equal('revoked');
  });

  it('fails the signature when a claim is changed', async () => {
    const { app, cert } = await setup();
    const holder = await signIn(app, 'slamet@t.test', PASSWORD);
    const [h, p, s] = (await holder.get(`/certificates/${cert.id}/credential`).expect(200)).text.split('.') as [string, string, string];
    const claims = JSON.parse(b64(p).toString()) as Json;
    for (const tamper of [(c: Json) => (c.credentialSubject.name = 'Budi Santoso'), (c: Json) => (c.validUntil = '2099-01-01T00:00:00.000Z'), (c: Json) => (c.credentialStatus.statusListIndex = '0')]) {
      const changed = structuredClone(claims);
      tamper(changed);
      const forged = `${h}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${s}`;
      let error = '';
      await verifyJwt(app, forged).catch((e: Error) => (error = e.message));
      expect(error).to.equal('bad signature');
    }
  });

  it('offers the same credential publicly from the verification page, and nobody else\'s', async () => {
    const { app, cert, workshop } = await setup();
    expect((await request(app).get(`/verify/${CODE}`).expect(200)).text).to.include(`/verify/${CODE}/credential`);
    const pub = await request(app).get(`/verify/${CODE}/credential`).expect(200);
    const { payload } = await verifyJwt(app, pub.text);
    expect(payload.credentialSubject.name).to.equal('Slamet Riyadi');
    expect(pub.headers['cache-control']).to.equal('private, no-store');
    await request(app).get('/verify/UNKNOWNunknownUNKNOWNunknown0000/credential').expect(404);

    await createUser({ email: 'other@t.test', roles: ['worker'], workshop: workshop._id });
    await (await signIn(app, 'other@t.test', PASSWORD)).get(`/certificates/${cert.id}/credential`).expect(404);
    const otherShop = await createWorkshop();
    await createUser({ email: 'mgr@t.test', roles: ['manager'], workshop: otherShop._id });
    await (await signIn(app, 'mgr@t.test', PASSWORD)).get(`/certificates/${cert.id}/credential`).expect(404);
    await createUser({ email: 'mgr2@t.test', roles: ['manager'], workshop: workshop._id });
    await (await signIn(app, 'mgr2@t.test', PASSWORD)).get(`/certificates/${cert.id}/credential`).expect(200);
    expect((await request(app).get(`/certificates/${cert.id}/credential`).expect(303)).headers.location).to.match(/^\/login/);
    await request(app).get('/credentials/status/2').expect(404);
    await request(app).get('/credentials/status/abc').expect(404);
  });

  it('publishes the key as a JWK Set and a did:web document; processes starting together make one key', async () => {
    const { app } = await setup();
    const other = buildApp({ clock: new ManualClock(NOW) }).app;
    const [a, b] = await Promise.all([request(app).get('/.well-known/jwks.json').expect(200), request(other).get('/.well-known/jwks.json').expect(200)]);
    expect(a.body).to.deep.equal(b.body);
    expect(await SigningKey.countDocuments()).to.equal(1);
    expect(JSON.stringify(a.body)).to.not.include('"d"');
    const did = await request(app).get('/.well-known/did.json').expect(200);
    expect(did.body.id).to.equal(DID);
    expect(did.body.assertionMethod).to.deep.equal([a.body.keys[0].kid]);
    expect(did.body.verificationMethod[0].publicKeyJwk.x).to.equal(a.body.keys[0].x);
  });

  it('gives certificates whose credentials are first fetched in parallel distinct status bits, and one bit per certificate', async () => {
    const { app, clock, worker } = await setup();
    const coordinator = await signIn(app, 'koor@t.test', PASSWORD);
    const one = await createCertificate(clock, { worker, issueDate: '2026-01-01' });
    const two = await createCertificate(clock, { worker, issueDate: '2026-01-02' });
    const indexOf = async (id: string) => (await verifyJwt(app, (await coordinator.get(`/certificates/${id}/credential`).expect(200)).text)).payload.credentialStatus.statusListIndex as string;
    const [i1, i2, i1again] = await Promise.all([indexOf(one.id), indexOf(two.id), indexOf(one.id)]);
    expect(i1).to.not.equal(i2);
    expect(i1again).to.equal(i1);
    expect(await indexOf(one.id)).to.equal(i1);
  });

  it('never hands out a bit twice, even when parallel allocations collide in a small list', async () => {
    const certificates = Array.from({ length: 24 }, () => new Types.ObjectId());
    const entries = await Promise.all(certificates.map((c) => statusEntryOf(c, NOW, 16)));
    const keys = entries.map((e) => `${e.list}:${e.index}`);
    expect(new Set(keys).size).to.equal(24);
    expect(entries.every((e) => e.index >= 0 && e.index < 16)).to.equal(true);
    expect(await StatusListSlot.countDocuments()).to.equal(24);
  });
});
