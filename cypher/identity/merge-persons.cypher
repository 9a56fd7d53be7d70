// Merge each loser into its survivor: family links (with their `since`; a link both had keeps
// the survivor's `since`, else takes the loser's), household membership, policies, life events
// (as the person or the partner), invitations, referral edges, device uses, interactions and
// manual tags move to the survivor (duplicates collapse, links that would join the survivor to itself disappear), and so do
// its data keys (the identifiers they sealed move to the survivor) and consents; the loser becomes an Alias
// that keeps resolving to the survivor. Returns household conflicts for review.
// Referral tree: the merged person keeps the earliest accepted invitation as its one
// incoming REFERRED edge; an accepted invitation that lost its edge (the other identity was
// referred first, or inviter and invitee are now one person) becomes REJECTED, and a cycle
// closed by the merge is cut at the survivor's incoming edge, so stats and trees count the
// merged person once.
// replan=skip: every part is anchored on unique-key seeks and expansions from the two people,
// so statistics cannot improve the plan, and planning this statement again whenever the
// graph's statistics drift (every few batches while a base is being loaded) took 1.2-1.6 s
// inside the identity lock (bench:identity, 2026-12-03).
CYPHER replan=skip
UNWIND $rows AS row
MATCH (loser:Person {oneId: row.from})
MATCH (survivor:Person {oneId: row.into})
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:PARENT_OF]->(x:Person) WHERE x <> survivor
  FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END |
    MERGE (survivor)-[n:PARENT_OF]->(x) ON CREATE SET n.createdAt = r.createdAt, n.since = r.since
    ON MATCH SET n.since = coalesce(n.since, r.since))
  RETURN count(*) AS parentsOut
}
CALL (loser, survivor) {
  OPTIONAL MATCH (x:Person)-[r:PARENT_OF]->(loser) WHERE x <> survivor
  FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END |
    MERGE (x)-[n:PARENT_OF]->(survivor) ON CREATE SET n.createdAt = r.createdAt, n.since = r.since
    ON MATCH SET n.since = coalesce(n.since, r.since))
  RETURN count(*) AS parentsIn
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:SPOUSE_OF]-(x:Person) WHERE x <> survivor
  FOREACH (_ IN CASE WHEN x IS NULL OR EXISTS { (survivor)-[:SPOUSE_OF]-(x) } THEN [] ELSE [1] END |
    CREATE (survivor)-[:SPOUSE_OF {createdAt: r.createdAt, since: r.since}]->(x))
  RETURN count(*) AS spouses
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:SIBLING_OF]-(x:Person) WHERE x <> survivor
  FOREACH (_ IN CASE WHEN x IS NULL OR EXISTS { (survivor)-[:SIBLING_OF]-(x) } THEN [] ELSE [1] END |
    CREATE (survivor)-[:SIBLING_OF {createdAt: r.createdAt, since: r.since}]->(x))
  RETURN count(*) AS siblings
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:SPOUSE_OF|SIBLING_OF]-(x:Person) WHERE x <> survivor AND r.since IS NOT NULL
  OPTIONAL MATCH (survivor)-[s:SPOUSE_OF|SIBLING_OF]-(x) WHERE type(s) = type(r) AND s.since IS NULL
  FOREACH (_ IN CASE WHEN s IS NULL THEN [] ELSE [1] END | SET s.since = r.since)
  RETURN count(*) AS sinces
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:USES_DEVICE]->(d:Identifier)
  FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END |
    MERGE (survivor)-[n:USES_DEVICE]->(d)
    ON CREATE SET n.firstSeenAt = r.firstSeenAt, n.lastSeenAt = r.lastSeenAt
    ON MATCH SET n.firstSeenAt = CASE WHEN r.firstSeenAt < n.firstSeenAt THEN r.firstSeenAt ELSE n.firstSeenAt END,
                 n.lastSeenAt = CASE WHEN r.lastSeenAt > n.lastSeenAt THEN r.lastSeenAt ELSE n.lastSeenAt END)
  RETURN count(*) AS devices
}
CALL (loser, survivor) {
  OPTIONAL MATCH (pol:Policy)-[r:HELD_BY|INSURES]->(loser)
  FOREACH (_ IN CASE WHEN pol IS NULL OR type(r) <> 'HELD_BY' THEN [] ELSE [1] END | MERGE (pol)-[:HELD_BY]->(survivor))
  FOREACH (_ IN CASE WHEN pol IS NULL OR type(r) <> 'INSURES' THEN [] ELSE [1] END | MERGE (pol)-[:INSURES]->(survivor))
  RETURN count(*) AS policies
}
CALL (loser, survivor) {
  OPTIONAL MATCH (e:LifeEvent)-[r:OF|PARTNER]->(loser)
  FOREACH (_ IN CASE WHEN e IS NULL OR type(r) <> 'OF' THEN [] ELSE [1] END | MERGE (e)-[:OF]->(survivor))
  FOREACH (_ IN CASE WHEN e IS NULL OR type(r) <> 'PARTNER' THEN [] ELSE [1] END | MERGE (e)-[:PARTNER]->(survivor))
  RETURN count(*) AS lifeEvents
}
CALL (loser, survivor) {
  OPTIONAL MATCH (i:Interaction)-[:BY]->(loser)
  FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (i)-[:BY]->(survivor))
  RETURN count(*) AS interactions
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:TAGGED {source: 'MANUAL'}]->(t:Tag)
  FOREACH (_ IN CASE WHEN t IS NULL THEN [] ELSE [1] END |
    MERGE (survivor)-[n:TAGGED {source: 'MANUAL'}]->(t) ON CREATE SET n.since = r.since)
  RETURN count(*) AS tags
}
CALL (loser, survivor) {
  OPTIONAL MATCH (k:DataKey)-[:KEY_OF]->(loser)
  FOREACH (_ IN CASE WHEN k IS NULL THEN [] ELSE [1] END | CREATE (k)-[:KEY_OF]->(survivor))
  RETURN count(*) AS dataKeys
}
CALL (loser, survivor) {
  OPTIONAL MATCH (c:Consent)-[:CONSENT_OF]->(loser)
  FOREACH (_ IN CASE WHEN c IS NULL THEN [] ELSE [1] END | CREATE (c)-[:CONSENT_OF]->(survivor))
  RETURN count(*) AS consents
}
CALL (loser, survivor) {
  OPTIONAL MATCH (inv:Invitation)-[r:INVITER|INVITEE]->(loser)
  FOREACH (_ IN CASE WHEN inv IS NULL OR type(r) <> 'INVITER' THEN [] ELSE [1] END | MERGE (inv)-[:INVITER]->(survivor))
  FOREACH (_ IN CASE WHEN inv IS NULL OR type(r) <> 'INVITEE' THEN [] ELSE [1] END | MERGE (inv)-[:INVITEE]->(survivor))
  RETURN count(*) AS invitations
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[r:REFERRED]->(x:Person) WHERE x <> survivor
  FOREACH (_ IN CASE WHEN x IS NULL THEN [] ELSE [1] END |
    MERGE (survivor)-[n:REFERRED]->(x) ON CREATE SET n += properties(r))
  RETURN count(*) AS referredOut
}
CALL (loser, survivor) {
  OPTIONAL MATCH (x:Person)-[r:REFERRED]->(loser) WHERE x <> survivor
  OPTIONAL MATCH (y:Person)-[s:REFERRED]->(survivor) WHERE y <> loser
  WITH x, r, s, survivor
  WHERE r IS NOT NULL AND (s IS NULL OR r.acceptedAt < s.acceptedAt)
  CREATE (x)-[n:REFERRED]->(survivor)
  SET n += properties(r)
  DELETE s
}
CALL (loser, survivor) {
  OPTIONAL MATCH (loser)-[lm:MEMBER_OF]->(lh:Household)
  OPTIONAL MATCH (survivor)-[sm:MEMBER_OF]->(sh:Household)
  FOREACH (_ IN CASE WHEN lh IS NOT NULL AND sh IS NULL THEN [1] ELSE [] END |
    CREATE (survivor)-[:MEMBER_OF {role: lm.role, since: lm.since}]->(lh))
  RETURN CASE WHEN lh IS NOT NULL AND sh IS NOT NULL AND lh <> sh
              THEN {kept: CASE WHEN sm.since <= lm.since THEN sh.id ELSE lh.id END,
                    dropped: CASE WHEN sm.since <= lm.since THEN lh.id ELSE sh.id END,
                    keepLoser: lm.since < sm.since, role: lm.role, since: lm.since}
              ELSE null END AS conflict
}
CALL (loser, survivor, conflict) {
  WITH loser, survivor, conflict WHERE conflict IS NOT NULL AND conflict.keepLoser
  MATCH (survivor)-[old:MEMBER_OF]->(:Household)
  DELETE old
  WITH survivor, conflict
  MATCH (h:Household {id: conflict.kept})
  CREATE (survivor)-[:MEMBER_OF {role: conflict.role, since: conflict.since}]->(h)
}
CALL (loser) {
  MATCH (loser)-[r]-()
  DELETE r
}
CALL (survivor) {
  OPTIONAL MATCH (a:Person)-[:REFERRED*1..10000]->(survivor)
  WITH survivor, collect(a) AS ancestors
  WHERE survivor IN ancestors
  MATCH (:Person)-[k:REFERRED]->(survivor)
  OPTIONAL MATCH (inv:Invitation {id: k.invitationId})
  SET inv.status = 'REJECTED', inv.rejectionReason = 'cycle: closed by an identity merge'
  DELETE k
}
CALL (survivor) {
  OPTIONAL MATCH (:Person)-[k:REFERRED]->(survivor)
  WITH survivor, collect(k.invitationId) AS kept
  MATCH (inv:Invitation)-[:INVITEE]->(survivor)
  WHERE inv.status IN ['ACCEPTED', 'CONVERTED'] AND NOT inv.id IN kept
  SET inv.status = 'REJECTED',
      inv.rejectionReason = CASE WHEN EXISTS { (inv)-[:INVITER]->(survivor) }
                                 THEN 'self-referral: inviter and invitee were merged into one person'
                                 ELSE 'already referred: merged with a person who accepted another invitation first' END
}
REMOVE loser:Person
// An alias keeps only its OneID and times: attributes, data key and customer state are the survivor's.
SET loser = {oneId: loser.oneId, createdAt: loser.createdAt, mergedAt: row.at}
SET loser:Alias
CREATE (loser)-[:ALIAS_OF]->(survivor)
RETURN row.from AS from, row.into AS into, conflict
