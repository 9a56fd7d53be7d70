// A household view in one statement, for each household asked by id ($ids) or as the
// household of a person ($oneIds): the household, its members (role, since, person) and, as
// $needs asks, each member's identifiers (as identifiers-of), each member's policies as the
// insured with the holder (as policies-insuring), the family links among members with their
// `since` (as household-relationships), and the members' family neighbourhood within
// $needs.relativesDegree links: everyone within that many links of a member and every link
// among them (as relatives-neighbourhood, for all members at once; 0: none). A part not
// asked for is empty and costs no read. `ids` / `oneIds`: which keys asked for the row.
CALL () {
  UNWIND $ids AS id
  MATCH (h:Household {id: id})
  RETURN h, id AS askedId, null AS askedOneId
  UNION ALL
  UNWIND $oneIds AS oneId
  MATCH (:Person {oneId: oneId})-[:MEMBER_OF]->(h:Household)
  RETURN h, null AS askedId, oneId AS askedOneId
}
WITH h, collect(askedId) AS ids, collect(askedOneId) AS oneIds
CALL (h) {
  MATCH (h)<-[m:MEMBER_OF]-(p:Person)
  CALL (p) {
    WITH p WHERE $needs.identifiers
    MATCH (p)<-[:IDENTIFIES]-(i:Identifier)
    WITH i ORDER BY i.type, i.firstSeenAt, i.key
    RETURN collect(i {.key, .type, .namespace, .masked, .shared, .firstSeenAt, .lastSeenAt}) AS identifiers
  }
  CALL (p) {
    WITH p WHERE $needs.policies
    MATCH (pol:Policy)-[:INSURES]->(p)
    OPTIONAL MATCH (pol)-[:HELD_BY]->(holder:Person)
    WITH pol, holder ORDER BY pol.startDate, pol.policyNo
    RETURN collect({policy: pol {.*}, holder: holder {.*}}) AS policies
  }
  RETURN collect({role: m.role, since: m.since, person: p {.*}, identifiers: identifiers, policies: policies}) AS members
}
CALL (h) {
  WITH h WHERE $needs.relationships
  MATCH (h)<-[:MEMBER_OF]-(a:Person)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)
  WHERE EXISTS { (b)-[:MEMBER_OF]->(h) }
  RETURN collect({from: a.oneId, to: b.oneId, type: type(r), since: r.since}) AS links
}
CALL (h) {
  WITH h WHERE $needs.relativesDegree > 0
  MATCH (h)<-[:MEMBER_OF]-(p:Person)
  CALL (p) {
    WITH p WHERE $needs.relativesDegree = 1
    MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF]-(x:Person)
    RETURN x
    UNION
    WITH p WHERE $needs.relativesDegree = 2
    MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..2]-(x:Person)
    RETURN x
    UNION
    WITH p WHERE $needs.relativesDegree = 3
    MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..3]-(x:Person)
    RETURN x
    UNION
    WITH p WHERE $needs.relativesDegree = 4
    MATCH (p)-[:PARENT_OF|SPOUSE_OF|SIBLING_OF*1..4]-(x:Person)
    RETURN x
  }
  WITH collect(DISTINCT x) AS near, collect(DISTINCT p) AS starts
  WITH near + [s IN starts WHERE NOT s IN near] AS around
  CALL (around) {
    UNWIND around AS a
    MATCH (a)-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]->(b:Person)
    WHERE b IN around
    RETURN collect({from: a.oneId, to: b.oneId, type: type(r)}) AS kinLinks
  }
  RETURN [n IN around | n {.*}] AS kin, kinLinks
}
RETURN ids, oneIds, h {.*} AS household, members, links, kin, kinLinks
