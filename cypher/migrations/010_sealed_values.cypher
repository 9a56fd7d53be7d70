// Contact: an identifier's sealed value is one property, `sealed` = IV.tag.ciphertext (base64
// parts joined by '.', src/contact/crypto.ts packSealed), instead of three (cipher, cipherIv,
// cipherTag): ingestion writes one property record fewer per new value. Values sealed in the
// old form are rewritten in place, 10,000 a transaction; nothing is decrypted or re-encrypted.
MATCH (i:Identifier)
WHERE i.cipher IS NOT NULL
CALL (i) {
  SET i.sealed = i.cipherIv + '.' + i.cipherTag + '.' + i.cipher
  REMOVE i.cipher, i.cipherIv, i.cipherTag
} IN TRANSACTIONS OF 10000 ROWS;
