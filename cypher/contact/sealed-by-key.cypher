// Encrypted values of these identifiers with the wrapped data key that opens each (a split
// re-encrypts them for their new person). Identifiers stored without ciphertext are left out.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
WHERE i.dataKeyId IS NOT NULL
MATCH (k:DataKey {id: i.dataKeyId})
RETURN key, i.sealed AS sealed, k {.id, .cipher, .iv, .tag, .masterKeyId} AS dataKey
