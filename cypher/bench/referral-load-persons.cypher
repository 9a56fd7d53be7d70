// Benchmark only (bench/referral.ts): bare people for synthetic referral trees.
UNWIND $oneIds AS oneId
CREATE (:Person {oneId: oneId, createdAt: $createdAt, gender: 'UNKNOWN'})
