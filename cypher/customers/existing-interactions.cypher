// Which of these interaction ids ($ids) are already recorded (a repeat is a duplicate).
UNWIND $ids AS id
MATCH (i:Interaction {id: id})
RETURN i.id AS id
