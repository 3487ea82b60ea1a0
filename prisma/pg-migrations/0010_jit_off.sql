-- No JIT compilation for the service's sessions. The send check's statement runs a handful
-- of per-contact index lookups for up to 10,000 recipients; the planner's cost estimate for
-- that crosses jit_inline_above_cost and jit_optimize_above_cost, and PostgreSQL then
-- spends ~500 ms compiling it on every execution (EXPLAIN ANALYZE, 100,000 contacts: 640 ms
-- with JIT, 110 ms without), which no later execution reuses. Short statements never gain.
-- Set on the role that migrates, which is the role Hyperdrive connects as (README, "Deploy");
-- a new session takes it, so Hyperdrive's pooled connections take it as they are renewed.
-- Two databases of one server migrating at once (the tests' template and a copy) both add
-- the role's setting: the second then finds the first's row and the setting already there.
DO $$
BEGIN
    ALTER ROLE CURRENT_USER SET jit = off;
EXCEPTION WHEN unique_violation THEN
    NULL;
END;
$$;
