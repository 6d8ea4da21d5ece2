-- Custom SQL migration file, put your code below! ---- The marketplace's match corpora (open achievements and demands), kept in memory by every app
-- node, follow the same generation scheme as the policy library (0016): a write on any node
-- moves the generation in its own transaction, so every node reloads.
INSERT INTO cache_generations (name, generation) VALUES ('market_corpora', nextval('cache_generation_seq'));
--> statement-breakpoint
CREATE TRIGGER market_achievements_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON market_achievements FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('market_corpora');
--> statement-breakpoint
CREATE TRIGGER market_demands_generation AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON market_demands FOR EACH STATEMENT EXECUTE FUNCTION bump_cache_generation('market_corpora');
