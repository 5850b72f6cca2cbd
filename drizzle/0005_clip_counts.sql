CREATE TABLE "clip_counts" (
	"scope" varchar(20) NOT NULL,
	"slot" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "clip_counts_scope_slot_pk" PRIMARY KEY("scope","slot")
);
--> statement-breakpoint
-- One statement-level trigger per operation, over the transition tables: a bulk insert updates each count once, and
-- an update that changes no count (every vote) writes nothing. Each session adds to its own slot of 16.
CREATE OR REPLACE FUNCTION clip_counts_delta(feed_delta bigint, listed_delta bigint) RETURNS void AS $$
BEGIN
  IF feed_delta <> 0 THEN
    UPDATE clip_counts SET n = n + feed_delta WHERE scope = 'feed' AND slot = pg_backend_pid() % 16;
  END IF;
  IF listed_delta <> 0 THEN
    UPDATE clip_counts SET n = n + listed_delta WHERE scope = 'listed' AND slot = pg_backend_pid() % 16;
  END IF;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clip_counts_after_insert() RETURNS trigger AS $$
BEGIN
  PERFORM clip_counts_delta(
    (SELECT count(*) FROM new_rows WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL),
    (SELECT count(*) FROM new_rows WHERE NOT is_removed AND NOT is_hidden));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clip_counts_after_update() RETURNS trigger AS $$
BEGIN
  PERFORM clip_counts_delta(
    (SELECT count(*) FROM new_rows WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL)
      - (SELECT count(*) FROM old_rows WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL),
    (SELECT count(*) FROM new_rows WHERE NOT is_removed AND NOT is_hidden)
      - (SELECT count(*) FROM old_rows WHERE NOT is_removed AND NOT is_hidden));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clip_counts_after_delete() RETURNS trigger AS $$
BEGIN
  PERFORM clip_counts_delta(
    -(SELECT count(*) FROM old_rows WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL),
    -(SELECT count(*) FROM old_rows WHERE NOT is_removed AND NOT is_hidden));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION clip_counts_after_truncate() RETURNS trigger AS $$
BEGIN
  UPDATE clip_counts SET n = 0;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER clip_counts_insert AFTER INSERT ON clips REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clip_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER clip_counts_update AFTER UPDATE ON clips REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clip_counts_after_update();
--> statement-breakpoint
CREATE TRIGGER clip_counts_delete AFTER DELETE ON clips REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION clip_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER clip_counts_truncate AFTER TRUNCATE ON clips
  FOR EACH STATEMENT EXECUTE FUNCTION clip_counts_after_truncate();
--> statement-breakpoint
-- Counted under a share lock, so no clip write can slip between the count and the triggers taking over.
LOCK TABLE clips IN SHARE MODE;
--> statement-breakpoint
INSERT INTO clip_counts (scope, slot, n)
  SELECT scope, slot, 0 FROM unnest(array['feed', 'listed']) AS scope, generate_series(0, 15) AS slot;
--> statement-breakpoint
UPDATE clip_counts SET n = (
  SELECT count(*) FROM clips WHERE NOT is_removed AND NOT is_hidden AND submitted_by_user_id IS NOT NULL
) WHERE scope = 'feed' AND slot = 0;
--> statement-breakpoint
UPDATE clip_counts SET n = (SELECT count(*) FROM clips WHERE NOT is_removed AND NOT is_hidden)
  WHERE scope = 'listed' AND slot = 0;
