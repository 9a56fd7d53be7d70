// Every access-log entry naming one of these OneIDs (one person's OneIDs), newest first: the
// access-log section of the person export.
MATCH (e:AccessLogEntry)
WHERE e.oneId IN $oneIds
RETURN e {.*} AS entry
ORDER BY e.at DESC, e.id DESC
