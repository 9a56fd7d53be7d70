// Benchmark only (bench/run.ts): drop the plain-MERGE baseline's constraints once its nodes are gone.
DROP CONSTRAINT bench_plain_identifier IF EXISTS;
DROP CONSTRAINT bench_plain_event IF EXISTS;
