import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FunnelQuerySchema, FunnelSchema, ReserveItemSchema, ReserveQuerySchema } from './cultivation.schema.ts';
import { onOrgsChanged } from '../registry/registry.service.ts';
import { evaluateOrgs, funnel, reevaluateChanged, reservePool } from './cultivation.service.ts';

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
};
