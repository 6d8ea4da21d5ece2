import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { FactsDocSchema } from '../../rules/facts-doc.ts';
import { pick } from '../../lib/i18n.ts';
import { BenefitDraftSchema } from './benefit.ts';
import {
  BenefitCreateSchema, BenefitSchema, CalculationSchema, PolicyCreateSchema, PolicyDetailSchema, PolicyListItemSchema, PolicyListQuerySchema,
  PolicyPatchSchema, PolicyVersionInputSchema, ValidationReportSchema, VariableSchema,
} from './policies.schema.ts';
import * as svc from './policies.service.ts';
import { BASE_VARIABLES } from './variables.ts';

const admin = ['bureau_admin'] as const;
const members = ['bureau_admin', 'district_officer', 'org_user'] as const;
const tags = ['policies'];
const IdParams = z.strictObject({ id: z.string().trim().min(1).max(80) });
const CodeParams = z.strictObject({ code: z.string().trim().min(1).max(60) });
const VersionParams = CodeParams.extend({ versionNo: z.coerce.number().int().min(1) });
const Year = z.coerce.number().int().min(2008).max(2100);
const AsOf = z.iso.date();

export const policiesRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---------- the policy library (public reads) ----------
  app.get('/api/policies', {
    config: { access: 'public' },
    schema: { tags, summary: 'Search the policy library (Chinese full text). The public sees published policies; bureau and district staff also drafts and repealed ones.', querystring: PolicyListQuerySchema, response: { 200: z.object({ total: z.number(), items: z.array(PolicyListItemSchema) }) } },
  }, async (request) => svc.listPolicies(request.ctx, request.query));

  app.get('/api/policies/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One policy (by id or key) with every version, its clauses and the benefits that implement them', params: IdParams, response: { 200: PolicyDetailSchema } },
  }, async (request) => svc.getPolicy(request.ctx, request.params.id));

  app.post('/api/policies', {
    config: { access: admin },
    schema: { tags, summary: 'Add a policy with its first version (a draft until published)', body: PolicyCreateSchema, response: { 201: PolicyDetailSchema } },
  }, async (request, reply) => reply.code(201).send(await svc.createPolicy(request.ctx, request.body)));

  app.post('/api/policies/:id/versions', {
    config: { access: admin },
    schema: { tags, summary: 'Change a policy\'s text: a new version with its own effective date, after the latest one (the past is never edited)', params: IdParams, body: PolicyVersionInputSchema, response: { 201: PolicyDetailSchema } },
  }, async (request, reply) => reply.code(201).send(await svc.addPolicyVersion(request.ctx, request.params.id, request.body)));

  app.patch('/api/policies/:id', {
    config: { access: admin },
    schema: { tags, summary: 'Publish, repeal or re-tag a policy', params: IdParams, body: PolicyPatchSchema, response: { 200: PolicyDetailSchema } },
  }, async (request) => svc.patchPolicy(request.ctx, request.params.id, request.body));

  // ---------- benefit items ----------
  app.get('/api/benefits', {
    config: { access: 'public' },
    schema: { tags, summary: 'Benefit items (published ones; staff also drafts) with their versions', response: { 200: z.array(BenefitSchema) } },
  }, async (request) => svc.listBenefits(request.ctx));

  app.get('/api/benefits/variables', {
    config: { access: 'public' },
    schema: { tags, summary: 'The variables a benefit condition or formula may name, with types and labels', response: { 200: z.array(VariableSchema) } },
  }, async () => BASE_VARIABLES.map((v) => ({ ...v, values: v.values ? [...v.values] : undefined })));

  app.get('/api/benefits/:code', {
    config: { access: 'public' },
    schema: { tags, summary: 'One benefit item', params: CodeParams, response: { 200: BenefitSchema } },
  }, async (request) => svc.getBenefit(request.ctx, request.params.code));

  app.post('/api/benefits', {
    config: { access: admin },
    schema: { tags, summary: 'Author a benefit item with its first (draft) version; refused with every problem if it does not validate', body: BenefitCreateSchema, response: { 201: BenefitSchema } },
  }, async (request, reply) => reply.code(201).send(await svc.createBenefit(request.ctx, request.body)));

  app.post('/api/benefits/:code/validate', {
    config: { access: admin },
    schema: { tags, summary: 'Check a draft version without saving: problems (with the exact part) and test-case results', params: CodeParams, body: BenefitDraftSchema, response: { 200: ValidationReportSchema } },
  }, async (request) => {
    const r = await svc.validateBenefit(request.ctx, request.params.code, request.body);
    const l = request.locale;
    return { ok: r.problems.length === 0, problems: svc.renderProblems(r.problems, l), cases: r.cases.map((c) => ({ ...c, message: pick(c.message, l) })) };
  });

  app.post('/api/benefits/:code/versions', {
    config: { access: admin },
    schema: { tags, summary: 'A new (draft) version of a benefit with its own effective date', params: CodeParams, body: BenefitDraftSchema, response: { 201: BenefitSchema } },
  }, async (request, reply) => reply.code(201).send(await svc.addBenefitVersion(request.ctx, request.params.code, request.body)));

  app.put('/api/benefits/:code/versions/:versionNo', {
    config: { access: admin },
    schema: { tags, summary: 'Edit a draft version (published versions never change)', params: VersionParams, body: BenefitDraftSchema, response: { 200: BenefitSchema } },
  }, async (request) => svc.updateBenefitDraft(request.ctx, request.params.code, request.params.versionNo, request.body));

  app.post('/api/benefits/:code/versions/:versionNo/publish', {
    config: { access: admin },
    schema: { tags, summary: 'Publish a draft version: needs a published policy and at least three passing test cases', params: VersionParams, response: { 200: BenefitSchema } },
  }, async (request) => svc.publishBenefitVersion(request.ctx, request.params.code, request.params.versionNo));

  // ---------- the calculator ----------
  app.get('/api/orgs/:uscc/benefits', {
    config: { access: members },
    schema: {
      tags, summary: 'Benefit calculator for a registered organisation and fiscal year: what it qualifies for, how much, why, and its near misses',
      params: z.strictObject({ uscc: z.string().trim().min(1).max(32) }),
      querystring: z.strictObject({ year: Year.optional(), asOf: AsOf.optional() }),
      response: { 200: CalculationSchema },
    },
  }, async (request) => {
    const year = request.query.year ?? Number(request.ctx.now().toISOString().slice(0, 4)) - 1;
    return svc.calculateForOrg(request.ctx, request.params.uscc, year, request.query.asOf);
  });

  app.post('/api/benefits/calculate', {
    config: { access: 'authenticated' },
    schema: {
      tags, summary: 'What-if: the benefit calculator over a facts document given in the request; stores nothing',
      body: z.strictObject({ year: Year, asOf: AsOf.optional(), district: z.enum(['siming', 'huli', 'jimei', 'haicang', 'tongan', 'xiangan']).nullish(), facts: FactsDocSchema }),
      response: { 200: CalculationSchema },
    },
  }, async (request) => svc.calculate(request.ctx, request.body.facts, { year: request.body.year, asOf: request.body.asOf, district: request.body.district ?? null }));

};
