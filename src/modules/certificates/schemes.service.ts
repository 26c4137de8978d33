import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError, isDuplicateKeyError } from '../../platform/errors';
import type { Language } from '../../platform/i18n';
import type { WeldingProcess } from '../continuity';
import { assertCanManage } from './certificates.policy';
import type { SchemeInput } from './certificates.schemas';
import { isId, unitChoices, unitSnapshots, type UnitChoice } from './options';
import { CertificationScheme, type IssuerKind } from './scheme.model';
import type { ValidityRule } from './validity';

export interface SchemeRow {
  id: string;
  name: string;
  nameEn: string;
  kkniLevel: number;
  issuingBody: { kind: IssuerKind; name: string };
  trade: string;
  validity: ValidityRule;
  units: UnitChoice[];
  description: string;
  active: boolean;
}

interface LeanScheme {
  _id: unknown;
  name: string;
  nameEn?: string | null;
  kkniLevel: number;
  issuingBody?: { kind: string; name: string } | null;
  trade: string;
  units?: unknown[] | null;
  validity?: { kind: string; years?: number | null; process?: string | null } | null;
  description?: string | null;
  active?: boolean | null;
}

/** The rule as certificates store it: years only for a fixed term, a process only where it matters. */
export function ruleOf(stored: { kind: string; years?: number | null; process?: string | null } | null | undefined): ValidityRule {
  const v = stored ?? { kind: 'indefinite' };
  const kind = v.kind as ValidityRule['kind'];
  if (kind === 'fixed_term') return { kind, years: v.years ?? 3 };
  if (kind === 'continuity' || kind === 'periodic') return { kind, process: v.process ?? null };
  return { kind };
}

/** Certification schemes: name, KKNI level, issuing body, trade, units and validity rule. */
export class SchemesService {
  /** Every scheme, by name. @throws ForbiddenError unless coordinator/admin */
  async listSchemes(actor: Actor, lng: Language): Promise<SchemeRow[]> {
    assertCanManage(actor);
    const rows = await CertificationScheme.find({}).sort({ name: 1 }).lean();
    return Promise.all(rows.map((s) => this.toRow(s, lng)));
  }

  /** @throws NotFoundError for an unknown id */
  async getScheme(actor: Actor, id: string, lng: Language): Promise<SchemeRow> {
    assertCanManage(actor);
    const s = isId(id) ? await CertificationScheme.findById(id).lean() : null;
    if (!s) throw new NotFoundError();
    return this.toRow(s, lng);
  }

  /** @throws ValidationError for a taken name or unknown units */
  async createScheme(actor: Actor, input: SchemeInput): Promise<string> {
    assertCanManage(actor);
    const doc = await this.toDoc(input);
    try {
      return String((await CertificationScheme.create(doc))._id);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ValidationError({ name: 'validation.taken' });
      throw err;
    }
  }

  /** Changes the scheme for certificates issued from now on; issued ones keep their copy. */
  async updateScheme(actor: Actor, id: string, input: SchemeInput, lng: Language): Promise<void> {
    await this.getScheme(actor, id, lng);
    const doc = await this.toDoc(input);
    try {
      await CertificationScheme.updateOne({ _id: id }, { $set: doc }, { runValidators: true });
    } catch (err) {
      if (isDuplicateKeyError(err)) throw new ValidationError({ name: 'validation.taken' });
      throw err;
    }
  }

  private async toDoc(input: SchemeInput) {
    const units = await unitSnapshots(input.units);
    if (units.length !== input.units.length) throw new ValidationError({ units: 'certificates:validation.units' });
    const validity = ruleOf({ kind: input.validityKind, years: input.years, process: input.process });
    return {
      name: input.name,
      nameEn: input.nameEn ?? '',
      kkniLevel: input.kkniLevel,
      issuingBody: { kind: input.issuerKind, name: input.issuerName },
      trade: input.trade,
      units: units.map((u) => u.unit),
      validity: { kind: validity.kind, years: validity.years ?? undefined, process: (validity.process ?? undefined) as WeldingProcess | undefined },
      description: input.description ?? '',
      active: input.active,
    };
  }

  private async toRow(x: LeanScheme, lng: Language): Promise<SchemeRow> {
    return {
      id: String(x._id),
      name: x.name,
      nameEn: x.nameEn ?? '',
      kkniLevel: x.kkniLevel,
      issuingBody: { kind: (x.issuingBody?.kind ?? 'internal') as IssuerKind, name: x.issuingBody?.name ?? '' },
      trade: x.trade,
      validity: ruleOf(x.validity ?? { kind: 'indefinite' }),
      units: await unitChoices(x.units ?? [], lng),
      description: x.description ?? '',
      active: x.active !== false,
    };
  }
}
