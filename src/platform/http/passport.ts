import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';

export interface PassportHooks {
  authenticate(identifier: string, password: string): Promise<Express.User | null>;
  findSessionUser(id: string): Promise<Express.User | null>;
}

/**
 * A passport instance of the app's own (not the global one, so tests can build several apps).
 * The session keeps only the account id; the account is reloaded on every request, so a
 * deactivated account or a changed role takes effect at once.
 */
export function createPassport(hooks: PassportHooks): InstanceType<typeof Passport> {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ usernameField: 'identifier', passwordField: 'password' }, (identifier, password, done) => {
      hooks.authenticate(identifier, password).then((user) => done(null, user ?? false), done);
    }),
  );
  passport.serializeUser((user, done) => done(null, user.id));
  passport.deserializeUser((id: unknown, done) => {
    if (typeof id !== 'string') return done(null, false);
    hooks.findSessionUser(id).then((user) => done(null, user ?? false), done);
  });
  return passport;
}
