import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AchievementCreateSchema, AchievementPatchSchema, ContractCreateSchema, DemandCreateSchema, DemandPatchSchema, EnclaveCreateSchema, EnclaveProjectCreateSchema, EnclaveProjectPatchSchema,
  FieldSchema, FollowUpCreateSchema, ListQuerySchema, SavedSearchCreateSchema,
} from './market.schema.ts';
import * as svc from './market.service.ts';

// Listings are public; organisations publish their own; bureau and district staff broker,
// register contracts (the bureau) and keep the enclaves.
const members = ['bureau_admin', 'district_officer', 'org_user'] as const;
const staff = ['bureau_admin', 'district_officer'] as const;
const admin = ['bureau_admin'] as const;
const tags = ['market'];
const IdParams = z.strictObject({ id: z.uuid() });
const Limit = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const marketRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---------- public listing and search ----------
  app.get('/api/market/achievements', {
    config: { access: 'public' },
    schema: { tags, summary: 'Open achievements (科技成果), Chinese full-text search (jieba), by field and chain link', querystring: ListQuerySchema },
  }, async (request) => svc.listAchievements(request.ctx, request.query));

  app.get('/api/market/achievements/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One achievement', params: IdParams },
  }, async (request) => svc.getAchievement(request.ctx, request.params.id));

  app.get('/api/market/demands', {
    config: { access: 'public' },
    schema: { tags, summary: 'Open demands (技术需求), Chinese full-text search, by field and chain link', querystring: ListQuerySchema },
  }, async (request) => svc.listDemands(request.ctx, request.query));

  app.get('/api/market/demands/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One demand', params: IdParams },
  }, async (request) => svc.getDemand(request.ctx, request.params.id));

  app.get('/api/market/match', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Ad-hoc match: rank open achievements (or demands) for a query, each factor\'s contribution explained',
      querystring: z.strictObject({
        target: z.enum(['achievements', 'demands']).default('achievements'), text: z.string().trim().max(500).default(''), field: FieldSchema.optional(),
        chainLinkId: z.uuid().optional(), trl: z.coerce.number().optional(), budgetFen: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
    },
  }, async (request) => {
    const { target, limit, ...q } = request.query;
    return svc.matchQuery(request.ctx, target, q, limit);
  });

  app.get('/api/market/chain-links', {
    config: { access: 'public' },
    schema: { tags, summary: 'Chain links to tag a listing with (names only)' },
  }, async (request) => svc.chainLinkOptions(request.ctx));

  app.get('/api/market/contracts/stats', {
    config: { access: 'public' },
    schema: { tags, summary: 'Technology contracts by year and type: count and registered value (fen); aggregates only' },
  }, async (request) => svc.contractStats(request.ctx));

  app.get('/api/market/enclaves', {
    config: { access: 'public' },
    schema: { tags, summary: 'Innovation enclaves (创新飞地) and their projects, with the letter\'s figure of projects landed beside the platform\'s count' },
  }, async (request) => svc.listEnclaves(request.ctx));

  // ---------- publishing and matching ----------
  app.post('/api/market/achievements', {
    config: { access: members },
    schema: { tags, summary: 'Publish an achievement (TRL 1–9); saved searches that match it get a notice', body: AchievementCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createAchievement(request.ctx, request.body)));

  app.post('/api/market/demands', {
    config: { access: members },
    schema: { tags, summary: 'Publish a demand (minimum TRL 1–9, budget in fen)', body: DemandCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createDemand(request.ctx, request.body)));

  app.patch('/api/market/achievements/:id', {
    config: { access: members },
    schema: { tags, summary: 'Edit one\'s own open achievement (its organisation or staff in scope); re-indexed and checked against saved searches', params: IdParams, body: AchievementPatchSchema },
  }, async (request) => svc.updateAchievement(request.ctx, request.params.id, request.body));

  app.patch('/api/market/demands/:id', {
    config: { access: members },
    schema: { tags, summary: 'Edit one\'s own open demand (its organisation or staff in scope)', params: IdParams, body: DemandPatchSchema },
  }, async (request) => svc.updateDemand(request.ctx, request.params.id, request.body));

  app.post('/api/market/achievements/:id/close', {
    config: { access: members },
    schema: { tags, summary: 'Withdraw an achievement from the market', params: IdParams },
  }, async (request) => svc.closeListing(request.ctx, 'achievement', request.params.id));

  app.post('/api/market/demands/:id/close', {
    config: { access: members },
    schema: { tags, summary: 'Withdraw a demand from the market', params: IdParams },
  }, async (request) => svc.closeListing(request.ctx, 'demand', request.params.id));

  app.get('/api/market/demands/:id/matches', {
    config: { access: members },
    schema: { tags, summary: 'Achievements ranked for one demand, each factor\'s contribution explained (its organisation or staff)', params: IdParams, querystring: Limit },
  }, async (request) => svc.matchesForDemand(request.ctx, request.params.id, request.query.limit));

  app.get('/api/market/achievements/:id/matches', {
    config: { access: members },
    schema: { tags, summary: 'Demands ranked for one achievement, explained (its organisation or staff)', params: IdParams, querystring: Limit },
  }, async (request) => svc.matchesForAchievement(request.ctx, request.params.id, request.query.limit));

  app.get('/api/market/mine', {
    config: { access: members },
    schema: { tags, summary: 'My organisation\'s listings (staff: the latest listings)' },
  }, async (request) => svc.myListings(request.ctx));

  // ---------- saved searches and notices ----------
  app.get('/api/market/searches', {
    config: { access: members },
    schema: { tags, summary: 'My saved searches' },
  }, async (request) => svc.listSavedSearches(request.ctx));

  app.post('/api/market/searches', {
    config: { access: members },
    schema: { tags, summary: 'Save a search; new listings scoring at or above minScore raise a "new match" notice', body: SavedSearchCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createSavedSearch(request.ctx, request.body)));

  app.delete('/api/market/searches/:id', {
    config: { access: members },
    schema: { tags, summary: 'Delete one of my saved searches', params: IdParams },
  }, async (request) => svc.deleteSavedSearch(request.ctx, request.params.id));

  app.get('/api/market/notices', {
    config: { access: members },
    schema: { tags, summary: 'My "new match" notices' },
  }, async (request) => svc.listNotices(request.ctx));

  app.post('/api/market/notices/:id/read', {
    config: { access: members },
    schema: { tags, summary: 'Mark a notice read', params: IdParams },
  }, async (request) => svc.readNotice(request.ctx, request.params.id));

  // ---------- brokers ----------
  for (const kind of ['achievement', 'demand'] as const) {
    app.get(`/api/market/${kind}s/:id/follow-ups`, {
      config: { access: staff },
      schema: { tags, summary: `Brokers' follow-up notes on a ${kind}`, params: IdParams },
    }, async (request) => svc.listFollowUps(request.ctx, kind, request.params.id));

    app.post(`/api/market/${kind}s/:id/follow-ups`, {
      config: { access: staff },
      schema: { tags, summary: `Add a broker's follow-up note to a ${kind}`, params: IdParams, body: FollowUpCreateSchema },
    }, async (request, reply) => reply.code(201).send(await svc.addFollowUp(request.ctx, kind, request.params.id, request.body)));
  }

  // ---------- technology contracts ----------
  app.get('/api/market/contracts', {
    config: { access: staff },
    schema: { tags, summary: 'Registered technology contracts (a district officer: those with a party in its district)', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }) },
  }, async (request) => svc.listContracts(request.ctx, request.query));

  app.post('/api/market/contracts', {
    config: { access: admin },
    schema: { tags, summary: 'Register a technology contract; both parties must be in the registry', body: ContractCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createContract(request.ctx, request.body)));

  // ---------- enclaves ----------
  app.post('/api/market/enclaves', {
    config: { access: admin },
    schema: { tags, summary: 'Register an innovation enclave', body: EnclaveCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createEnclave(request.ctx, request.body)));

  app.post('/api/market/enclaves/:id/projects', {
    config: { access: admin },
    schema: { tags, summary: 'Add a project an enclave brings (stage; landed as a registered organisation; contest entry reference)', params: IdParams, body: EnclaveProjectCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.addEnclaveProject(request.ctx, request.params.id, request.body)));

  app.patch('/api/market/enclave-projects/:id', {
    config: { access: admin },
    schema: { tags, summary: 'Move an enclave project on (stage, landed) or link it to a contest entry (null unlinks)', params: IdParams, body: EnclaveProjectPatchSchema },
  }, async (request) => svc.updateEnclaveProject(request.ctx, request.params.id, request.body));

  // ---------- contest entries (创新创业大赛, in the programmes module) ----------
  app.get('/api/market/contest-entries', {
    config: { access: admin },
    schema: { tags, summary: 'Submitted contest entries (applications to contest calls) an enclave project can be linked to' },
  }, async (request) => svc.listContestEntries(request.ctx));

  app.get('/api/market/contest-entries/:id/enclave-projects', {
    config: { access: members },
    schema: { tags, summary: 'The enclave projects that came through one contest entry (whoever may read the application)', params: IdParams },
  }, async (request) => svc.enclaveProjectsForEntry(request.ctx, request.params.id));
};
