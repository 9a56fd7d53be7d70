import fc from 'fast-check';
import { IDENTIFIER_TYPES, type IdentifierType } from '../../../src/identity/identifier';
import { maskIdentifier } from '../../../src/identity/mask';
import { nationalIdCheckChar } from '../../../src/identity/normalize';

describe('maskIdentifier', () => {
  it.each([
    ['PHONE', null, '+8613800138001', '138****8001'],
    ['PHONE', null, '+861012345678', '101****5678'],
    ['PHONE', null, '+442079460958', '+44 ****0958'],
    ['PHONE', null, '+85298765432', '+852 ****5432'],
    ['EMAIL', null, 'zhang.san@example.com', 'z***@example.com'],
    ['EMAIL', null, 'a@qq.com', '***@qq.com'],
    ['NATIONAL_ID', null, '11010519491231002X', '1101**********002X'],
    ['NATIONAL_ID', null, '110105194912311234', '1101**********1234'],
    ['ACCOUNT', 'crm', 'C-10086', 'C-****86'],
    ['WECHAT_OPENID', 'wx1', 'oAbCdEfGh123', 'oA****23'],
    ['DEVICE_ID', 'imei', '490154203237518', '49****18'],
    ['IOT_DEVICE', 'tv', 'AB:CD:EF', 'AB****EF'],
    ['ACCOUNT', 'crm', 'abcd', '****'],
    ['ACCOUNT', 'crm', 'a', '****'],
  ] as const)('%s %s -> %s', (type, namespace, value, expected) => {
    expect(maskIdentifier(type, namespace, value)).toBe(expected);
  });

  it('keeps the national ID length at 18', () => {
    expect(maskIdentifier('NATIONAL_ID', null, '11010519491231002X')).toHaveLength(18);
  });

  it('never returns a value made of stars unchanged', () => {
    expect(maskIdentifier('ACCOUNT', 'crm', 'ab****cd')).not.toContain('ab****cd');
    expect(maskIdentifier('ACCOUNT', 'crm', '****')).not.toContain('****');
    expect(maskIdentifier('ACCOUNT', 'crm', '*')).not.toContain('*');
  });
});

describe('maskIdentifier never contains the full value (properties)', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });

  it('for any type and any string', () => {
    fc.assert(
      fc.property(fc.constantFrom<IdentifierType>(...IDENTIFIER_TYPES), fc.string({ minLength: 1 }), (type, value) => {
        return !maskIdentifier(type, 'ns', value).includes(value);
      }),
      { numRuns: 2000 },
    );
  });

  it('for strings of stars and letters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', 'a', '@', '.'), minLength: 1, maxLength: 12 }), (value) =>
        IDENTIFIER_TYPES.every((type) => !maskIdentifier(type, null, value).includes(value)),
      ),
    );
  });

  it('for CN mobile numbers', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'3456789'), digits(9), (second, rest) => {
        const e164 = `+861${second}${rest}`;
        const masked = maskIdentifier('PHONE', null, e164);
        return !masked.includes(e164) && !masked.includes(e164.slice(3)) && masked.length === 11;
      }),
    );
  });

  it('for national IDs', () => {
    fc.assert(
      fc.property(digits(17), (first17) => {
        const id = first17 + nationalIdCheckChar(first17);
        const masked = maskIdentifier('NATIONAL_ID', null, id);
        return !masked.includes(id) && masked.length === 18 && masked.slice(4, 14) === '*'.repeat(10);
      }),
    );
  });

  it('for e-mail addresses', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const value = email.toLowerCase();
        return !maskIdentifier('EMAIL', null, value).includes(value);
      }),
    );
  });
});
