// Work-list and cross-sell pages read in rank order straight from an index (the index gives
// the order, so a page reads about as many entries as it returns whatever the book's size),
// and the work-list's totalCount from stored count classes (src/worklist/counts.ts). The
// range indexes of 005 and the (advisorId, kind, score) and gapScore indexes are replaced.
DROP INDEX work_item_rank IF EXISTS;
DROP INDEX work_item_month_day IF EXISTS;
DROP INDEX work_item_valid_from IF EXISTS;
DROP INDEX household_gap_score IF EXISTS;
CREATE INDEX work_item_order IF NOT EXISTS FOR (w:WorkItem) ON (w.advisorId, w.kind, w.score, w.validFrom, w.validTo);
CREATE INDEX household_cross_sell IF NOT EXISTS FOR (h:Household) ON (h.advisorId, h.crossSellScore);
CREATE CONSTRAINT work_count_key IF NOT EXISTS FOR (c:WorkCount) REQUIRE c.key IS UNIQUE;
CREATE INDEX work_count_class IF NOT EXISTS FOR (c:WorkCount) ON (c.advisorId, c.kind, c.validFrom);
