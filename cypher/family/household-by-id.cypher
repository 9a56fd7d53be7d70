// Households by id.
UNWIND $ids AS id
MATCH (h:Household {id: id})
RETURN id, h {.*} AS household
