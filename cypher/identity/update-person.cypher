MATCH (p:Person {oneId: $oneId})
SET p += $props
RETURN p {.*} AS person
