import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { projectRoot } from '../../src/platform/paths';

function templates(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? templates(full) : full.endsWith('.ejs') ? [full] : [];
  });
}

describe('templates', () => {
  const root = projectRoot();
  const all = [...templates(path.join(root, 'views')), ...templates(path.join(root, 'src'))];

  it('finds the templates', () => {
    expect(all.length).to.be.greaterThan(10);
  });

  it('print data only escaped: unescaped output (<%-) is for include() alone', () => {
    const offenders = all.flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/<%-(?!\s*include\()/g)].map(() => path.relative(root, file)),
    );
    expect(offenders).to.deep.equal([]);
  });

  it('have no inline scripts or event handlers (the CSP forbids them)', () => {
    const offenders = all.filter((file) => /<script(?![^>]*\ssrc=)|\son[a-z]+\s*=/i.test(readFileSync(file, 'utf8')));
    expect(offenders.map((f) => path.relative(root, f))).to.deep.equal([]);
  });
});
