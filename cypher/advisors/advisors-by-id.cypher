// Advisors by id ($ids): the stored record (null for an advisorId that households reference
// but that was never upserted). No row for an unknown advisorId (no record, no household).
UNWIND $ids AS id
OPTIONAL MATCH (a:Advisor {advisorId: id})
WITH id, a
WHERE a IS NOT NULL OR EXISTS { MATCH (:Household {advisorId: id}) }
RETURN id, a {.*} AS advisor
