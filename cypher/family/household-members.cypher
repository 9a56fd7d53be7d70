// Members of each household with their role, and the member's person (no second look-up).
UNWIND $ids AS id
MATCH (:Household {id: id})<-[m:MEMBER_OF]-(p:Person)
RETURN id, m.role AS role, m.since AS since, p {.*} AS person
