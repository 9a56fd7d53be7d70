// Benchmark only (bench/family.ts): the family view's data read by one hand-written
// statement (the baseline the GraphQL family view is compared with): the household,
// members with their identifiers and relatives within 2 links (one shortest path each,
// as relations from the member outwards), and the links among members.
MATCH (h:Household {id: $id})
CALL (h) {
  MATCH (h)<-[:MEMBER_OF]-(a:Person)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)-[:MEMBER_OF]->(h)
  RETURN collect({from: a.oneId, to: b.oneId, type: type(r)}) AS relationships
}
MATCH (h)<-[m:MEMBER_OF]-(p:Person)
CALL (p) {
  OPTIONAL MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
  RETURN collect(i {.type, .namespace, .masked}) AS identifiers
}
CALL (p) {
  MATCH path = (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..2]-(x:Person)
  WHERE x <> p
  WITH x, path ORDER BY length(path)
  WITH x, collect(path)[0] AS path
  RETURN collect({
    oneId: x.oneId, displayName: x.displayName, degree: length(path),
    path: [i IN range(0, length(path) - 1) |
      CASE type(relationships(path)[i])
        WHEN 'SPOUSE_OF' THEN 'SPOUSE'
        WHEN 'SIBLING_OF' THEN 'SIBLING'
        ELSE CASE WHEN startNode(relationships(path)[i]) = nodes(path)[i] THEN 'CHILD' ELSE 'PARENT' END
      END]
  }) AS relatives
}
RETURN h {.id, .name, .advisorId} AS household, relationships,
       collect({role: m.role, person: p {.oneId, .displayName, .gender, .birthDate}, identifiers: identifiers, relatives: relatives}) AS members
