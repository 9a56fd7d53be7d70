// Every household id after $after, in id order ($limit a page): for rebuilding all stored
// state when the rules change.
MATCH (h:Household) WHERE h.id > $after
RETURN h.id AS id ORDER BY id LIMIT toInteger($limit)
