/** Helpers shared by the auth integration tests: raw identifier values, raw HTTP, ingestion. */
import { nationalIdNumber, phoneNumber } from '../../support/identifiers';
import type { TestApp } from '../../support/harness';
import { uid } from '../../support/harness';

/** A valid CN mobile, unique enough per test run (no junk patterns). */
export const phone = phoneNumber;

/** A unique e-mail on a real-looking domain (example.org and friends are refused as junk). */
export function email(): string {
  return `${uid('mail')}@kgmail.cn`;
}

/** An 18-character PRC identity number with a valid check character. */
export const nationalId = nationalIdNumber;

export function openId(): string {
  return `o${uid('wx').replace(/-/g, '')}Zq`;
}

export interface RawPerson {
  oneId: string;
  phone: string;
  email: string;
  nationalId: string;
  openId: string;
}

const INGEST = `mutation Ingest($events: [IdentityEventInput!]!) {
  ingestIdentityEvents(events: $events) { results { eventId oneId } }
}`;

/** Ingest people with a phone, an e-mail, a national id and a WeChat OpenID each; returns their OneIDs and raw values. */
export async function ingestPeople(t: TestApp, n: number, attrs: Array<Record<string, unknown>> = []): Promise<RawPerson[]> {
  const raws = Array.from({ length: n }, () => ({ phone: phone(), email: email(), nationalId: nationalId(), openId: openId() }));
  const events = raws.map((r, i) => ({
    eventId: uid('ev'),
    source: 'auth-test',
    observedAt: '2026-01-01T00:00:00Z',
    identifiers: [
      { type: 'PHONE', value: r.phone },
      { type: 'EMAIL', value: r.email },
      { type: 'NATIONAL_ID', value: r.nationalId },
      { type: 'WECHAT_OPENID', value: r.openId, namespace: 'wx-app-1' },
    ],
    attributes: attrs[i] ?? { displayName: `Person ${i}` },
  }));
  const data = await t.ok<{ ingestIdentityEvents: { results: Array<{ eventId: string; oneId: string }> } }>(INGEST, { events });
  return data.ingestIdentityEvents.results.map((res, i) => ({ ...raws[i], oneId: res.oneId }));
}

export interface RawResponse {
  status: number;
  text: string;
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | null;
  headers: Headers;
}

/** A request exactly as given (method, headers, body), for CSRF, size and header tests. */
export async function rawRequest(url: string, init: RequestInit): Promise<RawResponse> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text) as RawResponse['json'];
  } catch {
    json = null;
  }
  return { status: res.status, text, json, headers: res.headers };
}

export const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> | null }): string[] =>
  (res.errors ?? []).map((e) => String(e.extensions?.code));
