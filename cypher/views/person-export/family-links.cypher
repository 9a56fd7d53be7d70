// Person export: the family links asserted on the person (PARENT: `from` is a parent of `to`).
MATCH (p:Person {oneId: $oneId})-[r:PARENT_OF|SPOUSE_OF|SIBLING_OF]-(:Person)
RETURN startNode(r).oneId AS from, endNode(r).oneId AS to,
       CASE type(r) WHEN 'PARENT_OF' THEN 'PARENT' WHEN 'SPOUSE_OF' THEN 'SPOUSE' ELSE 'SIBLING' END AS relation,
       r.since AS since, r.createdAt AS createdAt
ORDER BY relation, from, to
