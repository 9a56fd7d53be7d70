UNWIND $rows AS row
CREATE (:Person {oneId: row.oneId, createdAt: row.createdAt, gender: 'UNKNOWN'})
