-- Custom SQL migration file, put your code below! --
-- The cultivation funnel and its breakdowns (see cultivation.service.ts) are cached per app node
-- under this generation: every table they read moves it on (see migration 0016).
INSERT INTO cache_generations (name, generation) VALUES ('cultivation', nextval('cache_generation_seq'));
--> statement-breakpoint
CREATE TRIGGER assessments_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON assessments FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('cultivation');
--> statement-breakpoint
CREATE TRIGGER evaluation_runs_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON evaluation_runs FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('cultivation');
--> statement-breakpoint
CREATE TRIGGER orgs_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON orgs FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('cultivation');
--> statement-breakpoint
CREATE TRIGGER chain_link_orgs_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chain_link_orgs FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('cultivation');
--> statement-breakpoint
CREATE TRIGGER chains_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON chains FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('cultivation');
