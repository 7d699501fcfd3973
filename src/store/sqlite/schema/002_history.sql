-- portfolj schema, version 2: each indicator's measuring frequency, and the
-- row versions that let any report be rebuilt as the database stood at a
-- moment (FORMATS.md section 4, "As of a moment").
--
-- Every table of the portfolio has `run`: the run that wrote the row as it
-- is now (measurements had it already). Each has a table hist_NAME holding
-- the row as it was before each update, and rows deleted, with `ended`, the
-- run that replaced or deleted it: so a row version is what the database
-- held from `run` (NULL: from before the history began) until `ended`.
-- Inserts cost nothing extra; updates and deletes, rare, one more row. A
-- later migration that adds a column to a table adds it to hist_NAME too,
-- in the same place, and changes the triggers.

ALTER TABLE indicators ADD COLUMN frequency TEXT NOT NULL DEFAULT 'kvartal'
	CHECK (frequency = 'kvartal' OR frequency = 'halvår' OR frequency = 'år');

ALTER TABLE initiatives ADD COLUMN run INTEGER;
ALTER TABLE indicators ADD COLUMN run INTEGER;
ALTER TABLE followups ADD COLUMN run INTEGER;
ALTER TABLE priorities ADD COLUMN run INTEGER;
ALTER TABLE roadmap_versions ADD COLUMN run INTEGER;
ALTER TABLE roadmap_items ADD COLUMN run INTEGER;
ALTER TABLE decisions ADD COLUMN run INTEGER;

-- The run of a trigger: every write happens inside a run, the newest one.
CREATE TABLE hist_initiatives AS SELECT * FROM initiatives WHERE 0;
ALTER TABLE hist_initiatives ADD COLUMN ended INTEGER;
CREATE TABLE hist_indicators AS SELECT * FROM indicators WHERE 0;
ALTER TABLE hist_indicators ADD COLUMN ended INTEGER;
CREATE TABLE hist_measurements (key INTEGER, value REAL, comment TEXT, run INTEGER, ended INTEGER);
CREATE TABLE hist_followups AS SELECT * FROM followups WHERE 0;
ALTER TABLE hist_followups ADD COLUMN ended INTEGER;
CREATE TABLE hist_priorities AS SELECT * FROM priorities WHERE 0;
ALTER TABLE hist_priorities ADD COLUMN ended INTEGER;
CREATE TABLE hist_roadmap_versions AS SELECT * FROM roadmap_versions WHERE 0;
ALTER TABLE hist_roadmap_versions ADD COLUMN ended INTEGER;
CREATE TABLE hist_roadmap_items AS SELECT * FROM roadmap_items WHERE 0;
ALTER TABLE hist_roadmap_items ADD COLUMN ended INTEGER;
CREATE TABLE hist_decisions AS SELECT * FROM decisions WHERE 0;
ALTER TABLE hist_decisions ADD COLUMN ended INTEGER;

CREATE TRIGGER initiatives_update AFTER UPDATE ON initiatives BEGIN
	INSERT INTO hist_initiatives VALUES (OLD.pk, OLD.id, OLD.title, OLD.committee, OLD.unit,
		OLD.description, OLD.category, OLD.status, OLD.innovative, OLD.cross_cutting,
		OLD.project_manager, OLD.benefit_owner, OLD.start, OLD.end, OLD.budget, OLD.it_hours,
		OLD.run, (SELECT max(pk) FROM runs));
END;
CREATE TRIGGER initiatives_delete AFTER DELETE ON initiatives BEGIN
	INSERT INTO hist_initiatives VALUES (OLD.pk, OLD.id, OLD.title, OLD.committee, OLD.unit,
		OLD.description, OLD.category, OLD.status, OLD.innovative, OLD.cross_cutting,
		OLD.project_manager, OLD.benefit_owner, OLD.start, OLD.end, OLD.budget, OLD.it_hours,
		OLD.run, (SELECT max(pk) FROM runs));
END;

CREATE TRIGGER indicators_update AFTER UPDATE ON indicators BEGIN
	INSERT INTO hist_indicators VALUES (OLD.pk, OLD.id, OLD.initiative, OLD.name, OLD.goal,
		OLD.unit, OLD.direction, OLD.baseline, OLD.baseline_date, OLD.target, OLD.target_date,
		OLD.method, OLD.owner, OLD.weight, OLD.benefit_type, OLD.benefit_sek, OLD.frequency,
		OLD.run, (SELECT max(pk) FROM runs));
END;
CREATE TRIGGER indicators_delete AFTER DELETE ON indicators BEGIN
	INSERT INTO hist_indicators VALUES (OLD.pk, OLD.id, OLD.initiative, OLD.name, OLD.goal,
		OLD.unit, OLD.direction, OLD.baseline, OLD.baseline_date, OLD.target, OLD.target_date,
		OLD.method, OLD.owner, OLD.weight, OLD.benefit_type, OLD.benefit_sek, OLD.frequency,
		OLD.run, (SELECT max(pk) FROM runs));
END;

CREATE TRIGGER measurements_update AFTER UPDATE ON measurements BEGIN
	INSERT INTO hist_measurements VALUES (OLD.key, OLD.value, OLD.comment, OLD.run,
		(SELECT max(pk) FROM runs));
END;
CREATE TRIGGER measurements_delete AFTER DELETE ON measurements BEGIN
	INSERT INTO hist_measurements VALUES (OLD.key, OLD.value, OLD.comment, OLD.run,
		(SELECT max(pk) FROM runs));
END;

CREATE TRIGGER followups_update AFTER UPDATE ON followups BEGIN
	INSERT INTO hist_followups VALUES (OLD.pk, OLD.initiative, OLD.period, OLD.assessment,
		OLD.status, OLD.expected_effects, OLD.comment, OLD.reported_by, OLD.run,
		(SELECT max(pk) FROM runs));
END;
CREATE TRIGGER followups_delete AFTER DELETE ON followups BEGIN
	INSERT INTO hist_followups VALUES (OLD.pk, OLD.initiative, OLD.period, OLD.assessment,
		OLD.status, OLD.expected_effects, OLD.comment, OLD.reported_by, OLD.run,
		(SELECT max(pk) FROM runs));
END;

CREATE TRIGGER priorities_update AFTER UPDATE ON priorities BEGIN
	INSERT INTO hist_priorities VALUES (OLD.pk, OLD.period, OLD.rank, OLD.initiative,
		OLD.decided_by, OLD.decision_date, OLD.run, (SELECT max(pk) FROM runs));
END;
CREATE TRIGGER priorities_delete AFTER DELETE ON priorities BEGIN
	INSERT INTO hist_priorities VALUES (OLD.pk, OLD.period, OLD.rank, OLD.initiative,
		OLD.decided_by, OLD.decision_date, OLD.run, (SELECT max(pk) FROM runs));
END;

CREATE TRIGGER roadmap_versions_update AFTER UPDATE ON roadmap_versions BEGIN
	INSERT INTO hist_roadmap_versions VALUES (OLD.pk, OLD.roadmap, OLD.version, OLD.unit,
		OLD.committee, OLD.date, OLD.first_year, OLD.decided_by, OLD.run,
		(SELECT max(pk) FROM runs));
END;
CREATE TRIGGER roadmap_versions_delete AFTER DELETE ON roadmap_versions BEGIN
	INSERT INTO hist_roadmap_versions VALUES (OLD.pk, OLD.roadmap, OLD.version, OLD.unit,
		OLD.committee, OLD.date, OLD.first_year, OLD.decided_by, OLD.run,
		(SELECT max(pk) FROM runs));
END;

CREATE TRIGGER roadmap_items_update AFTER UPDATE ON roadmap_items BEGIN
	INSERT INTO hist_roadmap_items VALUES (OLD.pk, OLD.version, OLD.initiative, OLD.horizon,
		OLD.comment, OLD.run, (SELECT max(pk) FROM runs));
END;
CREATE TRIGGER roadmap_items_delete AFTER DELETE ON roadmap_items BEGIN
	INSERT INTO hist_roadmap_items VALUES (OLD.pk, OLD.version, OLD.initiative, OLD.horizon,
		OLD.comment, OLD.run, (SELECT max(pk) FROM runs));
END;

CREATE TRIGGER decisions_update AFTER UPDATE ON decisions BEGIN
	INSERT INTO hist_decisions VALUES (OLD.pk, OLD.id, OLD.body, OLD.date, OLD.type, OLD.title,
		OLD.initiative, OLD.roadmap_version, OLD.protocol, OLD.protocol_first,
		OLD.protocol_last, OLD.comment, OLD.run, (SELECT max(pk) FROM runs));
END;
CREATE TRIGGER decisions_delete AFTER DELETE ON decisions BEGIN
	INSERT INTO hist_decisions VALUES (OLD.pk, OLD.id, OLD.body, OLD.date, OLD.type, OLD.title,
		OLD.initiative, OLD.roadmap_version, OLD.protocol, OLD.protocol_first,
		OLD.protocol_last, OLD.comment, OLD.run, (SELECT max(pk) FROM runs));
END;
