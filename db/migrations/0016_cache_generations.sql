-- Custom SQL migration file, put your code below! --
-- Generations of data that app nodes keep in memory (the policy library for the calculator).
-- A statement that changes the data moves its generation to a fresh sequence value inside the
-- same transaction, so a node sees the new generation exactly when it can see the new data,
-- on every node, and a rolled-back change never leaves a generation that names other data.
CREATE SEQUENCE cache_generation_seq;
--> statement-breakpoint
CREATE TABLE cache_generations (
  name text PRIMARY KEY,
  generation bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO cache_generations (name, generation) VALUES ('policy_library', nextval('cache_generation_seq'));
--> statement-breakpoint
CREATE FUNCTION bump_cache_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cache_generations SET generation = nextval('cache_generation_seq') WHERE name = TG_ARGV[0];
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER policies_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policies FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('policy_library');
--> statement-breakpoint
CREATE TRIGGER policy_versions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON policy_versions FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('policy_library');
--> statement-breakpoint
CREATE TRIGGER benefits_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benefits FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('policy_library');
--> statement-breakpoint
CREATE TRIGGER benefit_versions_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benefit_versions FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('policy_library');
