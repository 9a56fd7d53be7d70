// Benchmark only (bench/identity.ts): drop the baseline's constraint once its nodes are gone.
DROP CONSTRAINT bench_identity_plain_identifier IF EXISTS;
