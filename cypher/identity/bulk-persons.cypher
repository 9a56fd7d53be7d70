// Bulk first load: the live people, created with their final attributes (props: values and their times).
UNWIND $rows AS row
CREATE (p:Person {oneId: row.oneId, createdAt: row.createdAt, gender: 'UNKNOWN'})
SET p += row.props
