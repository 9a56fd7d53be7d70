// What each household's work-list state is computed from (src/worklist/state.ts): members (with
// what a person record reads, so a page can prime it); policies held by or insuring a member (each once);
// SPOUSE links of members whose `since` is set; MARRIAGE life events of members; ACCEPTED
// (not converted) invitations sent by members; and, for the write path's diff, the stored
// state in short (`stored`: the summary hash and [key, content hash, count class] per item).
// The households: those of the touched people ($oneIds) and the households $householdIds
// that exist, each once, in id order. With $lock (the write path's before-commit hook) each is
// write-locked before it is read, in id order, so two writers of one household compute its
// state one after the other, each from committed inputs, and cannot deadlock on households.
CALL () {
  UNWIND $oneIds AS oneId
  MATCH (:Person {oneId: oneId})-[:MEMBER_OF]->(h:Household)
  RETURN h.id AS hid
  UNION
  UNWIND $householdIds AS hid
  MATCH (h:Household {id: hid})
  RETURN h.id AS hid
}
WITH hid ORDER BY hid
MATCH (h:Household {id: hid})
CALL (h) {
  WITH h WHERE $lock
  SET h.stateLock = coalesce(h.stateLock, 0) + 1
}
CALL (h) {
  OPTIONAL MATCH (p:Person)-[m:MEMBER_OF]->(h)
  RETURN collect(CASE WHEN p IS NULL THEN null ELSE {oneId: p.oneId, role: m.role, birthDate: p.birthDate, annualIncome: p.annualIncome,
                 premiumBudget: p.premiumBudget, displayName: p.displayName, gender: p.gender, createdAt: p.createdAt,
                 forgotten: p.forgotten} END) AS members,
         collect(p) AS persons
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)<-[:HELD_BY|INSURES]-(pol:Policy)
  WITH DISTINCT pol
  MATCH (pol)-[:HELD_BY]->(holder:Person)
  MATCH (pol)-[:INSURES]->(insured:Person)
  RETURN collect({policyNo: pol.policyNo, productType: pol.productType, sumAssured: pol.sumAssured, annualPremium: pol.annualPremium,
                  status: pol.status, endDate: pol.endDate, lapsedOn: pol.lapsedOn, holder: holder.oneId, insured: insured.oneId}) AS policies
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (p)-[s:SPOUSE_OF]-(q:Person)
  WHERE s.since IS NOT NULL
  RETURN collect({a: p.oneId, b: q.oneId, since: toString(s.since)}) AS spouseLinks
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (e:LifeEvent {kind: 'MARRIAGE'})-[:OF]->(p)
  OPTIONAL MATCH (e)-[:PARTNER]->(q:Person)
  RETURN collect({oneId: p.oneId, partner: q.oneId, date: toString(e.date)}) AS marriages
}
CALL (persons) {
  UNWIND persons AS p
  MATCH (i:Invitation {status: 'ACCEPTED'})-[:INVITER]->(p)
  RETURN collect({invitationId: i.id, inviter: p.oneId, acceptedAt: toString(i.acceptedAt)}) AS followUps
}
CALL (h) {
  OPTIONAL MATCH (w:WorkItem {householdId: h.id})
  WITH h.stateHash AS hash, collect(CASE WHEN w IS NULL THEN null ELSE [w.key, w.hash, w.countKey] END) AS items
  RETURN {hash: hash, items: items} AS stored
}
RETURN h.id AS householdId, h.advisorId AS advisorId, members, policies, spouseLinks, marriages, followUps, stored
