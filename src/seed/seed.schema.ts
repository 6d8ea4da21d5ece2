import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Which demo-data sets have been seeded, so a restart never seeds twice.
export const seedRuns = pgTable('seed_runs', {
  name: text('name').primaryKey(),
  seededAt: timestamp('seeded_at', { withTimezone: true }).notNull(),
  summary: text('summary').notNull(),
});
