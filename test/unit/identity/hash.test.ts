import { createHmac } from 'node:crypto';
import { identifierKey, toNormalizedIdentifier } from '../../../src/identity/hash';

const SECRET = 'test-secret';

describe('identifierKey', () => {
  it('is the hex HMAC-SHA-256 of type, namespace and value joined by U+001F', () => {
    const expected = createHmac('sha256', SECRET).update('ACCOUNT\u001fcrm\u001fC-1').digest('hex');
    expect(identifierKey(SECRET, 'ACCOUNT', 'crm', 'C-1')).toBe(expected);
    expect(identifierKey(SECRET, 'PHONE', null, '+8613800138001')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is deterministic', () => {
    expect(identifierKey(SECRET, 'PHONE', null, '+8613800138001')).toBe(identifierKey(SECRET, 'PHONE', null, '+8613800138001'));
  });

  it('differs by secret, type, namespace and value', () => {
    const base = identifierKey(SECRET, 'ACCOUNT', 'crm', '12345');
    const variants = [
      identifierKey('other-secret', 'ACCOUNT', 'crm', '12345'),
      identifierKey(SECRET, 'WECHAT_OPENID', 'crm', '12345'),
      identifierKey(SECRET, 'ACCOUNT', 'app', '12345'),
      identifierKey(SECRET, 'ACCOUNT', null, '12345'),
      identifierKey(SECRET, 'ACCOUNT', 'crm', '12346'),
      identifierKey(SECRET, 'ACCOUNT', 'crm1', '2345'),
    ];
    expect(new Set([base, ...variants]).size).toBe(variants.length + 1);
  });

  it('refuses an empty secret', () => {
    expect(() => identifierKey('', 'PHONE', null, '+8613800138001')).toThrow(/secret/);
  });
});

describe('toNormalizedIdentifier', () => {
  it('adds the key and the masked form', () => {
    const id = toNormalizedIdentifier(SECRET, { type: 'PHONE', namespace: null, value: '+8613800138001' });
    expect(id).toEqual({
      type: 'PHONE',
      namespace: null,
      value: '+8613800138001',
      key: identifierKey(SECRET, 'PHONE', null, '+8613800138001'),
      masked: '138****8001',
    });
  });
});
