-- Custom SQL migration file, put your code below! --
-- Every committed change of an organisation, its yearly facts or its qualifications sends
-- NOTIFY luchuang_orgs with the organisation ids ('*' when more than 100), so each app
-- node's in-memory organisation list (registry.readmodel.ts) reloads exactly those rows.
CREATE OR REPLACE FUNCTION registry_orgs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[];
BEGIN
  IF TG_TABLE_NAME = 'orgs' THEN
    IF TG_OP = 'DELETE' THEN
      SELECT array_agg(x) INTO ids FROM (SELECT DISTINCT id::text AS x FROM old_rows LIMIT 101) s;
    ELSE
      SELECT array_agg(x) INTO ids FROM (SELECT DISTINCT id::text AS x FROM new_rows LIMIT 101) s;
    END IF;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(x) INTO ids FROM (SELECT DISTINCT org_id::text AS x FROM old_rows LIMIT 101) s;
  ELSE
    SELECT array_agg(x) INTO ids FROM (SELECT DISTINCT org_id::text AS x FROM new_rows LIMIT 101) s;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM pg_notify('luchuang_orgs', CASE WHEN cardinality(ids) > 100 THEN '*' ELSE array_to_string(ids, ',') END);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER orgs_changed_insert AFTER INSERT ON orgs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER orgs_changed_update AFTER UPDATE ON orgs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER orgs_changed_delete AFTER DELETE ON orgs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_facts_changed_insert AFTER INSERT ON org_facts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_facts_changed_update AFTER UPDATE ON org_facts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_facts_changed_delete AFTER DELETE ON org_facts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_qualifications_changed_insert AFTER INSERT ON org_qualifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_qualifications_changed_update AFTER UPDATE ON org_qualifications REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
--> statement-breakpoint
CREATE TRIGGER org_qualifications_changed_delete AFTER DELETE ON org_qualifications REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registry_orgs_changed();
