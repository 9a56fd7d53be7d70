// Test kit (set-up): store these identifiers' sealed values ($keys) in the first version's
// three properties (cipher, cipherIv, cipherTag), as before migration 010_sealed_values.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
WITH i, split(i.sealed, '.') AS parts
SET i.cipherIv = parts[0], i.cipherTag = parts[1], i.cipher = parts[2]
REMOVE i.sealed
