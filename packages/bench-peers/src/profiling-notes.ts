/**
 * What profiling found where ours trails a peer, printed under the table. Written by hand from
 * `profile-workload.ts` runs (node --cpu-prof) and per-statement timings; update it when the
 * store changes, since the table below it is regenerated on every run.
 */
export const PROFILING_NOTES = `### Why ours trails on queue-add and queue-add-bulk (profiled 2026-11-25)

\`node --cpu-prof\` on \`profile-workload.ts workmanager-normal queue-add 20000\` (and
\`queue-add-bulk 100000\`) puts 51–59 % of the time in \`GroupCommit#attempt\`
(backend-node/src/sqlite/group-commit.ts), which is where better-sqlite3's native work is
counted. Timing each prepared statement splits it: \`COMMIT\` alone is 54 % of wall time one
by one (0.11 ms per commit at NORMAL, no fsync) and 50 % in bulk (35 ms per 1 000-work commit);
the INSERTs, BEGIN IMMEDIATE and the engine's read-back SELECTs are the rest, and JavaScript
(request building, engine bookkeeping) is under 10 %. The commit is slow because of how much
it writes, not how often: 100 000 bulk adds wrote 1.24 GB (≈12 KB per work, WAL plus
checkpoints) against plainjob's 15 MB (≈150 B per job); one by one, 33 KB per add against
13 KB. Each work inserts into three B-trees keyed by its random UUID (\`works.id UNIQUE\`,
\`work_tags\` primary key \`(work_id, tag)\`, \`work_tags_tag\`), so a batch dirties a random
leaf page in each for every work, and every dirty page goes to the WAL and back to the file at
checkpoint; plainjob appends to one table with an integer key. Ways out, for the store's
owner: time-ordered ids (UUIDv7) or keying the side tables by \`works.seq\`, not storing the
implicit worker-name tag as a row, and a larger \`wal_autocheckpoint\` for bulk loads.
BullMQ's lead on queue-add (in memory, no durability) is within this run's noise at NORMAL.`;
