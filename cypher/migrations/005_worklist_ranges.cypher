// Work-list page and count read each kind by the range its validity allows: BIRTHDAY by
// month-day, the others by validFrom.
CREATE INDEX work_item_month_day IF NOT EXISTS FOR (w:WorkItem) ON (w.advisorId, w.kind, w.monthDay);
CREATE INDEX work_item_valid_from IF NOT EXISTS FOR (w:WorkItem) ON (w.advisorId, w.kind, w.validFrom);
