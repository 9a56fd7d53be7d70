// props holds attribute values and their observation times (displayName, displayNameAt, ...).
UNWIND $rows AS row
MATCH (p:Person {oneId: row.oneId})
SET p += row.props
