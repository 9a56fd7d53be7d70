// Benchmark only (bench/identity.ts): the size of the identity graph.
CALL () { MATCH (p:Person) RETURN count(p) AS persons }
CALL () { MATCH (a:Alias) RETURN count(a) AS aliases }
CALL () { MATCH (i:Identifier) RETURN count(i) AS identifiers, sum(CASE WHEN i.shared THEN 1 ELSE 0 END) AS shared }
CALL () { MATCH ()-[e:EVIDENCE]->() RETURN count(e) AS evidence }
CALL () { MATCH (e:IdentityEvent) RETURN count(e) AS events }
CALL () { MATCH ()-[u:USES_DEVICE]->() RETURN count(u) AS deviceUses }
RETURN persons, aliases, identifiers, shared, evidence, events, deviceUses
