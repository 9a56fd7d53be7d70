// Test kit (set-up): make these identifiers ($keys) look stored before encryption existed
// (no ciphertext, no data key id), as after migration 009 on an old database.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
REMOVE i.sealed, i.dataKeyId
