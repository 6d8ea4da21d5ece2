import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CarrierCreateSchema, CarrierListQuerySchema, CompleteRequestSchema, EvalParamsCreateSchema, RatingSchema, ReportCreateSchema, ServiceCreateSchema, ServiceRequestCreateSchema,
} from './carriers.schema.ts';
import * as svc from './carriers.service.ts';

// The registry and the services on offer are public; the bureau registers carriers and
// evaluates; a carrier's host organisation (or its district's officer) submits its reports.
const admin = ['bureau_admin'] as const;
const staff = ['bureau_admin', 'district_officer'] as const;
const members = ['bureau_admin', 'district_officer', 'org_user'] as const;
const tags = ['carriers'];
const IdParams = z.strictObject({ id: z.uuid() });
const Year = z.coerce.number().int().min(1990).max(2100);

export const carriersRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/carriers', {
    config: { access: 'public' },
    schema: { tags, summary: 'Innovation carriers of every kind, with level, host, chain links, staff, consortium members and latest grade', querystring: CarrierListQuerySchema },
  }, async (request) => svc.listCarriers(request.ctx, request.query));

  app.get('/api/carriers/summary', {
    config: { access: 'public' },
    schema: { tags, summary: 'Count of each kind on the platform beside the letter\'s figure (厦科函〔2025〕84号)' },
  }, async (request) => svc.carrierSummary(request.ctx));

  app.get('/api/carriers/services', {
    config: { access: 'public' },
    schema: { tags, summary: 'Services offered by public technology service platforms, with requests and average rating' },
  }, async (request) => svc.listServices(request.ctx));

  app.get('/api/carriers/eval-params', {
    config: { access: staff },
    schema: { tags, summary: 'Versions of the yearly evaluation\'s parameters (the built-in one is the platform\'s own example)' },
  }, async (request) => svc.listEvalParams(request.ctx));

  app.post('/api/carriers/eval-params', {
    config: { access: admin },
    schema: { tags, summary: 'Add a parameter version from a date not in the past (versions are never edited)', body: EvalParamsCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.addEvalParams(request.ctx, request.body)));

  app.post('/api/carriers/evaluate', {
    config: { access: admin },
    schema: { tags, summary: 'Evaluate every carrier that reported for a year', body: z.strictObject({ year: Year }) },
  }, async (request) => svc.evaluateYear(request.ctx, request.body.year));

  app.get('/api/carriers/service-requests', {
    config: { access: members },
    schema: { tags, summary: 'Service requests from both sides: an organisation\'s own and those to the platforms it hosts; staff see those in scope' },
  }, async (request) => svc.listServiceRequests(request.ctx));

  app.post('/api/carriers/service-requests/:id/done', {
    config: { access: members },
    schema: { tags, summary: 'The platform (its host organisation, its district\'s officer, the bureau) marks a request delivered', params: IdParams, body: CompleteRequestSchema },
  }, async (request) => svc.completeRequest(request.ctx, request.params.id, request.body));

  app.post('/api/carriers/service-requests/:id/rate', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'The requesting enterprise rates a delivered service (1–5), once', params: IdParams, body: RatingSchema },
  }, async (request) => svc.rateRequest(request.ctx, request.params.id, request.body));

  app.post('/api/carriers/services/:id/requests', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'An enterprise requests a platform\'s service', params: IdParams, body: ServiceRequestCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.requestService(request.ctx, request.params.id, request.body)));

  app.post('/api/carriers', {
    config: { access: admin },
    schema: { tags, summary: 'Register a carrier (one per host and kind; a consortium needs its lead)', body: CarrierCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.createCarrier(request.ctx, request.body)));

  app.get('/api/carriers/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One carrier with its services', params: IdParams },
  }, async (request) => svc.getCarrier(request.ctx, request.params.id));

  app.get('/api/carriers/:id/reports', {
    config: { access: members },
    schema: { tags, summary: 'A carrier\'s yearly reports and evaluations (host organisation, its district, the bureau)', params: IdParams },
  }, async (request) => svc.listReports(request.ctx, request.params.id));

  app.post('/api/carriers/:id/reports', {
    config: { access: members },
    schema: { tags, summary: 'Submit a yearly performance report (a finished year the carrier existed in; once)', params: IdParams, body: ReportCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.submitReport(request.ctx, request.params.id, request.body)));

  app.post('/api/carriers/:id/evaluate', {
    config: { access: admin },
    schema: { tags, summary: 'Evaluate one carrier\'s year; each criterion explained, with the parameter version used', params: IdParams, body: z.strictObject({ year: Year }) },
  }, async (request) => svc.evaluateCarrier(request.ctx, request.params.id, request.body.year));

  app.post('/api/carriers/:id/services', {
    config: { access: members },
    schema: { tags, summary: 'A public platform lists a service it offers', params: IdParams, body: ServiceCreateSchema },
  }, async (request, reply) => reply.code(201).send(await svc.addService(request.ctx, request.params.id, request.body)));
};
