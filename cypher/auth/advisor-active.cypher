// Whether an ADVISOR token may read at all: false when the advisor's record says LEFT (an
// advisorId that was never upserted is ACTIVE). One row.
OPTIONAL MATCH (a:Advisor {advisorId: $advisorId})
RETURN coalesce(a.status, 'ACTIVE') <> 'LEFT' AS active
