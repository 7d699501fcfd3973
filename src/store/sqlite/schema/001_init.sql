-- portfolj schema, version 1: the whole portfolio of FORMATS.md section 2,
-- the runs that changed it, and the history of every changed value.
-- Enumerated values are stored as the canonical Swedish words (checked with OR
-- chains: an IN list would make SQLite build a temporary table on every insert); periods as
-- integers (year*4 + quarter-1); dates as ISO text; money in whole kronor.

CREATE TABLE committees (
	code TEXT PRIMARY KEY,
	name TEXT
) WITHOUT ROWID;

INSERT INTO committees (code, name) VALUES
	('RS', 'Regionstyrelsen'),
	('HSN', 'Hälso- och sjukvårdsnämnden'),
	('KTN', 'Kollektivtrafiknämnden'),
	('KBN', 'Kultur- och bildningsnämnden'),
	('RUN', 'Regionala utvecklingsnämnden');

-- Administrations and operations (förvaltningar, verksamheter).
CREATE TABLE units (
	name TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TABLE initiatives (
	pk INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	committee TEXT NOT NULL REFERENCES committees(code),
	unit TEXT REFERENCES units(name),
	description TEXT,
	category TEXT NOT NULL DEFAULT 'digitalisering'
		CHECK (category = 'digitalisering' OR category = 'förvaltning' OR category = 'infrastruktur'),
	status TEXT NOT NULL DEFAULT 'idé'
		CHECK (status = 'idé' OR status = 'förstudie' OR status = 'beslutad' OR status = 'pågående' OR
			status = 'pausad' OR status = 'avslutad' OR status = 'stoppad'),
	innovative INTEGER NOT NULL DEFAULT 0 CHECK (innovative = 0 OR innovative = 1),
	cross_cutting INTEGER NOT NULL DEFAULT 0 CHECK (cross_cutting = 0 OR cross_cutting = 1),
	project_manager TEXT,
	benefit_owner TEXT,
	start TEXT,
	end TEXT,
	budget INTEGER,
	it_hours REAL
);
CREATE INDEX initiatives_committee ON initiatives(committee);

-- Indicators of the effect goals (effektmål); `goal` names the goal an
-- indicator measures, so a goal is the set of indicators sharing it.
CREATE TABLE indicators (
	pk INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	initiative INTEGER NOT NULL REFERENCES initiatives(pk),
	name TEXT NOT NULL,
	goal TEXT,
	unit TEXT,
	direction TEXT NOT NULL CHECK (direction = 'öka' OR direction = 'minska'),
	baseline REAL NOT NULL,
	baseline_date TEXT NOT NULL,
	target REAL NOT NULL,
	target_date TEXT NOT NULL,
	method TEXT,
	owner TEXT,
	weight REAL CHECK (weight IS NULL OR weight > 0),
	benefit_type TEXT CHECK (benefit_type = 'ekonomisk' OR benefit_type = 'omfördelning' OR
		benefit_type = 'kvalitativ'),
	benefit_sek INTEGER,
	CHECK (target_date > baseline_date)
);
CREATE INDEX indicators_initiative ON indicators(initiative, id);

-- The bulk of a portfolio (years of quarterly values). The key packs the
-- indicator and the period (indicator << 16 | period; periods are below
-- 2^16) into the rowid: one B-tree, values of an indicator side by side in
-- period order, an import of sorted sheets appends, and "the latest value by
-- period P" is the largest key in a range.
CREATE TABLE measurements (
	key INTEGER PRIMARY KEY,
	indicator INTEGER GENERATED ALWAYS AS (key >> 16) VIRTUAL,
	period INTEGER GENERATED ALWAYS AS (key & 65535) VIRTUAL,
	value REAL NOT NULL,
	comment TEXT,
	run INTEGER NOT NULL -- the run that last wrote the value
);

CREATE TABLE followups (
	pk INTEGER PRIMARY KEY,
	initiative INTEGER NOT NULL REFERENCES initiatives(pk),
	period INTEGER NOT NULL,
	assessment TEXT NOT NULL CHECK (assessment = 'grön' OR assessment = 'gul' OR assessment = 'röd'),
	status TEXT
		CHECK (status = 'idé' OR status = 'förstudie' OR status = 'beslutad' OR status = 'pågående' OR
			status = 'pausad' OR status = 'avslutad' OR status = 'stoppad'),
	expected_effects TEXT,
	comment TEXT,
	reported_by TEXT,
	UNIQUE (initiative, period)
);

-- The prioritised list ("10 digitaliseringsinitiativ") of each period.
CREATE TABLE priorities (
	pk INTEGER PRIMARY KEY,
	period INTEGER NOT NULL,
	rank INTEGER NOT NULL CHECK (rank > 0),
	initiative INTEGER NOT NULL REFERENCES initiatives(pk),
	decided_by TEXT,
	decision_date TEXT,
	UNIQUE (period, rank)
);
CREATE INDEX priorities_initiative ON priorities(initiative);

-- A digital färdplan in versions; each version places initiatives on horizons.
CREATE TABLE roadmap_versions (
	pk INTEGER PRIMARY KEY,
	roadmap TEXT NOT NULL,
	version TEXT NOT NULL,
	unit TEXT NOT NULL REFERENCES units(name),
	committee TEXT NOT NULL REFERENCES committees(code),
	date TEXT NOT NULL,
	first_year INTEGER,
	decided_by TEXT,
	UNIQUE (roadmap, version)
);

CREATE TABLE roadmap_items (
	pk INTEGER PRIMARY KEY,
	version INTEGER NOT NULL REFERENCES roadmap_versions(pk),
	initiative INTEGER NOT NULL REFERENCES initiatives(pk),
	horizon TEXT NOT NULL CHECK (horizon = 'år 1' OR horizon = 'år 2' OR horizon = 'år 3' OR
		horizon = 'senare'),
	comment TEXT,
	UNIQUE (version, initiative)
);
CREATE INDEX roadmap_items_initiative ON roadmap_items(initiative);

-- Decisions by a body, and occasions on which a body was informed. The
-- protocol reference is kept canonical, with its parts for queries.
CREATE TABLE decisions (
	pk INTEGER PRIMARY KEY,
	id TEXT NOT NULL UNIQUE,
	body TEXT NOT NULL,
	date TEXT NOT NULL,
	type TEXT NOT NULL CHECK (type = 'start' OR type = 'prioritering' OR type = 'paus' OR
		type = 'stopp' OR type = 'avslut' OR type = 'fastställande' OR type = 'information'),
	title TEXT,
	initiative INTEGER REFERENCES initiatives(pk),
	roadmap_version INTEGER REFERENCES roadmap_versions(pk),
	protocol TEXT,
	protocol_first INTEGER,
	protocol_last INTEGER,
	comment TEXT
);
CREATE INDEX decisions_initiative ON decisions(initiative);
CREATE INDEX decisions_roadmap_version ON decisions(roadmap_version);

-- Every command or import that changed the database.
CREATE TABLE runs (
	pk INTEGER PRIMARY KEY,
	at TEXT NOT NULL,
	command TEXT NOT NULL,
	actor TEXT
);

CREATE TABLE run_sources (
	run INTEGER NOT NULL REFERENCES runs(pk),
	source TEXT NOT NULL,
	checksum TEXT,
	kind TEXT,
	rows INTEGER NOT NULL DEFAULT 0,
	inserted INTEGER NOT NULL DEFAULT 0,
	updated INTEGER NOT NULL DEFAULT 0,
	unchanged INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX run_sources_run ON run_sources(run);

-- The history of every updated or deleted value.
CREATE TABLE changes (
	pk INTEGER PRIMARY KEY,
	run INTEGER NOT NULL REFERENCES runs(pk),
	kind TEXT NOT NULL,
	key TEXT NOT NULL,
	initiative TEXT, -- the initiative the changed row belongs to, for its report
	field TEXT NOT NULL,
	old TEXT,
	new TEXT
);
CREATE INDEX changes_key ON changes(kind, key);
CREATE INDEX changes_initiative ON changes(initiative);
