import type { JWK } from 'jose';
import type { StatusEntry } from './status-list';

/**
 * The machine-checkable form of a certificate: an Open Badges 3.0 `OpenBadgeCredential` on the W3C
 * Verifiable Credentials Data Model 2.0, secured as a JWT (VC-JOSE, `application/vc+jwt`, EdDSA).
 * It carries only what the public verification page shows: holder name, number, scheme, units,
 * issuing body, issue date, validity; never NIK, phone, email or workshop. Pure functions: the
 * service signs what these build.
 */
export const VC_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
export const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_SCHEMA = 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json';
export const ISSUER_NAME = 'LIK Takaru';
export const VC_JWT_TYPE = 'vc+jwt';

/** `did:web` of the instance: the host of APP_URL, its port percent-encoded (did:web spec). */
export function issuerDid(appUrl: string): string {
  return `did:web:${new URL(appUrl).host.replace(':', '%3A')}`;
}

/** The key id in JWT headers, the JWKS and did.json: the DID URL of the key. */
export const keyIdOf = (appUrl: string, thumbprint: string) => `${issuerDid(appUrl)}#${thumbprint}`;

export const statusListUrl = (appUrl: string, list: number) => `${appUrl}/credentials/status/${list}`;

export interface CredentialFacts {
  /** The public verification page: the credential's id. */
  verifyUrl: string;
  number: string;
  holderName: string;
  schemeId: string;
  schemeName: string;
  kkniLevel: number;
  issuingBody: { kind: string; name: string };
  units: { code: string; title: { id: string; en: string } }[];
  issueDate: Date;
  /** The moment it ends (00:00 WIB after its last day) as known now; null for an indefinite certificate. */
  endsAt: Date | null;
  status: StatusEntry;
}

const unitLine = (u: CredentialFacts['units'][number]) => `${u.code} ${u.title.id}${u.title.en ? ` (${u.title.en})` : ''}`;

/** The credential (the JWT's payload) of a certificate. */
export function openBadgeCredential(appUrl: string, f: CredentialFacts): Record<string, unknown> {
  const issuer = issuerDid(appUrl);
  const listUrl = statusListUrl(appUrl, f.status.list);
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: f.verifyUrl,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: ISSUER_NAME, url: appUrl },
    name: f.schemeName,
    validFrom: f.issueDate.toISOString(),
    ...(f.endsAt ? { validUntil: f.endsAt.toISOString() } : {}),
    credentialSubject: {
      type: ['AchievementSubject'],
      name: f.holderName,
      // Open Badges' way to name the holder without an account: the name itself, not hashed.
      identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: f.holderName }],
      licenseNumber: f.number,
      achievement: {
        id: `urn:takaru:scheme:${f.schemeId}`,
        type: ['Achievement'],
        achievementType: 'Certification',
        name: f.schemeName,
        description: `${f.schemeName} (KKNI ${f.kkniLevel})`,
        criteria: { narrative: `Kompeten (K) pada unit: ${f.units.map(unitLine).join('; ')}` },
        creator: { id: `urn:takaru:issuing-body:${encodeURIComponent(f.issuingBody.name)}`, type: ['Profile'], name: f.issuingBody.name },
        tag: [`KKNI ${f.kkniLevel}`, ...f.units.map((u) => u.code)],
      },
    },
    credentialStatus: {
      id: `${listUrl}#${f.status.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(f.status.index),
      statusListCredential: listUrl,
    },
    credentialSchema: [{ id: OB_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
  };
}

/** The status list credential (W3C Bitstring Status List v1.0) of one list, as built `at`. */
export function statusListCredential(appUrl: string, list: number, encodedList: string, at: Date, ttlMs: number): Record<string, unknown> {
  const url = statusListUrl(appUrl, list);
  return {
    '@context': [VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: issuerDid(appUrl),
    validFrom: at.toISOString(),
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList', statusPurpose: 'revocation', encodedList, ttl: ttlMs },
  };
}

/** The public key as a JWK Set (`/.well-known/jwks.json`). */
export function jwksOf(appUrl: string, thumbprint: string, publicJwk: JWK): { keys: JWK[] } {
  return { keys: [{ ...publicJwk, kid: keyIdOf(appUrl, thumbprint), alg: 'EdDSA', use: 'sig' }] };
}

/** The did:web document (`/.well-known/did.json`): the same key as an assertion method. */
export function didDocumentOf(appUrl: string, thumbprint: string, publicJwk: JWK): Record<string, unknown> {
  const id = issuerDid(appUrl);
  const kid = keyIdOf(appUrl, thumbprint);
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id,
    verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: id, publicKeyJwk: publicJwk }],
    assertionMethod: [kid],
    authentication: [kid],
  };
}
