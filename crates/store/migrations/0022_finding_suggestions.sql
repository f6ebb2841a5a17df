-- jixiao schema, version 22: a finding's suggested fix and the values it quotes as evidence
-- (jixiao-rules `Finding::suggestion` and `Finding::quotes`), kept with its rule, place and
-- message: before this version they were lost when stored, and a finding read back was less
-- than the one the review made. `suggestion` is the fix as the catalogue fills it (a finding
-- grouped by cause stores, for each project's place, that place's own fix where it has one);
-- `quotes` a JSON array of objects with `field` and `value`, in the finding's order. NULL: none (the
-- reader's warnings, rules without a fix, findings stored before this version).
ALTER TABLE findings ADD COLUMN suggestion TEXT;
ALTER TABLE findings ADD COLUMN quotes TEXT;
