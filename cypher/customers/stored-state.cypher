// The stored customer state and tags of people ($oneIds): for Person fields and consistency checks.
UNWIND $oneIds AS oneId
MATCH (p:Person {oneId: oneId})
RETURN p.oneId AS oneId, p.cvRevenue AS revenue, p.cvInfluence AS influence, p.cvScore AS score,
       p.cvTier AS tier, p.cvSegment AS segment, p.cvLastActivityAt AS lastActivityAt,
       p.cvValidTo AS validTo, p.cvAsOf AS asOf,
       COLLECT { MATCH (p)-[r:TAGGED]->(t:Tag) RETURN {name: t.name, source: r.source, since: r.since} } AS tags
