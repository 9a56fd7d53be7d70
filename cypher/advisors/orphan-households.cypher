// Orphan households: no advisor, or an advisor whose record says LEFT. Ranked by ACTIVE
// annual premium (h.activePremium, kept up to date by the work-list writes; absent counts as
// 0) descending, then id ascending. Returns the total, one page of at most $first after the
// position $after ({premium, id}; null: from the start) and whether more follow. (The
// aggregation returns one row even when there is no orphan.)
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
RETURN totalCount,
       size(rest) > first AS hasNextPage,
       [r IN rest[0..first] | {premium: r.premium, household: r.h {.*}}] AS page
