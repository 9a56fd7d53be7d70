UNWIND $keys AS key
MATCH (:ErasedIdentifier {key: key})
RETURN key
