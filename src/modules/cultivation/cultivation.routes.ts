import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BreakdownQuerySchema, BreakdownSchema, FunnelQuerySchema, LetterComparisonSchema, FunnelSchema, ReserveExportQuerySchema, ReserveItemSchema, ReserveQuerySchema, TimelineSchema } from './cultivation.schema.ts';
import { sendWorkbook } from '../../server/xlsx.ts';
import { onOrgsChanged } from '../registry/registry.service.ts';
import { breakdown, evaluateOrgs, exportReservePool, funnel, letterComparison, reevaluateChanged, reservePool, tierTimeline } from './cultivation.service.ts';

const staff = ['bureau_admin', 'district_officer'] as const;
const tags = ['cultivation'];

export const cultivationRoutes: FastifyPluginAsyncZod = async (app) => {
  // Edits of facts, profiles or qualifications re-evaluate that organisation at once.
  onOrgsChanged(reevaluateChanged);

  app.post('/api/cultivation/evaluate', {
    config: { access: ['bureau_admin'] },
    schema: {
      tags, summary: 'Evaluate every organisation against every tier as of a date and store the results',
      body: z.strictObject({ asOf: z.iso.date() }),
      response: { 200: z.object({ asOf: z.string(), organisations: z.number(), evaluations: z.number() }) },
    },
  }, async (request) => evaluateOrgs(request.ctx, request.body.asOf));

  app.get('/api/cultivation/funnel', {
    config: { access: staff },
    schema: { tags, summary: 'Tier funnel (held, met, not met, unknown, review, reserve) for the latest or a given evaluation date', querystring: FunnelQuerySchema, response: { 200: FunnelSchema } },
  }, async (request) => funnel(request.ctx, request.query));

  app.get('/api/cultivation/reserve', {
    config: { access: staff },
    schema: {
      tags, summary: 'Reserve pool of a tier: organisations that miss it only by numbers, fewest and easiest gaps first',
      querystring: ReserveQuerySchema,
      response: { 200: z.object({ asOf: z.string().nullable(), total: z.number(), items: z.array(ReserveItemSchema) }) },
    },
  }, async (request) => reservePool(request.ctx, request.query));

  app.get('/api/cultivation/breakdown', {
    config: { access: staff },
    schema: { tags, summary: 'Funnel drill-down: held, met and reserve per tier for each district, GB/T 4754 section or division', querystring: BreakdownQuerySchema, response: { 200: BreakdownSchema } },
  }, async (request) => breakdown(request.ctx, request.query));

  app.get('/api/cultivation/reserve.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'A reserve pool as Excel: every matching organisation (up to 50,000) with its gap sentences, in the caller\'s language', querystring: ReserveExportQuerySchema },
  }, async (request, reply) => {
    const name = `${request.locale === 'en-US' ? 'reserve' : '后备库'}-${request.query.ruleset}-${request.ctx.now().toISOString().slice(0, 10)}.xlsx`;
    return sendWorkbook(request, reply, name, (out) => exportReservePool(request.ctx, request.query, request.locale ?? 'zh-CN', out));
  });

  app.get('/api/orgs/:uscc/tier-timeline', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: {
      tags, summary: 'An organisation\'s stored tier results over evaluation dates: which tier was gained or lost when, and the criteria that changed',
      params: z.strictObject({ uscc: z.string().trim().min(1).max(32) }),
      response: { 200: TimelineSchema },
    },
  }, async (request) => tierTimeline(request.ctx, request.params.uscc));

  app.get('/api/cultivation/letter', {
    config: { access: staff },
    schema: { tags, summary: 'The yearly counts of the bureau\'s letter (厦科函〔2025〕84号) beside the same counts from the registry, with the difference explained', response: { 200: LetterComparisonSchema } },
  }, async (request) => letterComparison(request.ctx));
};
