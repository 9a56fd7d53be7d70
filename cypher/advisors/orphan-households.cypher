// Orphan households: no advisor, or an advisor whose record says LEFT. Ranked by ACTIVE
// annual premium (h.activePremium, kept up to date by the work-list writes; absent counts as
// 0) descending, then id ascending. Returns the total, one page of at most $first after the
// position $after ({premium, id}; null: from the start) and whether more follow. (The
// aggregations return one row even when there is no orphan.)
OPTIONAL MATCH (gone:Advisor {status: 'LEFT'})
WITH collect(gone.advisorId) AS left
MATCH (h:Household)
WHERE h.advisorId IS NULL OR h.advisorId IN left
WITH h, coalesce(h.activePremium, 0) AS premium
ORDER BY premium DESC, h.id ASC
WITH collect({premium: premium, h: h}) AS ranked
WITH size(ranked) AS totalCount,
     [r IN ranked WHERE $after IS NULL OR r.premium < $after.premium OR (r.premium = $after.premium AND r.h.id > $after.id)] AS rest
WITH totalCount, rest, toInteger($first) AS first
WITH totalCount, size(rest) > first AS hasNextPage, rest[0..first] AS rows
CALL (rows) {
  UNWIND rows AS r
  WITH r.premium AS premium, r.h AS h
  RETURN collect({premium: premium, household: h {.*}}) AS page
}
RETURN totalCount, hasNextPage, page
