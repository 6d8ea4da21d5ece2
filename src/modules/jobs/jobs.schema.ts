import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Bilingual } from '../../lib/i18n.ts';
import { users } from '../accounts/accounts.schema.ts';

export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobProgress {
  done: number;
  /** 0 while the total is not known yet (e.g. while an xlsx file is still being read). */
  total: number;
  phase?: 'reading' | 'writing';
}

/** How many issues of each kind are kept with the job (the API returns the first 1,000). */
export const MAX_STORED_ISSUES = 10_000;

/** One problem found in an input file, kept in both languages and localised when read. */
export interface StoredIssue {
  sheet: string | null;
  /** The row number as Excel (or a text editor, for CSV) shows it; null for file-level problems. */
  row: number | null;
  /** The header key (e.g. `revenue`); null when the problem is not tied to a column. */
  column: string | null;
  label: Bilingual | null;
  code: string;
  value: string | null;
  zh: string;
  en: string;
}

// Background work (imports). Results and file-level messages are stored in both languages.
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    progress: jsonb('progress').$type<JobProgress>().notNull().default({ done: 0, total: 0 }),
    params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
    result: jsonb('result').$type<Record<string, unknown>>(),
    error: jsonb('error').$type<Bilingual>(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    fileName: text('file_name'),
    /** The app node that runs the job (src/server/node.ts); its lock tells whether it is alive. */
    runner: text('runner'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('jobs_created_by_idx').on(t.createdBy), index('jobs_status_idx').on(t.status)],
);

export type JobRow = typeof jobs.$inferSelect;

const IssueSchema = z.object({
  sheet: z.string().nullable(),
  row: z.number().nullable(),
  column: z.string().nullable(),
  columnLabel: z.string().nullable(),
  code: z.string(),
  value: z.string().nullable(),
  message: z.string(),
});

export const JobSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  status: z.enum(JOB_STATUSES),
  fileName: z.string().nullable(),
  progress: z.object({ done: z.number(), total: z.number(), phase: z.enum(['reading', 'writing']).optional() }),
  result: z.union([z.object({
    dryRun: z.boolean(),
    inserted: z.number(),
    updated: z.number(),
    unchanged: z.number(),
    factsInserted: z.number(),
    factsUpdated: z.number(),
    qualificationsAdded: z.number(),
    /** At most the first 1,000 of each; errorCount/warningCount give the totals. */
    errors: z.array(IssueSchema),
    warnings: z.array(IssueSchema),
    errorCount: z.number(),
    warningCount: z.number(),
  }), z.object({
    /** The daily snapshot of the computed indicators (indicators.snapshots.ts). */
    day: z.string(),
    recorded: z.number(),
    existing: z.number(),
    failed: z.array(z.string()),
  })]).nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof JobSchema>;
