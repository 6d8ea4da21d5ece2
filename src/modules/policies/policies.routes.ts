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
import * as grantSvc from './autogrant.service.ts';
import { onOrgsChanged } from '../registry/registry.service.ts';
import { sendWorkbook } from '../../server/xlsx.ts';
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
  }, async (request) => {
    const out = await svc.publishBenefitVersion(request.ctx, request.params.code, request.params.versionNo);
    // A new benefit: tell every organisation that now qualifies (a failure must not undo the publication).
    await grantSvc.alertQualified(request.ctx, 'all').catch((err) => request.log.error({ err }, 'qualification alerts failed'));
    return out;
  });

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


  // ---------- 免申即享 auto-grant batches (bureau staff; maker-checker) ----------
  const Bilingual = z.object({ zh: z.string(), en: z.string() });
  const BatchSchema = z.object({
    id: z.string(), benefitCode: z.string(), benefitVersion: z.string(), asOf: z.string(), fiscalYear: z.number(), status: z.string(),
    organisations: z.number(), total: z.number(), totalBeforeBudget: z.number(), budget: z.number().nullable(), previousId: z.string().nullable(),
    changes: z.object({ added: z.number(), dropped: z.number(), changed: z.number(), same: z.number() }),
    createdBy: z.string(), createdAt: z.string(), approvedBy: z.string().nullable(), approvedAt: z.string().nullable(),
  });
  const BatchIdParams = z.strictObject({ id: z.string().trim().min(1).max(40) });

  app.post('/api/auto-grants', {
    config: { access: admin },
    schema: {
      tags, summary: 'Run one benefit as of a date over every organisation: a pending batch with amounts, explanations and what changed since the last approved batch (a re-run replaces the pending one)',
      body: z.strictObject({ benefit: z.string().trim().min(1).max(60), asOf: AsOf }),
      response: { 201: BatchSchema.extend({ evaluated: z.number(), undecided: z.number(), evaluatedMs: z.number() }) },
    },
  }, async (request, reply) => reply.code(201).send(await grantSvc.runBatch(request.ctx, request.body.benefit, request.body.asOf)));

  app.get('/api/auto-grants', {
    config: { access: admin },
    schema: { tags, summary: 'Auto-grant batches, newest first', querystring: z.strictObject({ benefit: z.string().max(60).optional() }), response: { 200: z.array(BatchSchema) } },
  }, async (request) => grantSvc.listBatches(request.ctx, request.query.benefit));

  app.get('/api/auto-grants/:id', {
    config: { access: admin },
    schema: {
      tags, summary: 'One batch with its organisations (amount, change, explanation)', params: BatchIdParams,
      querystring: z.strictObject({ change: z.enum(['new', 'same', 'changed', 'dropped']).optional(), page: z.coerce.number().int().min(1).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) }),
      response: { 200: z.object({ batch: BatchSchema, total: z.number(), items: z.array(z.object({
        uscc: z.string(), name: z.string(), district: z.string(), industryCode: z.string().nullable(), synthetic: z.boolean(), change: z.string(),
        amount: z.number(), amountBeforeBudget: z.number(), previousAmount: z.number().nullable(),
        explanation: z.object({ reasons: z.array(z.object({ ok: z.boolean().nullable(), text: Bilingual })).optional(), formula: Bilingual.nullable().optional() }).passthrough(),
      })) }) },
    },
  }, async (request) => grantSvc.getBatch(request.ctx, request.params.id, request.query));

  app.post('/api/auto-grants/:id/approve', {
    config: { access: admin },
    schema: { tags, summary: 'Approve a pending batch (not one you ran yourself); each organisation gets a notice', params: BatchIdParams, response: { 200: BatchSchema } },
  }, async (request) => grantSvc.approveBatch(request.ctx, request.params.id));

  app.get('/api/auto-grants/:id/export.xlsx', {
    config: { access: admin },
    schema: { tags, summary: 'The batch as an Excel workbook', params: BatchIdParams },
  }, async (request, reply) => {
    await grantSvc.getBatch(request.ctx, request.params.id, { page: 1, pageSize: 1 });
    return sendWorkbook(request, reply, `auto-grant-${request.params.id.slice(0, 8)}.xlsx`, (out) => grantSvc.writeBatchWorkbook(request.ctx, request.params.id, out));
  });

  app.get('/api/benefits/totals', {
    config: { access: admin },
    schema: {
      tags, summary: 'Computed super-deduction and HNTE tax relief over the registry by year, district, industry section and tier, beside the letter\'s reported total',
      querystring: z.strictObject({ from: Year.default(2021), to: Year.default(2025) }),
      response: { 200: z.object({
        years: z.array(z.number()), organisations: z.number(), contributing: z.number(), total: z.number(), coverage: z.number(),
        byYear: z.array(z.object({ year: z.number(), rd_super_deduction: z.number(), hnte_rate: z.number() })),
        byDistrict: z.array(z.object({ key: z.string(), amount: z.number() })), bySection: z.array(z.object({ key: z.string(), amount: z.number() })),
        byTier: z.array(z.object({ key: z.string(), amount: z.number() })),
        reported: z.object({ amount: z.number(), period: z.string(), source: z.string(), label: Bilingual }),
      }) },
    },
  }, async (request) => {
    const years: number[] = [];
    for (let y = request.query.from; y <= Math.min(request.query.to, request.query.from + 20); y++) years.push(y);
    return grantSvc.taxTotals(request.ctx, years);
  });

  // ---------- an organisation's inbox ----------
  const NoticeSchema = z.object({ id: z.string(), topic: z.string(), kind: z.string(), title: Bilingual, body: Bilingual, createdAt: z.string(), read: z.boolean() });
  app.get('/api/notices', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'The organisation\'s inbox: grants and "you now qualify" alerts', response: { 200: z.array(NoticeSchema) } },
  }, async (request) => grantSvc.listNotices(request.ctx));

  app.post('/api/notices/:id/read', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'Mark a notice read', params: BatchIdParams, response: { 200: z.object({ id: z.string(), read: z.boolean() }) } },
  }, async (request) => grantSvc.markNoticeRead(request.ctx, request.params.id));

  app.get('/api/notices/opt-outs', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'Topics the organisation gets no "you now qualify" alerts for', response: { 200: z.object({ topics: z.array(z.string()) }) } },
  }, async (request) => grantSvc.getOptOuts(request.ctx));

  app.put('/api/notices/opt-outs', {
    config: { access: ['org_user'] },
    schema: { tags, summary: 'Set the opted-out topics', body: z.strictObject({ topics: z.array(z.string().trim().min(1).max(40)).max(20) }), response: { 200: z.object({ topics: z.array(z.string()) }) } },
  }, async (request) => grantSvc.setOptOuts(request.ctx, request.body.topics));

  // Facts or qualifications edited: tell the organisation what it now qualifies for (once per benefit version and year).
  onOrgsChanged(grantSvc.alertOnOrgsChanged);
};
