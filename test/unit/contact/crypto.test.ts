/**
 * The envelope encryption's pure parts: a sealed value opens with its data
 * key and identifier only, every seal draws its own IV, and the stored form (one property)
 * round-trips and refuses anything else.
 */
import { randomBytes } from 'node:crypto';
import { openValue, packSealed, sealValues, unpackSealed } from '../../../src/contact/crypto';

const [keyA, keyB] = [randomBytes(32), randomBytes(32)];

describe('sealValues', () => {
  it('seals each value under its own key and identifier, with a fresh IV each', () => {
    const items = [
      { dataKey: keyA, identifierKey: 'k1', value: '+8613912345678' },
      { dataKey: keyA, identifierKey: 'k2', value: '+8613912345678' },
      { dataKey: keyB, identifierKey: 'k3', value: 'u1@mail-kg.cn' },
    ];
    const sealed = sealValues(items);
    expect(sealed.map((s, i) => openValue(items[i]!.dataKey, items[i]!.identifierKey, s))).toEqual(items.map((i) => i.value));
    expect(new Set(sealed.map((s) => s.iv)).size).toBe(3);
    expect(sealed[0]!.cipher).not.toBe(sealed[1]!.cipher); // same value, same key: different IVs
    expect(() => openValue(keyB, 'k1', sealed[0]!)).toThrow(); // another person's key
    expect(() => openValue(keyA, 'k2', sealed[0]!)).toThrow(); // moved onto another identifier
  });
});

describe('packSealed', () => {
  it('stores IV, tag and ciphertext as one string that unpacks to the same parts', () => {
    const [sealed] = sealValues([{ dataKey: keyA, identifierKey: 'k1', value: '+8613912345678' }]);
    const packed = packSealed(sealed!);
    expect(packed.split('.')).toHaveLength(3);
    expect(unpackSealed(packed)).toEqual(sealed);
    expect(openValue(keyA, 'k1', unpackSealed(packed))).toBe('+8613912345678');
  });

  it('refuses a string that is not a packed value', () => {
    for (const bad of ['', 'abc', 'a.b', 'a.b.c.d']) expect(() => unpackSealed(bad)).toThrow('not a sealed value');
  });
});
