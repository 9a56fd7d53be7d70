import type { IdentifierType } from '../../../src/identity/identifier';
import { classifyIdentifier, isJunk } from '../../../src/identity/junk';

const NOW = new Date('2026-05-01T04:00:00Z');
const classify = (type: IdentifierType, value: string, namespace?: string | null) =>
  classifyIdentifier({ type, value, namespace }, { now: NOW });

describe('classifyIdentifier: junk is ignored, never refused', () => {
  it.each([
    ['PHONE', '13800138000', null],
    ['PHONE', '+86 138-0013-8000', null],
    ['PHONE', '12345678901', null], // not even a valid number
    ['PHONE', '11111111111', null],
    ['PHONE', '13800000000', null],
    ['PHONE', '138 8888 8888', null],
    ['PHONE', '18888888888', null],
    ['EMAIL', 'Test@Test.com', null],
    ['EMAIL', 'test@example.com', null],
    ['EMAIL', 'a@a.com', null],
    ['EMAIL', 'noreply@company.cn', null],
    ['EMAIL', 'no-reply@bank.com.cn', null],
    ['EMAIL', 'someone@example.org', null],
    ['EMAIL', 'x@mail.example.com', null],
    ['EMAIL', 'user@host.test', null],
    ['NATIONAL_ID', '000000000000000000', null],
    ['NATIONAL_ID', '111111111111111111', null],
    ['NATIONAL_ID', '88888888888888888X', null],
    ['NATIONAL_ID', '123456789012345678', null],
    ['DEVICE_ID', '000000000000000', 'imei'],
    ['DEVICE_ID', '111111111111111', 'imei'], // fails Luhn, still junk not invalid
    ['DEVICE_ID', '00000000-0000-0000-0000-000000000000', 'idfa'],
    ['DEVICE_ID', '00000000000000000000000000000000', 'idfa'],
    ['DEVICE_ID', '0000000000000000', 'android_id'],
    ['DEVICE_ID', '9774D56D682E549C', 'android_id'],
    ['DEVICE_ID', 'unknown', 'watch'],
    ['ACCOUNT', 'null', 'crm'],
    ['ACCOUNT', 'NULL', 'crm'],
    ['ACCOUNT', 'undefined', 'app'],
    ['ACCOUNT', '0', 'crm'],
    ['ACCOUNT', '0000', 'crm'],
    ['ACCOUNT', 'test', 'crm'],
    ['WECHAT_OPENID', 'undefined', 'wx123'],
    ['WECHAT_UNIONID', 'null', null],
    ['IOT_DEVICE', 'none', 'tv'],
  ] as const)('%s %j (%s) is junk', (type, value, namespace) => {
    expect(classify(type, value, namespace)).toEqual({ kind: 'junk' });
  });

  it.each([
    ['PHONE', '13800138001', null],
    ['PHONE', '13888888881', null],
    ['EMAIL', 'test.person@qq.com', null],
    ['EMAIL', 'someone@example.com.cn', null],
    ['EMAIL', 'reply@company.cn', null],
    ['NATIONAL_ID', '11010519491231002X', null],
    ['DEVICE_ID', '490154203237518', 'imei'],
    ['ACCOUNT', 'tester', 'crm'],
    ['ACCOUNT', '10', 'crm'],
  ] as const)('%s %j is valid', (type, value, namespace) => {
    expect(classify(type, value, namespace).kind).toBe('valid');
  });

  it('returns the canonical identifier of a valid value', () => {
    expect(classify('PHONE', '138 0013 8001')).toEqual({
      kind: 'valid',
      id: { type: 'PHONE', namespace: null, value: '+8613800138001' },
    });
  });

  it.each([
    ['PHONE', '1380013800', null],
    ['NATIONAL_ID', '110105194912310021', null],
    ['DEVICE_ID', '490154203237519', 'imei'],
    ['ACCOUNT', 'null', null], // a missing namespace is a client error, even with a junk value
    ['DEVICE_ID', '000000000000000', 'serial'],
    ['EMAIL', '   ', null],
  ] as const)('%s %j (%s) is invalid', (type, value, namespace) => {
    const result = classify(type, value, namespace);
    expect(result.kind).toBe('invalid');
  });
});

describe('isJunk on canonical values', () => {
  it('compares canonical forms', () => {
    expect(isJunk('PHONE', null, '+8613800138000')).toBe(true);
    expect(isJunk('PHONE', null, '+8613800138001')).toBe(false);
    expect(isJunk('DEVICE_ID', 'android_id', '9774d56d682e549c')).toBe(true);
    expect(isJunk('DEVICE_ID', 'imei', '490154203237518')).toBe(false);
    expect(isJunk('IOT_DEVICE', 'tv', 'UNDEFINED')).toBe(true);
    expect(isJunk('NATIONAL_ID', null, '11010519491231002X')).toBe(false);
  });

  it('does not treat a non-CN number with repeated digits as a CN filler', () => {
    expect(isJunk('PHONE', null, '+12125555555')).toBe(false);
  });
});
