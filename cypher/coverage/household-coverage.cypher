// What coverage needs to know about each household: its members (role and the attributes
// the rules use), every policy insuring a member (any status, with holder and insured), and
// the SPOUSE links touching a member (MARRIAGE triggers). Unknown ids give no row.
UNWIND $ids AS id
MATCH (h:Household {id: id})
RETURN h.id AS id,
  COLLECT {
    MATCH (h)<-[m:MEMBER_OF]-(p:Person)
    RETURN {oneId: p.oneId, role: m.role, birthDate: p.birthDate, annualIncome: p.annualIncome, displayName: p.displayName}
  } AS members,
  COLLECT {
    MATCH (h)<-[:MEMBER_OF]-(insured:Person)<-[:INSURES]-(pol:Policy)
    OPTIONAL MATCH (pol)-[:HELD_BY]->(holder:Person)
    RETURN pol {.*, insuredOneId: insured.oneId, holderOneId: holder.oneId}
  } AS policies,
  COLLECT {
    MATCH (h)<-[:MEMBER_OF]-(a:Person)-[s:SPOUSE_OF]-(b:Person)
    RETURN {a: a.oneId, b: b.oneId, createdAt: s.createdAt}
  } AS spouseLinks
