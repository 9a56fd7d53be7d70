// How many households are assigned to each advisor ($ids), whatever its status.
UNWIND $ids AS id
RETURN id, COUNT { MATCH (:Household {advisorId: id}) } AS households
