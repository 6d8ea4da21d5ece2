import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPERT_INPUTS, ExpertInputSchema } from '../../rules/expert.ts';
import { FactsDocSchema } from '../../rules/facts-doc.ts';
import { TierGapsSchema } from '../../rules/gaps.ts';
import { RULESETS } from '../../rules/index.ts';
import { RulesetResultSchema } from '../../rules/types.ts';
import { LeaderVersionCreateSchema, ParamRulesetSchema, StoredLeaderVersionSchema } from './rules.schema.ts';
import { assess, assessOrg, createLeaderVersion, listLeaderVersions, withdrawLeaderVersion } from './rules.service.ts';

const AsOf = z.iso.date().pipe(z.string().refine((d) => d >= '2000-01-01' && d <= '2100-12-31', { message: 'asOf must be between 2000 and 2100' }));
const RulesetIds = z.array(z.enum(RULESETS.map((r) => r.id) as [string, ...string[]])).min(1).optional();
const AssessmentSchema = z.object({ asOf: z.string(), results: z.array(RulesetResultSchema), gaps: z.array(TierGapsSchema) });
const tags = ['rules'];

export const rulesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/rules/evaluate', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'Evaluate a facts document against the tier rulesets as of a date; stores nothing',
      body: z.strictObject({ asOf: AsOf, facts: FactsDocSchema, rulesets: RulesetIds }),
      response: { 200: AssessmentSchema },
    },
  }, async (request) => assess(request.ctx, request.body.facts, request.body.asOf, request.body.rulesets));

  app.get('/api/rules/expert-inputs', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'The expert inputs the rulesets read (facts.expert): key, rulesets, criteria, label and range',
      response: { 200: z.array(ExpertInputSchema) },
    },
  }, async () => [...EXPERT_INPUTS]);

  app.get('/api/orgs/:uscc/assessment', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: {
      tags, summary: 'Which tiers a registered organisation meets as of a date, why, and what it lacks',
      params: z.strictObject({ uscc: z.string().trim().min(1).max(32) }),
      querystring: z.strictObject({ asOf: AsOf.optional(), rulesets: z.string().optional() }),
      response: { 200: AssessmentSchema.extend({ uscc: z.string() }) },
    },
  }, async (request) => {
    const asOf = request.query.asOf ?? request.ctx.now().toISOString().slice(0, 10);
    const ids = request.query.rulesets?.split(',').filter(Boolean);
    return assessOrg(request.ctx, request.params.uscc, asOf, ids);
  });

  // Parameter versions of the city-defined tiers (the S&T leader): read by staff, added by the bureau.
  app.get('/api/rules/params/:ruleset', {
    config: { access: ['bureau_admin', 'district_officer'] },
    schema: {
      tags, summary: 'Parameter versions of a city-defined tier (tech_leader), oldest first, with the one in force today',
      params: z.strictObject({ ruleset: ParamRulesetSchema }),
      response: { 200: z.array(StoredLeaderVersionSchema) },
    },
  }, async (request) => listLeaderVersions(request.ctx));

  app.post('/api/rules/params/:ruleset', {
    config: { access: ['bureau_admin'] },
    schema: {
      tags, summary: 'Add a parameter version in force from a date that is today or later; versions are never edited',
      params: z.strictObject({ ruleset: ParamRulesetSchema }),
      body: LeaderVersionCreateSchema,
      response: { 201: StoredLeaderVersionSchema },
    },
  }, async (request, reply) => reply.code(201).send(await createLeaderVersion(request.ctx, request.body)));

  app.delete('/api/rules/params/:ruleset/:effectiveFrom', {
    config: { access: ['bureau_admin'] },
    schema: {
      tags, summary: 'Withdraw a parameter version that is not in force yet and that no stored result used; answers the remaining versions',
      params: z.strictObject({ ruleset: ParamRulesetSchema, effectiveFrom: z.iso.date() }),
      response: { 200: z.array(StoredLeaderVersionSchema) },
    },
  }, async (request) => withdrawLeaderVersion(request.ctx, request.params.effectiveFrom));
};
