import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CloudAdoptionSchema, DashboardQuerySchema, DiagnosisCreateSchema, DiagnosisPatchSchema, EnrolmentPatchSchema, EnrolSchema, GreenListSchema,
  MigrateSchema, ProviderCreateSchema, RetireSchema, RetrofitSchema, SolutionCreateSchema, SolutionQuerySchema,
} from './digital.schema.ts';
import * as diag from './diagnoses.service.ts';
import * as cat from './catalogue.service.ts';
import * as track from './tracking.service.ts';

const admin = ['bureau_admin'] as const;
const staff = ['bureau_admin', 'district_officer'] as const;
const members = ['bureau_admin', 'district_officer', 'org_user'] as const;
const tags = ['digital'];
const IdParams = z.strictObject({ id: z.string().trim().min(1).max(80) });
const UsccParams = z.strictObject({ uscc: z.string().trim().min(1).max(40) });
const VersionParams = z.strictObject({ version: z.string().trim().min(1).max(40) });
const Any = z.any();

export const digitalRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---------- questionnaire versions (public: the national index is public information) ----------
  app.get('/api/digital/questionnaires', {
    config: { access: 'public' },
    schema: { tags, summary: 'Questionnaire versions of the national SME digital-level index, with their level rule (official or platform parameter) and whether retired', response: { 200: z.array(Any) } },
  }, async (request) => diag.listQuestionnaires(request.ctx));

  app.get('/api/digital/questionnaires/:version', {
    config: { access: 'public' },
    schema: { tags, summary: 'One questionnaire version: dimensions, items (points, answer type, options), scenarios and the level rule', params: VersionParams, response: { 200: Any } },
  }, async (request) => diag.getQuestionnaire(request.ctx, request.params.version));

  app.patch('/api/digital/questionnaires/:version', {
    config: { access: admin },
    schema: { tags, summary: 'Retire (or restore) a version; drafts that use it keep their answers and must be migrated (the answer says how many and to which version)', params: VersionParams, body: RetireSchema, response: { 200: Any } },
  }, async (request) => diag.setRetired(request.ctx, request.params.version, request.body.retired, request.body.note));

  // ---------- diagnoses ----------
  app.get('/api/orgs/:uscc/diagnoses', {
    config: { access: members },
    schema: { tags, summary: 'An organisation\'s diagnoses, newest first (history)', params: UsccParams, response: { 200: z.array(Any) } },
  }, async (request) => diag.listDiagnoses(request.ctx, request.params.uscc));

  app.post('/api/orgs/:uscc/diagnoses', {
    config: { access: members },
    schema: { tags, summary: 'Start a diagnosis (a draft): a self-assessment by the enterprise, or an assessor-led one recorded by staff with the assessor organisation and person', params: UsccParams, body: DiagnosisCreateSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await diag.createDiagnosis(request.ctx, request.params.uscc, request.body)));

  app.get('/api/digital/diagnoses/:id', {
    config: { access: members },
    schema: { tags, summary: 'One diagnosis with its score per dimension and level (a draft shows a live preview)', params: IdParams, response: { 200: Any } },
  }, async (request) => diag.getDiagnosis(request.ctx, request.params.id));

  app.patch('/api/digital/diagnoses/:id', {
    config: { access: members },
    schema: { tags, summary: 'Save answers into a draft (merged); refused once submitted, for an answer out of an item\'s range, or while the version is retired', params: IdParams, body: DiagnosisPatchSchema, response: { 200: Any } },
  }, async (request) => diag.saveDraft(request.ctx, request.params.id, request.body));

  app.post('/api/digital/diagnoses/:id/submit', {
    config: { access: members },
    schema: { tags, summary: 'Submit: score, fix the result, write the digitalLevel fact (source: this diagnosis) and re-evaluate the organisation\'s tiers', params: IdParams, response: { 200: Any } },
  }, async (request) => diag.submitDiagnosis(request.ctx, request.params.id));

  app.post('/api/digital/diagnoses/:id/migrate', {
    config: { access: members },
    schema: { tags, summary: 'Move a draft to another questionnaire version; answers that do not carry over are kept in its migration record', params: IdParams, body: MigrateSchema, response: { 200: Any } },
  }, async (request) => diag.migrateDiagnosis(request.ctx, request.params.id, request.body.to));

  app.get('/api/digital/diagnoses/:id/recommendations', {
    config: { access: members },
    schema: { tags, summary: 'Solutions for the diagnosis\'s weakest dimensions and scenarios, ranked and explained', params: IdParams, response: { 200: Any } },
  }, async (request) => cat.recommend(request.ctx, request.params.id));

  // ---------- catalogue (public reads) ----------
  app.get('/api/digital/providers', {
    config: { access: 'public' },
    schema: { tags, summary: 'Solution providers', response: { 200: z.array(Any) } },
  }, async (request) => cat.listProviders(request.ctx));

  app.post('/api/digital/providers', {
    config: { access: admin },
    schema: { tags, summary: 'Register a provider', body: ProviderCreateSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await cat.createProvider(request.ctx, request.body)));

  app.get('/api/digital/solutions', {
    config: { access: 'public' },
    schema: { tags, summary: 'Search solutions by text, industry, scenario, dimension, deployment and price', querystring: SolutionQuerySchema, response: { 200: Any } },
  }, async (request) => cat.searchSolutions(request.ctx, request.query));

  app.get('/api/digital/solutions/compare', {
    config: { access: 'public' },
    schema: { tags, summary: 'Compare 2–4 solutions side by side', querystring: z.strictObject({ ids: z.string().max(200) }), response: { 200: Any } },
  }, async (request) => cat.compareSolutions(request.ctx, request.query.ids.split(',').map((s) => s.trim()).filter(Boolean)));

  app.get('/api/digital/solutions/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One solution with its cases', params: IdParams, response: { 200: Any } },
  }, async (request) => cat.getSolution(request.ctx, request.params.id));

  app.post('/api/digital/solutions', {
    config: { access: admin },
    schema: { tags, summary: 'Add a solution to the catalogue', body: SolutionCreateSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await cat.createSolution(request.ctx, request.body)));

  // ---------- programmes and tracking ----------
  app.get('/api/digital/pilot', {
    config: { access: staff },
    schema: { tags, summary: 'Pilot enrolments with levels before and after, subsidy and outcomes', response: { 200: Any } },
  }, async (request) => track.listPilot(request.ctx));

  app.post('/api/digital/pilot', {
    config: { access: staff },
    schema: { tags, summary: 'Enrol an enterprise in the pilot (subsidy as a policy-module benefit item)', body: EnrolSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await track.enrol(request.ctx, request.body)));

  app.patch('/api/digital/pilot/:id', {
    config: { access: staff },
    schema: { tags, summary: 'Update an enrolment: status, solution, subsidy, outcome indicators', params: IdParams, body: EnrolmentPatchSchema, response: { 200: Any } },
  }, async (request) => track.patchEnrolment(request.ctx, request.params.id, request.body));

  app.get('/api/digital/cloud-adoptions', {
    config: { access: staff },
    schema: { tags, summary: 'Cloud and industrial-platform adoption records', response: { 200: z.array(Any) } },
  }, async (request) => track.listCloudAdoptions(request.ctx));

  app.post('/api/digital/cloud-adoptions', {
    config: { access: staff },
    schema: { tags, summary: 'Record an enterprise moving onto a cloud or industrial platform', body: CloudAdoptionSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await track.addCloudAdoption(request.ctx, request.body)));

  app.get('/api/digital/retrofits', {
    config: { access: staff },
    schema: { tags, summary: 'Smart-retrofit (智改数转网联) projects with indicators before and after', response: { 200: z.array(Any) } },
  }, async (request) => track.listRetrofits(request.ctx));

  app.post('/api/digital/retrofits', {
    config: { access: staff },
    schema: { tags, summary: 'Record a smart-retrofit project', body: RetrofitSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await track.addRetrofit(request.ctx, request.body)));

  app.get('/api/digital/green-list', {
    config: { access: 'public' },
    schema: { tags, summary: 'The green-manufacturing list by year (public)', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }), response: { 200: Any } },
  }, async (request) => track.listGreen(request.ctx, request.query));

  app.post('/api/digital/green-list', {
    config: { access: admin },
    schema: { tags, summary: 'Add a green-manufacturing list entry', body: GreenListSchema, response: { 201: Any } },
  }, async (request, reply) => reply.code(201).send(await track.addGreenEntry(request.ctx, request.body)));

  app.get('/api/digital/dashboard', {
    config: { access: staff },
    schema: { tags, summary: 'Bureau dashboard: level distribution by district and industry, pilot progress against target, platform counts beside the letter\'s figures', querystring: DashboardQuerySchema, response: { 200: Any } },
  }, async (request) => track.dashboard(request.ctx, request.query));
};
