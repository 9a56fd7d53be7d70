// Test kit: the stored identifiers among lookup keys $keys (keyed hashes), each with its
// shared flag and how many people it identifies (owners). A key not stored gives no row.
UNWIND $keys AS key
MATCH (i:Identifier {key: key})
RETURN key, i.shared AS shared, COUNT { (i)-[:IDENTIFIES]->() } AS owners
