// Which of these household ids ($ids) do not exist (one row; an empty list when all exist).
UNWIND $ids AS id
OPTIONAL MATCH (h:Household {id: id})
WITH id, h
WHERE h IS NULL
RETURN collect(id) AS missing
