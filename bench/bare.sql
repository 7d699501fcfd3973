-- The engine's floor: bare tables with the columns of the generated sheets
-- (FORMATS.md section 2, in the order bench/gen.c writes them), every value
-- kept as the text of the file. No types to convert to, no constraints, no
-- keys, no indexes: what `sqlite3 .import` costs is the least any importer of
-- these files into SQLite can cost.
CREATE TABLE b_initiatives (id TEXT, title TEXT, committee TEXT, unit TEXT, description TEXT,
	category TEXT, status TEXT, innovative TEXT, cross_cutting TEXT, project_manager TEXT,
	benefit_owner TEXT, start TEXT, end_date TEXT, budget TEXT, it_hours TEXT);
CREATE TABLE b_effects (indicator_id TEXT, initiative TEXT, indicator TEXT, goal TEXT, unit TEXT,
	direction TEXT, baseline TEXT, baseline_date TEXT, target TEXT, target_date TEXT,
	method TEXT, owner TEXT, weight TEXT, benefit_type TEXT, benefit_sek TEXT);
CREATE TABLE b_measurements (indicator_id TEXT, period TEXT, value TEXT, comment TEXT);
CREATE TABLE b_followups (initiative TEXT, period TEXT, assessment TEXT, status TEXT,
	expected_effects TEXT, comment TEXT, reported_by TEXT);
CREATE TABLE b_priorities (period TEXT, rank TEXT, initiative TEXT, decided_by TEXT,
	decision_date TEXT);
