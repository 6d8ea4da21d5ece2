import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ClaimCreateSchema, ClaimDecisionSchema, ClaimSchema, CLAIM_STATUSES, EnrolmentCreateSchema, EnrolmentSchema, ENROLMENT_STATUSES,
  InsuranceSummarySchema, ProductCreateSchema, ProductSchema,
} from './insurance.schema.ts';
import * as insurance from './insurance.ts';

// The bureau runs the scheme; district officers read their district's policies; an
// enterprise records and reads its own policies and claims. Insurer decisions are the bureau's.
const readers = ['bureau_admin', 'district_officer', 'org_user'] as const;
const enrollers = ['bureau_admin', 'org_user'] as const;
const admin = ['bureau_admin'] as const;
const tags = ['rd insurance'];
const IdParams = z.strictObject({ id: z.uuid() });

export const insuranceRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/funds/insurance/products', {
    config: { access: readers },
    schema: { tags, summary: 'R&D insurance (厦研保) products with their active policies (in your scope)', response: { 200: z.array(ProductSchema) } },
  }, async (request) => insurance.listProducts(request.ctx));

  app.post('/api/funds/insurance/products', {
    config: { access: admin },
    schema: { tags, summary: 'Add a supported insurance product', body: ProductCreateSchema, response: { 201: ProductSchema } },
  }, async (request, reply) => reply.code(201).send(await insurance.createProduct(request.ctx, request.body)));

  app.get('/api/funds/insurance/enrolments', {
    config: { access: readers },
    schema: {
      tags, summary: 'Policies (enrolments) with claimed and paid-out amounts, in your scope',
      querystring: z.strictObject({ productId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional(), status: z.enum(ENROLMENT_STATUSES).optional() }),
      response: { 200: z.array(EnrolmentSchema) },
    },
  }, async (request) => insurance.listEnrolments(request.ctx, request.query));

  app.post('/api/funds/insurance/enrolments', {
    config: { access: enrollers },
    schema: { tags, summary: 'Record a policy; its premium becomes the organisation\'s rdInsurancePremium fact for the starting year', body: EnrolmentCreateSchema, response: { 201: EnrolmentSchema } },
  }, async (request, reply) => reply.code(201).send(await insurance.createEnrolment(request.ctx, request.body)));

  app.post('/api/funds/insurance/enrolments/:id/cancel', {
    config: { access: admin },
    schema: { tags, summary: 'Cancel a policy without claims; its premium leaves the year\'s fact', params: IdParams, response: { 200: EnrolmentSchema } },
  }, async (request) => insurance.cancelEnrolment(request.ctx, request.params.id));

  app.get('/api/funds/insurance/claims', {
    config: { access: readers },
    schema: { tags, summary: 'Claims and payouts, in your scope', querystring: z.strictObject({ status: z.enum(CLAIM_STATUSES).optional(), enrolmentId: z.uuid().optional() }), response: { 200: z.array(ClaimSchema) } },
  }, async (request) => insurance.listClaims(request.ctx, request.query));

  app.post('/api/funds/insurance/enrolments/:id/claims', {
    config: { access: enrollers },
    schema: { tags, summary: 'Report a claim on a policy (within its period and remaining sum insured)', params: IdParams, body: ClaimCreateSchema, response: { 201: ClaimSchema } },
  }, async (request, reply) => reply.code(201).send(await insurance.createClaim(request.ctx, request.params.id, request.body)));

  app.post('/api/funds/insurance/claims/:id/decision', {
    config: { access: admin },
    schema: { tags, summary: 'Record the insurer\'s decision: paid (payout up to the claim) or rejected; once', params: IdParams, body: ClaimDecisionSchema, response: { 200: ClaimSchema } },
  }, async (request) => insurance.decideClaim(request.ctx, request.params.id, request.body));

  app.get('/api/funds/insurance/summary', {
    config: { access: ['bureau_admin', 'district_officer'] },
    schema: { tags, summary: 'The year\'s portfolio: enrolled enterprises, premiums, claims, payouts, loss ratio and the approved premium subsidy', querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: InsuranceSummarySchema } },
  }, async (request) => insurance.insuranceSummary(request.ctx, request.query.year));
};
