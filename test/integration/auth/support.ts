/** Helpers of the auth integration tests: people known by raw identifier values (for leak checks), raw HTTP. */
import { email, emailAddress, nationalId, nationalIdNumber, newPeople, openId, phone, phoneNumber, token } from '../../kit';
import type { Ident, TestApp } from '../../kit';

/** A person and the raw values it was ingested with: a phone, an e-mail, a national id and a WeChat OpenID. */
export interface RawPerson {
  oneId: string;
  phone: string;
  email: string;
  nationalId: string;
  openId: string;
}

/** Fresh raw values of each kind (no person yet: oneId is empty). */
export function rawPerson(): RawPerson {
  return { oneId: '', phone: phoneNumber(), email: emailAddress(), nationalId: nationalIdNumber(), openId: token('o') };
}

/** The IdentifierInputs of a person's raw values (the OpenID under app wx-app-1). */
export const identifiersOf = (p: RawPerson): Ident[] => [phone(p.phone), email(p.email), nationalId(p.nationalId), openId('wx-app-1', p.openId)];

/** Ingest people with all four identifiers each (named "Person <i>" unless `attrs` say otherwise); their OneIDs and raw values. */
export async function ingestPeople(t: TestApp, n: number, attrs: Array<Record<string, unknown>> = []): Promise<RawPerson[]> {
  const raws = Array.from({ length: n }, rawPerson);
  const people = await newPeople(
    t,
    raws.map((r, i) => {
      const [own, ...more] = identifiersOf(r);
      return { phone: own, identifiers: more, ...(attrs[i] ?? { displayName: `Person ${i}` }) };
    }),
  );
  return people.map((p, i) => ({ ...raws[i]!, oneId: p.oneId }));
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
