// What is stored for each household ($ids): its summary properties and its items (for the
// check that stored state equals a recomputation).
UNWIND $ids AS hid
MATCH (h:Household {id: hid})
OPTIONAL MATCH (w:WorkItem {householdId: hid})
WITH h, w ORDER BY w.key
RETURN h.id AS householdId, h.totalGap AS totalGap, h.gapScore AS gapScore, h.crossSellScore AS crossSellScore, h.crossSell AS crossSell,
       h.activePremium AS activePremium, h.stateAsOf AS asOf, h.stateValidTo AS validTo, collect(w {.*}) AS items
