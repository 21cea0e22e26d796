-- The training programme's server schema (PostgreSQL 15), version 1.
--
-- Applied by `impasse programme init` in one transaction, as the programme's administrator: a
-- role that owns the database and has CREATEROLE (a superuser also works). See docs/programme.md.
--
-- Who is who. Every person is a login role with an opaque name (imp_ and 16 hex digits): every
-- role can read pg_roles and pg_auth_members, so names there must say nothing. Display names live
-- in impasse.people, which row-level security guards. Three group roles carry the table
-- privileges: impasse_trainee, impasse_supervisor, impasse_admin. A person's part in a cohort is a
-- row of impasse.memberships; a person may be a trainee in one cohort and a supervisor in another.
--
-- Who sees what (row-level security, ENABLED and FORCED on every table, so the owner is bound too):
--   * a trainee sees and writes only their own shared rows, and reads the notes on them, the
--     assignments of their cohorts and their supervisors' display names;
--   * a supervisor reads the shared rows of the trainees of their own cohorts (and nothing of
--     another cohort), and writes notes, ratings and assignments there;
--   * the administrator manages people, cohorts and memberships, and reads no drill.
-- Identity is session_user (the role that logged in), so SET ROLE to a group role changes no one's
-- identity. The lookups the policies need run in SECURITY DEFINER functions, so a policy never
-- reads a table whose policy reads it back.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'impasse_trainee') THEN
    CREATE ROLE impasse_trainee NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'impasse_supervisor') THEN
    CREATE ROLE impasse_supervisor NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'impasse_admin') THEN
    CREATE ROLE impasse_admin NOLOGIN;
  END IF;
  -- The owner of the tables is bound by the forced policies; its policies are impasse_admin's.
  EXECUTE format('GRANT impasse_admin TO %I', current_user);
  -- Only the programme's people connect to its database.
  EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
  EXECUTE format('GRANT CONNECT ON DATABASE %I TO impasse_trainee, impasse_supervisor, impasse_admin',
                 current_database());
END
$$;

CREATE SCHEMA impasse;
REVOKE ALL ON SCHEMA impasse FROM PUBLIC;
GRANT USAGE ON SCHEMA impasse TO impasse_trainee, impasse_supervisor, impasse_admin;

CREATE TABLE impasse.meta (
  key text PRIMARY KEY,
  value text NOT NULL
);
INSERT INTO impasse.meta VALUES ('schema_version', '1');

-- People, cohorts, memberships ---------------------------------------------------------------

CREATE TABLE impasse.people (
  role_name name PRIMARY KEY CHECK (role_name ~ '^imp_[0-9a-f]{16}$'),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE impasse.cohorts (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
  title text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE impasse.memberships (
  cohort text NOT NULL REFERENCES impasse.cohorts (id) ON DELETE CASCADE,
  role_name name NOT NULL REFERENCES impasse.people (role_name) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('supervisor', 'trainee')),
  PRIMARY KEY (cohort, role_name)
);
CREATE INDEX memberships_person ON impasse.memberships (role_name, kind);

-- Shared drills: keyed by the ids the laptop generated, one copy per cohort --------------------

CREATE TABLE impasse.drills (
  uid uuid NOT NULL,
  cohort text NOT NULL REFERENCES impasse.cohorts (id) ON DELETE CASCADE,
  owner name NOT NULL DEFAULT session_user,
  scenario text NOT NULL,
  scenario_hash text NOT NULL,
  seed numeric(20, 0) NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  ending text NOT NULL DEFAULT '',
  status text NOT NULL,
  mean_score double precision,
  turn_count integer NOT NULL DEFAULT 0,
  include_inner boolean NOT NULL DEFAULT false,
  distress smallint CHECK (distress BETWEEN 0 AND 10),  -- only with include_inner
  pause_note text,                                      -- only with include_inner
  shared_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (uid, cohort),
  UNIQUE (uid, cohort, owner),
  CHECK (include_inner OR (distress IS NULL AND pause_note IS NULL))
);
CREATE INDEX drills_cohort_started ON impasse.drills (cohort, started_at DESC);
CREATE INDEX drills_owner ON impasse.drills (owner, cohort);

-- The drill's final path only. A turn's owner is its drill's owner (the foreign key says so).
CREATE TABLE impasse.turns (
  uid uuid NOT NULL,
  cohort text NOT NULL,
  drill_uid uuid NOT NULL,
  owner name NOT NULL DEFAULT session_user,
  idx integer NOT NULL CHECK (idx >= 0),
  node text NOT NULL,
  input jsonb NOT NULL,
  overall double precision,
  record jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (uid, cohort),
  UNIQUE (drill_uid, cohort, idx),
  UNIQUE (uid, cohort, drill_uid),
  FOREIGN KEY (drill_uid, cohort, owner) REFERENCES impasse.drills (uid, cohort, owner)
    ON DELETE CASCADE
);

-- Inner skills: on the server only for a drill shared with them included.
CREATE TABLE impasse.checkins (
  uid uuid NOT NULL,
  cohort text NOT NULL,
  drill_uid uuid NOT NULL,
  owner name NOT NULL DEFAULT session_user,
  turn integer NOT NULL DEFAULT -1,
  feelings jsonb NOT NULL,
  intensity smallint NOT NULL CHECK (intensity BETWEEN 0 AND 10),
  urges jsonb NOT NULL,
  body text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  PRIMARY KEY (uid, cohort),
  FOREIGN KEY (drill_uid, cohort, owner) REFERENCES impasse.drills (uid, cohort, owner)
    ON DELETE CASCADE
);
CREATE INDEX checkins_drill ON impasse.checkins (drill_uid, cohort);

CREATE TABLE impasse.journal (
  uid uuid NOT NULL,
  cohort text NOT NULL,
  drill_uid uuid NOT NULL,
  owner name NOT NULL DEFAULT session_user,
  node text NOT NULL DEFAULT '',
  text text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (uid, cohort),
  FOREIGN KEY (drill_uid, cohort, owner) REFERENCES impasse.drills (uid, cohort, owner)
    ON DELETE CASCADE
);
CREATE INDEX journal_drill ON impasse.journal (drill_uid, cohort);

CREATE TABLE impasse.self_ratings (
  drill_uid uuid NOT NULL,
  cohort text NOT NULL,
  owner name NOT NULL DEFAULT session_user,
  principle text NOT NULL,
  rating double precision NOT NULL CHECK (rating BETWEEN 0 AND 1),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (drill_uid, cohort, principle),
  FOREIGN KEY (drill_uid, cohort, owner) REFERENCES impasse.drills (uid, cohort, owner)
    ON DELETE CASCADE
);

-- Supervision: notes and ratings on turns, assignments and their status ----------------------

-- One note per supervisor per turn (writing again replaces it); overall 1-5 and 0/1/2 per
-- principle, the scales of the evaluation set. Withdrawing the drill deletes its notes.
CREATE TABLE impasse.notes (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cohort text NOT NULL,
  drill_uid uuid NOT NULL,
  turn_uid uuid NOT NULL,
  author name NOT NULL DEFAULT session_user,
  text text NOT NULL DEFAULT '' CHECK (length(text) <= 20000),
  overall smallint CHECK (overall BETWEEN 1 AND 5),
  principles jsonb NOT NULL DEFAULT '{}'
    CHECK (jsonb_typeof(principles) = 'object'
           AND NOT jsonb_path_exists(principles, '$.* ? (@ != 0 && @ != 1 && @ != 2)')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (turn_uid, cohort, author),
  FOREIGN KEY (drill_uid, cohort) REFERENCES impasse.drills (uid, cohort) ON DELETE CASCADE,
  FOREIGN KEY (turn_uid, cohort, drill_uid) REFERENCES impasse.turns (uid, cohort, drill_uid)
    ON DELETE CASCADE
);
CREATE INDEX notes_drill ON impasse.notes (drill_uid, cohort);

CREATE TABLE impasse.assignments (
  uid uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  cohort text NOT NULL REFERENCES impasse.cohorts (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  scenario text NOT NULL,      -- the case; for a set of moments, its first moment
  moments jsonb                -- a set of moment drills: [{"scenario": id, "hash": h}, ...]
    CHECK (moments IS NULL OR jsonb_typeof(moments) = 'array'),  -- (`init` adds it, as below)
  assessment boolean NOT NULL DEFAULT false,  -- fixed seed and option order for everyone
  seed numeric(20, 0),         -- an assessment's: the option order follows from it
  scenario_hash text,          -- an assessment's: the case's content hash
  scorer_version text,         -- an assessment's: the scorer it was made with (`init` adds
                               -- this column to a server set up before it existed)
  due date,
  created_by name NOT NULL DEFAULT session_user,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assignments_cohort ON impasse.assignments (cohort, due);

-- Accepting an assignment shares its status, not its content.
CREATE TABLE impasse.assignment_status (
  assignment_uid uuid NOT NULL REFERENCES impasse.assignments (uid) ON DELETE CASCADE,
  owner name NOT NULL DEFAULT session_user,
  status text NOT NULL CHECK (status IN ('started', 'done')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (assignment_uid, owner)
);

-- Lookups for the policies (SECURITY DEFINER: they read memberships as its owner) ------------

-- The cohorts the person who logged in belongs to, as `k` ('trainee', 'supervisor'; NULL: any).
CREATE FUNCTION impasse.my_cohorts(k text) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT m.cohort FROM impasse.memberships m
  WHERE m.role_name = session_user AND (k IS NULL OR m.kind = k)
$$;

-- The trainees of the cohorts the person who logged in supervises.
CREATE FUNCTION impasse.my_trainees() RETURNS TABLE (cohort text, role_name name)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT t.cohort, t.role_name FROM impasse.memberships s
  JOIN impasse.memberships t ON t.cohort = s.cohort AND t.kind = 'trainee'
  WHERE s.role_name = session_user AND s.kind = 'supervisor'
$$;

-- The memberships the person who logged in may see: their own, every one in the cohorts they
-- supervise, and the supervisors of their cohorts (not the other trainees).
CREATE FUNCTION impasse.visible_memberships() RETURNS TABLE (cohort text, role_name name)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
  SELECT m.cohort, m.role_name FROM impasse.memberships m
  WHERE m.role_name = session_user
     OR m.cohort IN (SELECT s.cohort FROM impasse.memberships s
                     WHERE s.role_name = session_user AND s.kind = 'supervisor')
     OR (m.kind = 'supervisor' AND m.cohort IN (SELECT s.cohort FROM impasse.memberships s
                                                WHERE s.role_name = session_user))
$$;

-- Administration (SECURITY INVOKER: the administrator's own CREATEROLE does the work) ----------

-- Creates the login role `p_role` (no password yet), their display name and membership.
CREATE FUNCTION impasse.add_person(p_role name, p_kind text, p_cohort text, p_display text)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF p_role !~ '^imp_[0-9a-f]{16}$' THEN
    RAISE EXCEPTION 'not an Impasse role name: %', p_role;
  END IF;
  IF p_kind NOT IN ('supervisor', 'trainee') THEN
    RAISE EXCEPTION 'a person is a supervisor or a trainee, not %', p_kind;
  END IF;
  EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', p_role, 'impasse_' || p_kind);
  INSERT INTO impasse.people (role_name, display_name) VALUES (p_role, p_display);
  INSERT INTO impasse.memberships (cohort, role_name, kind) VALUES (p_cohort, p_role, p_kind);
END
$$;

-- Adds an existing person to another cohort.
CREATE FUNCTION impasse.join_cohort(p_role name, p_kind text, p_cohort text)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM impasse.people WHERE role_name = p_role) THEN
    RAISE EXCEPTION 'no person % in this programme', p_role;
  END IF;
  IF p_kind NOT IN ('supervisor', 'trainee') THEN
    RAISE EXCEPTION 'a person is a supervisor or a trainee, not %', p_kind;
  END IF;
  EXECUTE format('GRANT %I TO %I', 'impasse_' || p_kind, p_role);
  INSERT INTO impasse.memberships (cohort, role_name, kind) VALUES (p_cohort, p_role, p_kind);
END
$$;

-- Sets a person's password from a SCRAM verifier computed by the client, so the password itself
-- never reaches the server (or its logs).
CREATE FUNCTION impasse.set_password(p_role name, p_verifier text)
RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM impasse.people WHERE role_name = p_role) THEN
    RAISE EXCEPTION 'no person % in this programme', p_role;
  END IF;
  IF p_verifier !~ '^SCRAM-SHA-256\$' THEN
    RAISE EXCEPTION 'a password is set from a SCRAM-SHA-256 verifier';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_role, p_verifier);
END
$$;

REVOKE ALL ON ALL FUNCTIONS IN SCHEMA impasse FROM PUBLIC;
GRANT EXECUTE ON FUNCTION impasse.my_cohorts(text), impasse.my_trainees(),
  impasse.visible_memberships() TO impasse_trainee, impasse_supervisor, impasse_admin;
GRANT EXECUTE ON FUNCTION impasse.add_person(name, text, text, text),
  impasse.join_cohort(name, text, text), impasse.set_password(name, text) TO impasse_admin;

-- Privileges: what each group may do at all; the policies below narrow it to rows -------------

GRANT SELECT ON impasse.meta TO impasse_trainee, impasse_supervisor, impasse_admin;
GRANT SELECT ON impasse.people, impasse.cohorts, impasse.memberships
  TO impasse_trainee, impasse_supervisor;
GRANT SELECT, INSERT, UPDATE, DELETE ON impasse.people, impasse.cohorts, impasse.memberships
  TO impasse_admin;
GRANT SELECT, INSERT, UPDATE, DELETE
  ON impasse.drills, impasse.turns, impasse.checkins, impasse.journal, impasse.self_ratings
  TO impasse_trainee;
GRANT SELECT
  ON impasse.drills, impasse.turns, impasse.checkins, impasse.journal, impasse.self_ratings
  TO impasse_supervisor;
GRANT SELECT ON impasse.notes, impasse.assignments TO impasse_trainee;
GRANT SELECT, INSERT, UPDATE, DELETE ON impasse.notes, impasse.assignments TO impasse_supervisor;
GRANT SELECT, INSERT, UPDATE ON impasse.assignment_status TO impasse_trainee;
GRANT SELECT ON impasse.assignment_status TO impasse_supervisor;

-- Row-level security -------------------------------------------------------------------------

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['meta', 'people', 'cohorts', 'memberships', 'drills', 'turns',
                           'checkins', 'journal', 'self_ratings', 'notes', 'assignments',
                           'assignment_status'] LOOP
    EXECUTE format('ALTER TABLE impasse.%I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE impasse.%I FORCE ROW LEVEL SECURITY', t);
  END LOOP;
END
$$;

CREATE POLICY everyone_reads ON impasse.meta FOR SELECT
  TO impasse_trainee, impasse_supervisor, impasse_admin USING (true);

-- The administrator manages people, cohorts and memberships (and reads no drill).
CREATE POLICY admin_manages ON impasse.people TO impasse_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_manages ON impasse.cohorts TO impasse_admin USING (true) WITH CHECK (true);
CREATE POLICY admin_manages ON impasse.memberships TO impasse_admin USING (true) WITH CHECK (true);

CREATE POLICY members_read ON impasse.cohorts FOR SELECT TO impasse_trainee, impasse_supervisor
  USING (id IN (SELECT impasse.my_cohorts(NULL)));
CREATE POLICY members_read ON impasse.memberships FOR SELECT
  TO impasse_trainee, impasse_supervisor
  USING ((cohort, role_name) IN (SELECT v.cohort, v.role_name FROM impasse.visible_memberships() v));
CREATE POLICY members_read ON impasse.people FOR SELECT TO impasse_trainee, impasse_supervisor
  USING (role_name IN (SELECT v.role_name FROM impasse.visible_memberships() v));

-- A trainee's shared rows: theirs alone, written only into cohorts they are a trainee of; read by
-- the supervisors of that cohort while the trainee is in it.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['drills', 'turns', 'checkins', 'journal', 'self_ratings'] LOOP
    EXECUTE format($p$CREATE POLICY trainee_own ON impasse.%I TO impasse_trainee
      USING (owner = session_user)
      WITH CHECK (owner = session_user AND cohort IN (SELECT impasse.my_cohorts('trainee')))$p$, t);
    EXECUTE format($p$CREATE POLICY supervisor_reads ON impasse.%I FOR SELECT TO impasse_supervisor
      USING ((cohort, owner) IN (SELECT s.cohort, s.role_name FROM impasse.my_trainees() s))$p$, t);
  END LOOP;
END
$$;

-- A note is read by whoever may read its drill (its trainee, the cohort's supervisors), and
-- written only by its author, a supervisor of the cohort, on a drill they may read.
CREATE POLICY readers_of_the_drill ON impasse.notes FOR SELECT
  TO impasse_trainee, impasse_supervisor
  USING (EXISTS (SELECT 1 FROM impasse.drills d
                 WHERE d.uid = notes.drill_uid AND d.cohort = notes.cohort));
CREATE POLICY author_writes ON impasse.notes TO impasse_supervisor
  USING (author = session_user AND cohort IN (SELECT impasse.my_cohorts('supervisor')))
  WITH CHECK (author = session_user AND cohort IN (SELECT impasse.my_cohorts('supervisor'))
              AND EXISTS (SELECT 1 FROM impasse.drills d
                          WHERE d.uid = notes.drill_uid AND d.cohort = notes.cohort));

CREATE POLICY supervisor_manages ON impasse.assignments TO impasse_supervisor
  USING (cohort IN (SELECT impasse.my_cohorts('supervisor')))
  WITH CHECK (cohort IN (SELECT impasse.my_cohorts('supervisor')) AND created_by = session_user);
CREATE POLICY trainee_reads ON impasse.assignments FOR SELECT TO impasse_trainee
  USING (cohort IN (SELECT impasse.my_cohorts('trainee')));

CREATE POLICY trainee_own ON impasse.assignment_status TO impasse_trainee
  USING (owner = session_user)
  WITH CHECK (owner = session_user
              AND EXISTS (SELECT 1 FROM impasse.assignments a
                          WHERE a.uid = assignment_uid
                            AND a.cohort IN (SELECT impasse.my_cohorts('trainee'))));
CREATE POLICY supervisor_reads ON impasse.assignment_status FOR SELECT TO impasse_supervisor
  USING (EXISTS (SELECT 1 FROM impasse.assignments a
                 JOIN impasse.my_trainees() s ON s.cohort = a.cohort
                 WHERE a.uid = assignment_uid AND s.role_name = assignment_status.owner));
