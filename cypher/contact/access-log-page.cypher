// One page of the access log, newest first (at, then id, descending), after the cursor
// position ($afterAt, $afterId; null: from the newest), with the number of matching entries.
// Filters (null: any): $oneIds (the OneIDs of one person), $actor, $outcome, $from (inclusive)
// and $to (exclusive) on `at`. $limit = page size + 1 (the extra entry says there is a next page).
CALL () {
  MATCH (e:AccessLogEntry)
  WHERE ($oneIds IS NULL OR e.oneId IN $oneIds) AND ($actor IS NULL OR e.actor = $actor)
    AND ($outcome IS NULL OR e.outcome = $outcome) AND ($from IS NULL OR e.at >= $from) AND ($to IS NULL OR e.at < $to)
  RETURN count(e) AS totalCount
}
CALL () {
  MATCH (e:AccessLogEntry)
  WHERE ($oneIds IS NULL OR e.oneId IN $oneIds) AND ($actor IS NULL OR e.actor = $actor)
    AND ($outcome IS NULL OR e.outcome = $outcome) AND ($from IS NULL OR e.at >= $from) AND ($to IS NULL OR e.at < $to)
    AND ($afterAt IS NULL OR e.at < $afterAt OR (e.at = $afterAt AND e.id < $afterId))
  WITH e ORDER BY e.at DESC, e.id DESC LIMIT toInteger($limit)
  RETURN collect(e {.*}) AS page
}
RETURN totalCount, page
