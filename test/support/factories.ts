import { Types } from 'mongoose';
import { Credential, User, hashPassword, type Role } from '../../src/modules/accounts';
import { Workshop } from '../../src/modules/workshops';

export const PASSWORD = 'correct-horse-battery';
let seq = 0;
let cachedHash: Promise<string> | undefined;

export async function createWorkshop(overrides: Partial<{ name: string; legalForm: 'CV' | 'PT' | 'UD'; archived: boolean }> = {}) {
  seq++;
  return Workshop.create({ name: `Bengkel Uji ${seq}`, legalForm: 'CV', unit: `Blok T-${seq}`, ...overrides });
}

/** An account with a password (the same hash is reused: argon2 is deliberately slow). */
export async function createUser(
  overrides: Partial<{ name: string; email: string | null; phone: string; roles: Role[]; workshop: Types.ObjectId; active: boolean; language: 'id' | 'en'; password: string }> = {},
) {
  seq++;
  const { password, email, ...rest } = overrides;
  const roles = rest.roles ?? ['coordinator'];
  let workshop = rest.workshop;
  if (!workshop && (roles.includes('worker') || roles.includes('manager'))) workshop = (await createWorkshop())._id;
  const user = await User.create({
    name: `Pengguna Uji ${seq}`,
    ...(email === null ? {} : { email: email ?? `user${seq}@takaru.test` }),
    ...rest,
    roles,
    workshop,
  });
  const passwordHash = password ? await hashPassword(password) : await (cachedHash ??= hashPassword(PASSWORD));
  await Credential.create({ _id: user._id, passwordHash, changedAt: new Date() });
  return user;
}
