import { expect } from 'chai';
import { formatPhone, normalizePhone, parseIdentifier } from '../../src/modules/accounts/identifiers';
import { safeLocalPath } from '../../src/platform/http/guard';

describe('login identifiers', () => {
  it('normalises Indonesian phone numbers written in the usual ways', () => {
    for (const written of ['0812-3456-7890', '0812 3456 7890', '+62 812 3456 7890', '6281234567890', '(0812) 34567890']) {
      expect(normalizePhone(written), written).to.equal('+6281234567890');
    }
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['12', '08123', 'abc', '']) expect(normalizePhone(bad), bad).to.equal(null);
  });

  it('reads an email when there is an @, else a phone number', () => {
    expect(parseIdentifier('  Rina@Takaru.TEST ')).to.deep.equal({ kind: 'email', value: 'rina@takaru.test' });
    expect(parseIdentifier('0857-1234-5678')).to.deep.equal({ kind: 'phone', value: '+6285712345678' });
    expect(parseIdentifier('budi')).to.equal(null);
  });

  it('shows numbers the way people in Tegal write them', () => {
    expect(formatPhone('+6281234567890')).to.equal('0812-3456-7890');
    expect(formatPhone(undefined)).to.equal('');
  });
});

describe('redirect after login', () => {
  it('keeps local paths and drops anything that could leave the site', () => {
    expect(safeLocalPath('/admin/users?q=a')).to.equal('/admin/users?q=a');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', undefined, ['/a']]) {
      expect(safeLocalPath(bad), String(bad)).to.equal('/');
    }
  });
});
