/**
 * Helpers of the family integration tests (people, households, links, callers and link counts
 * come from the kit): people made the way these tests always made them (observed now, named
 * after their phone). Not a test file.
 */
import { newPerson as kitNewPerson, phone } from '../../kit';
import type { Attributes, Ident, TestApp, TestPerson } from '../../kit';

/** A new person with a fresh phone, named "P <last 4 digits>" unless `attrs` names it, and optionally more identifiers. */
export async function newPerson(t: TestApp, attrs: Attributes = {}, more: Ident[] = []): Promise<TestPerson> {
  const own = phone();
  const spec = { phone: own, displayName: attrs.displayName ?? `P ${own.value.slice(-4)}`, ...attrs, identifiers: more };
  return kitNewPerson(t, spec, { observedAt: new Date().toISOString() });
}
