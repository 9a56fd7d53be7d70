// Each household's members' stored customer state ($ids): the household value is their sum
// (the service brings members whose state is out of date up to date first).
UNWIND $ids AS id
MATCH (h:Household {id: id})
RETURN id, COLLECT {
  MATCH (p:Person)-[:MEMBER_OF]->(h)
  RETURN {oneId: p.oneId, revenue: p.cvRevenue, influence: p.cvInfluence, score: p.cvScore, validTo: p.cvValidTo, asOf: p.cvAsOf}
} AS members
