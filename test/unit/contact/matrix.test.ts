/**
 * The reveal matrix of contact.graphql, cell by cell: every role x identifier type x purpose x
 * (channel consent granted or not), for the person's household advisor, the customer itself
 * and strangers; then the order of refusals (FORBIDDEN before CONSENT_REQUIRED, unknown
 * persons), consent in force (latest `at` per scope whatever the arrival order) and the
 * argument checks and cursors.
 */
import type { Role } from '../../../src/auth/principal';
import {
  checkRevealArgs,
  ConsentRecord,
  consentsInForce,
  ContactPurpose,
  CONTACT_PURPOSES,
  decideExport,
  decideReveal,
  decodeLogCursor,
  encodeLogCursor,
  Relation,
  RevealSubject,
} from '../../../src/contact/contact.model';
import { IDENTIFIER_TYPES, IdentifierType } from '../../../src/identity/identifier';

const CHANNEL: Partial<Record<IdentifierType, string>> = {
  PHONE: 'MARKETING_CALL',
  EMAIL: 'MARKETING_EMAIL',
  WECHAT_OPENID: 'MARKETING_WECHAT',
  WECHAT_UNIONID: 'MARKETING_WECHAT',
};
const ADVISOR_TYPES = ['PHONE', 'EMAIL', 'WECHAT_OPENID', 'WECHAT_UNIONID'];

const statement = (scope: string, granted: boolean, at = '2026-01-01T00:00:00.000Z', id = `${scope}-${at}-${granted}`): ConsentRecord => ({
  id,
  scope: scope as ConsentRecord['scope'],
  granted,
  at,
  source: 'app',
});

/** Every consent granted, or the channel's consent withdrawn later (the others granted). */
function consents(type: IdentifierType, granted: boolean): ConsentRecord[] {
  const all = ['MARKETING_CALL', 'MARKETING_SMS', 'MARKETING_EMAIL', 'MARKETING_WECHAT', 'SENSITIVE_PROCESSING'].map((s) => statement(s, true));
  if (granted || !CHANNEL[type]) return all;
  return [...all, statement(CHANNEL[type]!, false, '2026-02-01T00:00:00.000Z')];
}

const subject = (relation: Relation, list: ConsentRecord[]): RevealSubject => ({ oneId: 'p1', forgotten: false, relation, consents: list });

/** What the contract says one cell answers (null: granted). */
function expected(role: Role, relation: Relation, type: IdentifierType, purpose: ContactPurpose, consented: boolean): string | null {
  const allowed =
    role === 'ADMIN' ||
    (role === 'ADVISOR' && relation.advisor && ADVISOR_TYPES.includes(type) && purpose !== 'COMPLIANCE') ||
    (role === 'CUSTOMER' && relation.self && purpose === 'SERVICE');
  if (!allowed) return 'FORBIDDEN';
  if (purpose === 'MARKETING' && (!consented || !CHANNEL[type])) return 'CONSENT_REQUIRED';
  return null;
}

const CALLERS: Array<{ role: Role; relation: Relation; label: string }> = [
  { role: 'ADMIN', relation: { self: false, advisor: false }, label: 'ADMIN' },
  { role: 'INGEST', relation: { self: false, advisor: false }, label: 'INGEST' },
  { role: 'ADVISOR', relation: { self: false, advisor: true }, label: 'the household ADVISOR' },
  { role: 'ADVISOR', relation: { self: false, advisor: false }, label: 'another ADVISOR' },
  { role: 'CUSTOMER', relation: { self: true, advisor: false }, label: 'the CUSTOMER itself' },
  { role: 'CUSTOMER', relation: { self: false, advisor: false }, label: 'another CUSTOMER' },
];

const CELLS = CALLERS.flatMap((c) =>
  IDENTIFIER_TYPES.flatMap((type) => CONTACT_PURPOSES.flatMap((purpose) => [true, false].map((consented) => ({ ...c, type, purpose, consented })))),
);

describe('reveal matrix (contact.graphql), cell by cell', () => {
  it('covers every role x type x purpose x consent cell', () => {
    expect(CELLS).toHaveLength(CALLERS.length * 8 * 3 * 2);
  });

  it.each(CELLS)('$label reveals $type for $purpose, channel consent $consented', ({ role, relation, type, purpose, consented }) => {
    const refused = decideReveal(role, subject(relation, consents(type, consented)), [type], purpose);
    expect(refused?.code ?? null).toBe(expected(role, relation, type, purpose, consented));
  });
});

describe('reveal decisions', () => {
  const advisorOf: Relation = { self: false, advisor: true };

  it('FORBIDDEN is decided before CONSENT_REQUIRED, over the whole request', () => {
    const none: ConsentRecord[] = [];
    expect(decideReveal('ADVISOR', subject(advisorOf, none), ['PHONE', 'NATIONAL_ID'], 'MARKETING')?.code).toBe('FORBIDDEN');
    expect(decideReveal('CUSTOMER', subject({ self: true, advisor: false }, none), ['PHONE'], 'MARKETING')?.code).toBe('FORBIDDEN');
    // one type without consent refuses the whole request
    const callOnly = [statement('MARKETING_CALL', true)];
    expect(decideReveal('ADVISOR', subject(advisorOf, callOnly), ['PHONE'], 'MARKETING')).toBeNull();
    expect(decideReveal('ADVISOR', subject(advisorOf, callOnly), ['PHONE', 'EMAIL'], 'MARKETING')?.code).toBe('CONSENT_REQUIRED');
  });

  it('MARKETING_SMS opens no reveal; a withdrawal after a grant closes the channel, a grant after a withdrawal opens it', () => {
    expect(decideReveal('ADMIN', subject(advisorOf, [statement('MARKETING_SMS', true)]), ['PHONE'], 'MARKETING')?.code).toBe('CONSENT_REQUIRED');
    const withdrawn = [statement('MARKETING_CALL', true, '2026-01-01T00:00:00.000Z'), statement('MARKETING_CALL', false, '2026-03-01T00:00:00.000Z')];
    expect(decideReveal('ADVISOR', subject(advisorOf, withdrawn), ['PHONE'], 'MARKETING')?.code).toBe('CONSENT_REQUIRED');
    const regranted = [...withdrawn, statement('MARKETING_CALL', true, '2026-04-01T00:00:00.000Z')];
    expect(decideReveal('ADVISOR', subject(advisorOf, regranted), ['PHONE'], 'MARKETING')).toBeNull();
  });

  it('an unknown person is NOT_FOUND for ADMIN and FORBIDDEN for every other role; an erased one reveals nothing, allowed', () => {
    expect(decideReveal('ADMIN', null, ['PHONE'], 'SERVICE')?.code).toBe('NOT_FOUND');
    for (const role of ['INGEST', 'ADVISOR', 'CUSTOMER'] as Role[]) expect(decideReveal(role, null, ['PHONE'], 'SERVICE')?.code).toBe('FORBIDDEN');
    const erased = { ...subject({ self: false, advisor: false }, []), forgotten: true };
    expect(decideReveal('ADMIN', erased, ['PHONE'], 'MARKETING')).toBeNull();
  });

  it('export: ADMIN and the customer itself; unknown NOT_FOUND for ADMIN only', () => {
    expect(decideExport('ADMIN', subject({ self: false, advisor: false }, []))).toBeNull();
    expect(decideExport('CUSTOMER', subject({ self: true, advisor: false }, []))).toBeNull();
    expect(decideExport('CUSTOMER', subject({ self: false, advisor: false }, []))?.code).toBe('FORBIDDEN');
    expect(decideExport('ADVISOR', subject(advisorOf, []))?.code).toBe('FORBIDDEN');
    expect(decideExport('INGEST', subject(advisorOf, []))?.code).toBe('FORBIDDEN');
    expect(decideExport('ADMIN', null)?.code).toBe('NOT_FOUND');
    expect(decideExport('CUSTOMER', null)?.code).toBe('FORBIDDEN');
  });
});

describe('consent in force', () => {
  it('is the latest statement per scope whatever the arrival order, in ConsentScope order', () => {
    const list = [
      statement('MARKETING_WECHAT', true, '2026-01-01T00:00:00.000Z'),
      statement('MARKETING_CALL', false, '2026-05-01T00:00:00.000Z'),
      statement('MARKETING_CALL', true, '2026-03-01T00:00:00.000Z'),
      statement('MARKETING_CALL', true, '2026-01-01T00:00:00.000Z'),
    ];
    for (const order of [list, [...list].reverse()]) {
      expect(consentsInForce(order).map((c) => [c.scope, c.granted, c.at])).toEqual([
        ['MARKETING_CALL', false, '2026-05-01T00:00:00.000Z'],
        ['MARKETING_WECHAT', true, '2026-01-01T00:00:00.000Z'],
      ]);
    }
  });

  it('on a tie of `at` the withdrawal wins', () => {
    const at = '2026-02-02T00:00:00.000Z';
    for (const order of [[statement('MARKETING_EMAIL', true, at, 'b'), statement('MARKETING_EMAIL', false, at, 'a')], [statement('MARKETING_EMAIL', false, at, 'a'), statement('MARKETING_EMAIL', true, at, 'b')]]) {
      expect(consentsInForce(order)[0]!.granted).toBe(false);
    }
  });
});

describe('reveal arguments and log cursors', () => {
  it('refuses empty, repeated or too many types, an empty or too long justification, an empty namespace', () => {
    const bad = (f: () => void): string | undefined => {
      try {
        f();
        return undefined;
      } catch (e) {
        return (e as { code?: string }).code;
      }
    };
    expect(bad(() => checkRevealArgs([], null, 'why'))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs(['PHONE', 'PHONE'], null, 'why'))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs([...IDENTIFIER_TYPES, 'PHONE'], null, 'why'))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs(['PHONE'], null, ' '))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs(['PHONE'], null, 'x'.repeat(501)))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs(['PHONE'], '', 'why'))).toBe('BAD_USER_INPUT');
    expect(bad(() => checkRevealArgs([...IDENTIFIER_TYPES], 'crm', 'x'.repeat(500)))).toBeUndefined();
  });

  it('cursors round-trip and anything else is BAD_USER_INPUT', () => {
    const position = { at: '2026-05-01T08:30:00.000Z', id: 'e1' };
    expect(decodeLogCursor(encodeLogCursor(position))).toEqual(position);
    const forged = Buffer.from('log|not-a-date|e1').toString('base64url');
    for (const cursor of ['', 'abc', forged, `${encodeLogCursor(position)}x`, Buffer.from('log|2026-05-01T08:30:00.000Z|e1|x').toString('base64url')]) {
      expect(() => decodeLogCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    }
  });
});
