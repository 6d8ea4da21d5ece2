import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FactHistorySchema, FactsPatchSchema, FiscalYearSchema, OrgCreateSchema, OrgListItemSchema, OrgListQuerySchema,
  OrgPatchSchema, OrgSchema, QualificationCreateSchema, QualificationSchema, YearFactsSchema,
} from './registry.schema.ts';
import { startOrgReadModel } from './registry.readmodel.ts';
import * as registry from './registry.service.ts';

const staff = ['bureau_admin', 'district_officer'] as const;
const members = ['bureau_admin', 'district_officer', 'org_user'] as const;
const UsccParams = z.strictObject({ uscc: z.string().trim().min(1).max(32) });
const YearParams = UsccParams.extend({ year: FiscalYearSchema });
const tags = ['registry'];

export const registryRoutes: FastifyPluginAsyncZod = async (app) => {
  // The organisation list answers from memory once built (registry.readmodel.ts).
  let stopReadModel: (() => Promise<void>) | undefined;
  app.addHook('onReady', async () => {
    stopReadModel = await startOrgReadModel(app.database, app.log);
  });
  app.addHook('onClose', async () => {
    await stopReadModel?.();
  });

  app.get('/api/orgs', {
    config: { access: members },
    schema: { tags, summary: 'List and search organisations (staff: their scope; org users: their own). Money in fen.', querystring: OrgListQuerySchema, response: { 200: z.object({ items: z.array(OrgListItemSchema), total: z.number() }) } },
  }, async (request) => registry.listOrgs(request.ctx, request.query));

  app.post('/api/orgs', {
    config: { access: staff },
    schema: { tags, summary: 'Register an organisation', body: OrgCreateSchema, response: { 201: OrgSchema } },
  }, async (request, reply) => reply.code(201).send(await registry.createOrg(request.ctx, request.body)));

  app.get('/api/orgs/:uscc', {
    config: { access: members },
    schema: { tags, summary: 'One organisation', params: UsccParams, response: { 200: OrgSchema } },
  }, async (request) => registry.getOrg(request.ctx, request.params.uscc));

  app.patch('/api/orgs/:uscc', {
    config: { access: members },
    schema: { tags, summary: 'Edit an organisation (org users cannot change kind or district)', params: UsccParams, body: OrgPatchSchema, response: { 200: OrgSchema } },
  }, async (request) => registry.updateOrg(request.ctx, request.params.uscc, request.body));

  app.get('/api/orgs/:uscc/facts', {
    config: { access: members },
    schema: { tags, summary: 'Yearly facts, oldest year first, with each field\'s source', params: UsccParams, response: { 200: z.array(YearFactsSchema) } },
  }, async (request) => registry.listFacts(request.ctx, request.params.uscc, request.locale));

  app.patch('/api/orgs/:uscc/facts/:year', {
    config: { access: members },
    schema: { tags, summary: 'Set some facts of one fiscal year (null clears a field); warnings do not block', params: YearParams, body: FactsPatchSchema, response: { 200: YearFactsSchema } },
  }, async (request) => registry.patchFacts(request.ctx, request.params.uscc, request.params.year, request.body, request.locale));

  app.get('/api/orgs/:uscc/facts/:year/history', {
    config: { access: members },
    schema: { tags, summary: 'Every change of that year\'s facts, newest first', params: YearParams, response: { 200: z.array(FactHistorySchema) } },
  }, async (request) => registry.factHistory(request.ctx, request.params.uscc, request.params.year));

  app.get('/api/orgs/:uscc/qualifications', {
    config: { access: members },
    schema: { tags, summary: 'Qualifications held (active = not expired today)', params: UsccParams, response: { 200: z.array(QualificationSchema) } },
  }, async (request) => registry.listQualifications(request.ctx, request.params.uscc));

  app.post('/api/orgs/:uscc/qualifications', {
    config: { access: staff },
    schema: { tags, summary: 'Record a qualification (certificate)', params: UsccParams, body: QualificationCreateSchema, response: { 201: QualificationSchema } },
  }, async (request, reply) => reply.code(201).send(await registry.addQualification(request.ctx, request.params.uscc, request.body)));

  app.delete('/api/orgs/:uscc/qualifications/:id', {
    config: { access: staff },
    schema: { tags, summary: 'Remove a qualification record', params: UsccParams.extend({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    await registry.removeQualification(request.ctx, request.params.uscc, request.params.id);
    return reply.code(204).send(null);
  });
};
