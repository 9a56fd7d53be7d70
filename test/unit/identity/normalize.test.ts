import fc from 'fast-check';
import { IDENTIFIER_TYPES, type IdentifierType, type RawIdentifier } from '../../../src/identity/identifier';
import {
  birthDateFromNationalId,
  luhnValid,
  nationalIdCheckChar,
  normalizeIdentifier,
  normalizeLeniently,
} from '../../../src/identity/normalize';

const NOW = new Date('2026-05-01T04:00:00Z');

function normalized(type: IdentifierType, value: string, namespace?: string | null) {
  const result = normalizeIdentifier({ type, value, namespace }, { now: NOW });
  if (!result.ok) throw new Error(`expected valid, got: ${result.reason}`);
  return result.value;
}

function reasonFor(type: IdentifierType, value: string, namespace?: string | null): string {
  const result = normalizeIdentifier({ type, value, namespace }, { now: NOW });
  if (result.ok) throw new Error(`expected invalid, got ${result.value.value}`);
  return result.reason;
}

/** A national ID from 17 digits, with its check character. */
const withCheck = (first17: string): string => first17 + nationalIdCheckChar(first17);

describe('PHONE', () => {
  it.each([
    ['+86 138-0013-8001', '+8613800138001'],
    ['8613800138001', '+8613800138001'],
    ['138 0013 8001', '+8613800138001'],
    ['(+86)13800138001', '+8613800138001'],
    ['0086 138 0013 8001', '+8613800138001'],
    ['１３８００１３８００１', '+8613800138001'],
    ['＋８６ １３８ ００１３ ８００１', '+8613800138001'],
    ['  13800138001  ', '+8613800138001'],
    ['138.0013.8001', '+8613800138001'],
    ['86 138 0013 8001', '+8613800138001'],
    ['tel:+8613800138001', '+8613800138001'],
    ['010-12345678', '+861012345678'],
    ['+86 (0)10 1234 5678', '+861012345678'],
    ['0086-10-12345678', '+861012345678'],
    ['+852 9876 5432', '+85298765432'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 650 253 0000', '+16502530000'],
  ])('%s -> %s', (input, expected) => {
    expect(normalized('PHONE', input)).toEqual({ type: 'PHONE', namespace: null, value: expected });
  });

  it('ignores a namespace', () => {
    expect(normalized('PHONE', '13800138001', 'crm').namespace).toBeNull();
  });

  it.each([
    ['1380013800', 'too short'],
    ['+86138001380011', 'too long'],
    ['12345678901', 'not an allocated prefix'],
    ['85298765432', 'HK number without +852'],
    ['not a phone', 'letters'],
    ['13800138001 ext 12', 'extension'],
    ['', 'empty'],
    ['    ', 'blank'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizeIdentifier({ type: 'PHONE', value: input }).ok).toBe(false);
  });
});

describe('EMAIL', () => {
  it.each([
    ['  Zhang.San@Example.COM ', 'zhang.san@example.com'],
    ['user+tag@sub.domain.cn', 'user+tag@sub.domain.cn'],
    ['zhang＠qq．com', 'zhang@qq.com'],
    ['LI_SI@163.COM', 'li_si@163.com'],
    ['王五@例子.中国', '王五@例子.中国'],
  ])('%j -> %s', (input, expected) => {
    expect(normalized('EMAIL', input)).toEqual({ type: 'EMAIL', namespace: null, value: expected });
  });

  it.each(['zhang', 'zhang@', '@qq.com', 'zhang@qq', 'zhang san@qq.com', 'a@@b.com', 'a@b@c.com', 'a@b..com', 'a@.com', 'a@b.com.'])(
    'refuses %j',
    (input) => {
      expect(normalizeIdentifier({ type: 'EMAIL', value: input }).ok).toBe(false);
    },
  );
});

describe('NATIONAL_ID', () => {
  it('computes the GB 11643 check character of the standard example', () => {
    expect(nationalIdCheckChar('11010519491231002')).toBe('X');
  });

  it.each([
    ['11010519491231002X', '11010519491231002X'],
    ['11010519491231002x', '11010519491231002X'],
    [' 110105 19491231 002X ', '11010519491231002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '11010519491231002X'],
    [withCheck('44052419800101001'), withCheck('44052419800101001')],
    [withCheck('32010620000229123'), withCheck('32010620000229123')], // leap day
  ])('%j -> %s', (input, expected) => {
    expect(normalized('NATIONAL_ID', input)).toEqual({ type: 'NATIONAL_ID', namespace: null, value: expected });
  });

  it.each([
    ['110105194912310021', 'wrong check character'],
    ['11010519491231002', '17 characters'],
    ['110105491231002', '15-digit first generation'],
    ['11010519491231002Y', 'bad check letter'],
    [withCheck('11010519490230001'), 'February 30'],
    [withCheck('11010519491301001'), 'month 13'],
    [withCheck('11010518991231001'), 'born before 1900'],
    [withCheck('11010520990101001'), 'born in the future'],
    [withCheck('32010620010229123'), '29 February of a common year'],
  ])('refuses %s (%s)', (input) => {
    expect(normalizeIdentifier({ type: 'NATIONAL_ID', value: input }, { now: NOW }).ok).toBe(false);
  });

  it('accepts a birth date of today in China (UTC+8) but not tomorrow', () => {
    const bornToday = withCheck('11010520260501001');
    const bornTomorrow = withCheck('11010520260502001');
    expect(normalizeIdentifier({ type: 'NATIONAL_ID', value: bornToday }, { now: NOW }).ok).toBe(true);
    expect(normalizeIdentifier({ type: 'NATIONAL_ID', value: bornTomorrow }, { now: NOW }).ok).toBe(false);
    const lateEvening = new Date('2026-05-01T17:00:00Z'); // already 2 May in Beijing
    expect(normalizeIdentifier({ type: 'NATIONAL_ID', value: bornTomorrow }, { now: lateEvening }).ok).toBe(true);
  });

  it('extracts the birth date', () => {
    expect(birthDateFromNationalId('11010519491231002X')).toBe('1949-12-31');
    expect(() => birthDateFromNationalId('123')).toThrow(/normalized/);
  });
});

describe('ACCOUNT, WECHAT_OPENID, WECHAT_UNIONID', () => {
  it('ACCOUNT: namespace trimmed and lower-cased, value trimmed with case preserved', () => {
    expect(normalized('ACCOUNT', '  Abc-123 ', ' Policy-Admin ')).toEqual({
      type: 'ACCOUNT',
      namespace: 'policy-admin',
      value: 'Abc-123',
    });
  });

  it('WECHAT_OPENID: appId kept as is (trimmed), value case preserved', () => {
    expect(normalized('WECHAT_OPENID', ' oAbC_dEf-123XyZ ', ' wxA1b2C3d4E5f6A7b8 ')).toEqual({
      type: 'WECHAT_OPENID',
      namespace: 'wxA1b2C3d4E5f6A7b8',
      value: 'oAbC_dEf-123XyZ',
    });
  });

  it('WECHAT_UNIONID: no namespace', () => {
    expect(normalized('WECHAT_UNIONID', ' oUnIoN123 ', 'wx123')).toEqual({
      type: 'WECHAT_UNIONID',
      namespace: null,
      value: 'oUnIoN123',
    });
  });

  it.each([
    ['ACCOUNT', undefined],
    ['ACCOUNT', null],
    ['ACCOUNT', '   '],
    ['WECHAT_OPENID', undefined],
    ['WECHAT_OPENID', ''],
  ] as const)('%s requires a namespace (%j)', (type, namespace) => {
    expect(reasonFor(type, 'abc123', namespace)).toMatch(/requires a namespace/);
  });

  it('refuses a namespace longer than 128 characters', () => {
    expect(reasonFor('ACCOUNT', 'abc', 'n'.repeat(129))).toMatch(/namespace is longer/);
  });
});

describe('DEVICE_ID', () => {
  it.each([
    ['imei', '490154203237518', '490154203237518'],
    ['IMEI', '49-015420-323751-8', '490154203237518'],
    [' imei ', '49 015420 323751 8', '490154203237518'],
    ['idfa', 'e4b0c7a2-1d3f-4c5e-9a8b-7c6d5e4f3a2b', 'E4B0C7A2-1D3F-4C5E-9A8B-7C6D5E4F3A2B'],
    ['idfa', 'e4b0c7a21d3f4c5e9a8b7c6d5e4f3a2b', 'E4B0C7A2-1D3F-4C5E-9A8B-7C6D5E4F3A2B'],
    ['android_id', 'A1B2C3D4E5F60718', 'a1b2c3d4e5f60718'],
    ['watch', ' sn-abc123 ', 'SN-ABC123'],
  ])('%j %j -> %s', (namespace, input, expected) => {
    expect(normalized('DEVICE_ID', input, namespace)).toEqual({
      type: 'DEVICE_ID',
      namespace: namespace.trim().toLowerCase(),
      value: expected,
    });
  });

  it.each([
    ['imei', '490154203237519', /Luhn/],
    ['imei', '49015420323751', /15 digits/],
    ['imei', '4901542032375180', /15 digits/],
    ['idfa', 'not-a-uuid-at-all', /UUID/],
    ['android_id', 'a1b2c3d4e5f6071', /16 hex/],
    ['android_id', 'g1b2c3d4e5f60718', /16 hex/],
    ['serial', 'abc', /namespace must be one of/],
    [null, 'abc', /requires a namespace/],
  ])('refuses namespace %j value %j', (namespace, input, reason) => {
    expect(reasonFor('DEVICE_ID', input, namespace)).toMatch(reason);
  });

  it('Luhn check', () => {
    expect(luhnValid('490154203237518')).toBe(true);
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('000000000000000')).toBe(true);
    expect(luhnValid('12a')).toBe(false);
  });
});

describe('IOT_DEVICE', () => {
  it('namespace lower-cased, value trimmed and upper-cased', () => {
    expect(normalized('IOT_DEVICE', ' ab:cd:ef:01 ', 'TV')).toEqual({
      type: 'IOT_DEVICE',
      namespace: 'tv',
      value: 'AB:CD:EF:01',
    });
    expect(normalized('IOT_DEVICE', 'x1', 'smart_speaker').namespace).toBe('smart_speaker');
  });

  it.each([null, '', 'smart tv', 'tv/1'])('refuses namespace %j', (namespace) => {
    expect(normalizeIdentifier({ type: 'IOT_DEVICE', value: 'abc', namespace }).ok).toBe(false);
  });
});

describe('common value checks', () => {
  it('accepts 256 characters, refuses 257', () => {
    expect(normalizeIdentifier({ type: 'ACCOUNT', value: 'a'.repeat(256), namespace: 'crm' }).ok).toBe(true);
    expect(reasonFor('ACCOUNT', 'a'.repeat(257), 'crm')).toMatch(/longer than 256/);
  });

  it.each(IDENTIFIER_TYPES)('%s refuses empty and blank values', (type) => {
    expect(reasonFor(type, '', 'ns')).toMatch(/empty/);
    expect(reasonFor(type, ' \t\u3000 ', 'ns')).toMatch(/empty/);
  });

  it('refuses control characters (the hash separator among them)', () => {
    expect(reasonFor('ACCOUNT', 'a\u001fb', 'crm')).toMatch(/control/);
    expect(reasonFor('ACCOUNT', 'ab', 'c\u001fd')).toMatch(/control/);
  });

  it('reasons never contain the raw value', () => {
    const invalid: RawIdentifier[] = [
      { type: 'PHONE', value: '99988877766655' },
      { type: 'EMAIL', value: 'secret.person@nowhere' },
      { type: 'NATIONAL_ID', value: '110105194912310021' },
      { type: 'DEVICE_ID', value: '490154203237519', namespace: 'imei' },
      { type: 'ACCOUNT', value: 'x'.repeat(300), namespace: 'crm' },
    ];
    for (const raw of invalid) {
      const result = normalizeIdentifier(raw);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).not.toContain(raw.value.slice(0, 10));
    }
    fc.assert(
      fc.property(fc.constantFrom(...IDENTIFIER_TYPES), fc.string({ minLength: 10 }), (type, value) => {
        const result = normalizeIdentifier({ type, value, namespace: 'imei' });
        return result.ok || !result.reason.includes(value.trim());
      }),
    );
  });

  it('lenient normalization keeps the cleaning but skips validity checks', () => {
    const lenient = normalizeLeniently({ type: 'NATIONAL_ID', value: '1111 1111 1111 1111 11' });
    expect(lenient).toEqual({ ok: true, value: { type: 'NATIONAL_ID', namespace: null, value: '111111111111111111' } });
    expect(normalizeLeniently({ type: 'PHONE', value: '123 4567 8901' })).toEqual({
      ok: true,
      value: { type: 'PHONE', namespace: null, value: '+8612345678901' },
    });
    expect(normalizeLeniently({ type: 'DEVICE_ID', value: '0', namespace: 'serial' }).ok).toBe(false);
  });
});
