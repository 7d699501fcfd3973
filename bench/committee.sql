-- The figures of `portfolj report committee --period P` (FORMATS.md sections 4
-- and 5), computed by one plain SQL query over the bare tables of bare.sql,
-- reading the raw text the sheets hold. The run script puts the period in for
-- @PERIOD@ (canonical, e.g. 2025Q4; the generator writes canonical periods, so
-- periods compare as text). One row per committee:
--   code, initiatives, the seven by_status counts (idé, förstudie, beslutad,
--   pågående, pausad, avslutad, stoppad), indicators, measured, on_track,
--   realisation, completed_in_year, innovative_share, missing_followups.
-- Fractions are rounded to 4 decimals as in the report's JSON.
WITH
par AS (
	SELECT p, substr(p, 1, 4) AS year,
	       date(substr(p, 1, 4) || '-' || printf('%02d', substr(p, 6, 1) * 3 - 2) || '-01',
	            '+3 months', '-1 day') AS pend
	FROM (SELECT '@PERIOD@' AS p)
),
-- Empty cells take the defaults of FORMATS.md section 2.
ini AS (
	SELECT id, committee AS code,
	       coalesce(nullif(status, ''), 'idé') AS status,
	       coalesce(nullif(category, ''), 'digitalisering') AS category,
	       lower(innovative) IN ('ja', 'yes', 'true', '1', 'x') AS innovative,
	       nullif(end_date, '') AS end_date
	FROM b_initiatives
),
-- Completion without an end date: the end of the first period whose follow-up says avslutad.
first_done AS (
	SELECT initiative AS id, min(period) AS period FROM b_followups
	WHERE status = 'avslutad' GROUP BY initiative
),
followed AS (
	SELECT DISTINCT initiative AS id FROM b_followups, par WHERE period = par.p
),
ini_agg AS (
	SELECT i.code, count(*) AS initiatives,
	       sum(i.status = 'idé') AS s_idea, sum(i.status = 'förstudie') AS s_prestudy,
	       sum(i.status = 'beslutad') AS s_decided, sum(i.status = 'pågående') AS s_ongoing,
	       sum(i.status = 'pausad') AS s_paused, sum(i.status = 'avslutad') AS s_completed,
	       sum(i.status = 'stoppad') AS s_cancelled,
	       sum(i.status = 'avslutad' AND d.done <= par.pend AND substr(d.done, 1, 4) = par.year)
	           AS completed_in_year,
	       sum(i.category <> 'förvaltning' AND i.innovative) AS innovative,
	       sum(i.category <> 'förvaltning') AS non_maintenance,
	       sum(i.status IN ('pågående', 'pausad') AND f.id IS NULL) AS missing_followups
	FROM ini i
	CROSS JOIN par
	LEFT JOIN (
		SELECT i2.id, coalesce(i2.end_date,
		       date(substr(fd.period, 1, 4) || '-' || printf('%02d', substr(fd.period, 6, 1) * 3 - 2)
		            || '-01', '+3 months', '-1 day')) AS done
		FROM ini i2 LEFT JOIN first_done fd ON fd.id = i2.id
	) d ON d.id = i.id
	LEFT JOIN followed f ON f.id = i.id
	GROUP BY i.code
),
-- The latest value in a period at or before P, per indicator (SQLite takes the
-- bare column `value` from the row holding max(period)).
latest AS (
	SELECT indicator_id, max(period) AS period, CAST(value AS REAL) AS v
	FROM b_measurements, par WHERE period <= par.p
	GROUP BY indicator_id
),
ev AS (
	SELECT i.code,
	       coalesce(CAST(nullif(e.weight, '') AS REAL), 1.0) AS w,
	       CAST(e.baseline AS REAL) AS b, CAST(e.target AS REAL) AS t,
	       CASE WHEN nullif(e.direction, '') IS NOT NULL THEN e.direction IN ('minska', 'decrease')
	            ELSE CAST(e.target AS REAL) < CAST(e.baseline AS REAL) END AS decrease,
	       julianday(e.baseline_date) AS d0, julianday(e.target_date) AS d1,
	       l.v
	FROM b_effects e
	JOIN ini i ON i.id = e.initiative
	LEFT JOIN latest l ON l.indicator_id = e.indicator_id
),
prog AS (
	SELECT code, w, v,
	       CASE WHEN v IS NULL THEN NULL
	            WHEN t = b THEN CASE WHEN (decrease AND v <= t) OR (NOT decrease AND v >= t)
	                                 THEN 1.0 ELSE 0.0 END
	            ELSE max(0.0, min(1.0, (v - b) / (t - b))) END AS progress,
	       CASE WHEN d1 <= d0 THEN 1.0
	            ELSE max(0.0, min(1.0, (julianday(par.pend) - d0) / (d1 - d0))) END AS expected
	FROM ev, par
),
ind_agg AS (
	SELECT code, count(*) AS indicators, count(v) AS measured,
	       coalesce(sum(v IS NOT NULL AND progress >= expected - 0.10 - 1e-9), 0) AS on_track,
	       sum(w * progress) / sum(CASE WHEN v IS NOT NULL THEN w END) AS realisation
	FROM prog GROUP BY code
)
SELECT a.code, a.initiatives,
       a.s_idea, a.s_prestudy, a.s_decided, a.s_ongoing, a.s_paused, a.s_completed, a.s_cancelled,
       coalesce(x.indicators, 0), coalesce(x.measured, 0), coalesce(x.on_track, 0),
       round(x.realisation, 4),
       a.completed_in_year,
       CASE WHEN a.non_maintenance > 0 THEN round(1.0 * a.innovative / a.non_maintenance, 4) END,
       a.missing_followups
FROM ini_agg a LEFT JOIN ind_agg x ON x.code = a.code
ORDER BY a.code;
