-- A batch stores no explanation text: it is rebuilt from the snapshot and the batch's benefit
-- version when read (autogrant.service.ts explainer). Grants stored before keep theirs.
ALTER TABLE "grants" ALTER COLUMN "explanation" DROP NOT NULL;