import {
  DEFAULT_IDENTITY_RULES,
  limitKey,
  parseIdentityRules,
  priorityRank,
} from '../../../src/identity/rules';

describe('default identity rules', () => {
  it('has the documented limits and priority', () => {
    const { limits, priority } = DEFAULT_IDENTITY_RULES;
    expect(limits.NATIONAL_ID).toEqual({ max: 1, perNamespace: false });
    expect(limits.WECHAT_UNIONID).toEqual({ max: 1, perNamespace: false });
    expect(limits.ACCOUNT).toEqual({ max: 1, perNamespace: true });
    expect(limits.WECHAT_OPENID).toEqual({ max: 1, perNamespace: true });
    expect(limits.PHONE).toEqual({ max: 3, perNamespace: false });
    expect(limits.EMAIL).toEqual({ max: 5, perNamespace: false });
    expect(limits.DEVICE_ID).toEqual({ max: 5, perNamespace: true });
    expect(priority).toEqual(['NATIONAL_ID', 'ACCOUNT', 'WECHAT_UNIONID', 'PHONE', 'EMAIL', 'WECHAT_OPENID', 'DEVICE_ID']);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(DEFAULT_IDENTITY_RULES.limits.PHONE)).toBe(true);
    expect(Object.isFrozen(DEFAULT_IDENTITY_RULES.priority)).toBe(true);
  });

  it('buckets by type or by type and namespace', () => {
    expect(limitKey('PHONE', null, DEFAULT_IDENTITY_RULES)).toBe('PHONE');
    expect(limitKey('ACCOUNT', 'crm', DEFAULT_IDENTITY_RULES)).toBe('ACCOUNT:crm');
    expect(limitKey('DEVICE_ID', 'imei', DEFAULT_IDENTITY_RULES)).toBe('DEVICE_ID:imei');
  });

  it('ranks types by priority, unlisted last', () => {
    expect(priorityRank('NATIONAL_ID', DEFAULT_IDENTITY_RULES)).toBe(0);
    expect(priorityRank('DEVICE_ID', DEFAULT_IDENTITY_RULES)).toBe(6);
    expect(priorityRank('IOT_DEVICE', DEFAULT_IDENTITY_RULES)).toBe(7);
  });
});

describe('parseIdentityRules', () => {
  it('returns the defaults for an empty override, as an independent copy', () => {
    const rules = parseIdentityRules({});
    expect(rules).toEqual(DEFAULT_IDENTITY_RULES);
    rules.limits.PHONE.max = 9;
    rules.priority.reverse();
    expect(DEFAULT_IDENTITY_RULES.limits.PHONE.max).toBe(3);
  });

  it('merges a partial override (object or JSON text)', () => {
    const rules = parseIdentityRules('{"limits":{"PHONE":{"max":2},"EMAIL":{"perNamespace":true}}}');
    expect(rules.limits.PHONE).toEqual({ max: 2, perNamespace: false });
    expect(rules.limits.EMAIL).toEqual({ max: 5, perNamespace: true });
    expect(rules.limits.NATIONAL_ID).toEqual({ max: 1, perNamespace: false });
  });

  it('accepts a full priority permutation', () => {
    const priority = ['ACCOUNT', 'NATIONAL_ID', 'WECHAT_UNIONID', 'PHONE', 'EMAIL', 'WECHAT_OPENID', 'DEVICE_ID'];
    expect(parseIdentityRules({ priority }).priority).toEqual(priority);
  });

  it.each([
    ['not JSON', '{limits', /not valid JSON/],
    ['an array', [], /must be a JSON object/],
    ['null', null, /must be a JSON object/],
    ['an unknown top-level key', { limit: {} }, /unknown key\(s\) limit/],
    ['an unknown type', { limits: { FAX: { max: 1 } } }, /unknown identifier type "FAX"/],
    ['an IOT_DEVICE limit', { limits: { IOT_DEVICE: { max: 1 } } }, /IOT_DEVICE never merges/],
    ['max 0', { limits: { PHONE: { max: 0 } } }, /PHONE\.max must be an integer from 1/],
    ['a fractional max', { limits: { PHONE: { max: 1.5 } } }, /PHONE\.max/],
    ['a string max', { limits: { PHONE: { max: '3' } } }, /PHONE\.max/],
    ['a huge max', { limits: { PHONE: { max: 100000 } } }, /PHONE\.max/],
    ['a non-boolean perNamespace', { limits: { PHONE: { perNamespace: 'yes' } } }, /perNamespace must be true or false/],
    ['an unknown limit key', { limits: { PHONE: { maximum: 3 } } }, /unknown key\(s\) maximum/],
    ['a limit that is not an object', { limits: { PHONE: 3 } }, /limits\.PHONE must be a JSON object/],
    ['a priority that is not an array', { priority: 'PHONE' }, /priority must be an array/],
    ['a duplicate in the priority', { priority: ['PHONE', 'PHONE'] }, /PHONE is listed twice/],
    ['IOT_DEVICE in the priority', { priority: ['IOT_DEVICE'] }, /not a merging identifier type/],
    ['an unknown priority type', { priority: ['FAX'] }, /"FAX" is not a merging/],
    ['an incomplete priority', { priority: ['PHONE', 'EMAIL'] }, /missing NATIONAL_ID, ACCOUNT/],
  ])('refuses %s', (_label, input, message) => {
    expect(() => parseIdentityRules(input)).toThrow(message);
  });
});
