import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChainKeySchema } from '../chains/chains.schema.ts';
import { IE_KINDS, UnitCreateSchema, YearInputSchema } from './talent.schema.ts';
import * as svc from './talent.service.ts';

// Units and the summary are public; the bureau registers units; the unit's institution (or staff)
// records its yearly figures; the per-chain view, which shows organisations' staffing, is for staff.
const admin = ['bureau_admin'] as const;
const staff = ['bureau_admin', 'district_officer'] as const;
const tags = ['talent'];

export const talentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/talent/units', {
    config: { access: 'public' },
    schema: { tags, summary: 'Industry–education units (industrial colleges, training bases, specialty groups, apprenticeship pilots, communities)', querystring: z.strictObject({ kind: z.enum(IE_KINDS).optional(), chainId: ChainKeySchema.optional() }) },
  }, async (request) => svc.listUnits(request.ctx, request.query));

  app.get('/api/talent/summary', {
    config: { access: 'public' },
    schema: { tags, summary: 'Count of each kind on the platform beside the letter\'s figure, with its source' },
  }, async (request) => svc.talentSummary(request.ctx));

  app.post('/api/talent/units', {
    config: { access: admin },
    schema: { tags, summary: 'Register a unit tied to chain links and partner enterprises (a specialty group needs its level)', body: UnitCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createUnit(request.ctx, request.body)));

  app.put('/api/talent/units/:id/years/:year', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: { tags, summary: 'Record a year\'s trainees and graduates (the institution or staff)', params: z.strictObject({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }), body: YearInputSchema },
  }, async (request) => svc.putYear(request.ctx, request.params.id, request.params.year, request.body));

  app.get('/api/talent/chains/:chainId', {
    config: { access: staff },
    schema: { tags, summary: 'A chain\'s talent supply beside the staffing of its organisations, per year and per link', params: z.strictObject({ chainId: ChainKeySchema }) },
  }, async (request) => svc.chainTalent(request.ctx, request.params.chainId));
};
