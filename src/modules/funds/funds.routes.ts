import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendWorkbook } from '../../server/xlsx.ts';
import {
  AllocationCreateSchema, AllocationSchema, AppropriationCreateSchema, DecisionSchema, DisbursementCreateSchema, DisbursementPatchSchema,
  DisbursementQuerySchema, DisbursementSchema, EntryQuerySchema, EntrySchema, FundCreateSchema, FundKindSchema, FundSchema, MovementSchema,
  RecipientCreateSchema, RecipientKindSchema, RecipientSchema, ReconciliationQuerySchema, ReconciliationSchema, ReturnCreateSchema, TimelineSchema,
} from './funds.schema.ts';
import * as funds from './funds.service.ts';
import { reconcile, writeReconciliationWorkbook } from './funds.report.ts';
import { DistrictSchema } from '../accounts/accounts.schema.ts';
import { CollectiveProjectCreateSchema, InvestmentCreateSchema, VentureFundCreateSchema, VillageCreateSchema, VillageIncomeSchema } from './funds.schema.ts';
import * as villages from './villages.ts';
import * as ventures from './ventures.ts';
import * as agreements from './agreements.ts';
import * as grantpay from './grantpay.ts';
import { GrantPaymentCreateSchema } from './funds.schema.ts';
import { AgreementCreateSchema, AgreementDetailSchema, AgreementProjectCreateSchema, AgreementSchema, AgreementStatusSchema, CountySchema, AGREEMENT_STATUSES } from './funds.schema.ts';
import { insuranceRoutes } from './insurance.routes.ts';

// Bureau administrators keep the books; district officers may read them. Payments need two
// different administrators (maker and checker), enforced in the service.
const staff = ['bureau_admin', 'district_officer'] as const;
const admin = ['bureau_admin'] as const;
const tags = ['funds'];
const IdParams = z.strictObject({ id: z.uuid() });
const EntryOut = z.object({ id: z.string(), kind: z.string(), amountFen: z.number(), valueDate: z.string() });

function entryOut(e: { id: string; kind: string; amountFen: number; valueDate: string }) {
  return { id: e.id, kind: e.kind, amountFen: e.amountFen, valueDate: e.valueDate };
}

export const fundsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/funds', {
    config: { access: staff },
    schema: { tags, summary: 'Funds with balances derived from their ledger (fen)', querystring: z.strictObject({ kind: FundKindSchema.optional() }), response: { 200: z.array(FundSchema) } },
  }, async (request) => funds.listFunds(request.ctx, request.query));

  app.post('/api/funds', {
    config: { access: admin },
    schema: { tags, summary: 'Create a fund with its management rules', body: FundCreateSchema, response: { 201: FundSchema } },
  }, async (request, reply) => reply.code(201).send(await funds.createFund(request.ctx, request.body)));

  app.get('/api/funds/recipients', {
    config: { access: staff },
    schema: {
      tags, summary: 'Recipients (projects, partner counties, collective projects, sub-funds) with net allocated and paid',
      querystring: z.strictObject({ kind: RecipientKindSchema.optional(), status: z.enum(['open', 'closed']).optional(), district: DistrictSchema.optional() }),
      response: { 200: z.array(RecipientSchema) },
    },
  }, async (request) => funds.listRecipients(request.ctx, request.query));

  app.post('/api/funds/recipients', {
    config: { access: admin },
    schema: { tags, summary: 'Register a recipient (a project and its reference)', body: RecipientCreateSchema, response: { 201: z.object({ id: z.string(), ref: z.string() }) } },
  }, async (request, reply) => {
    const r = await funds.createRecipient(request.ctx, request.body);
    return reply.code(201).send({ id: r.id, ref: r.ref });
  });

  app.post('/api/funds/recipients/:id/close', {
    config: { access: admin },
    schema: { tags, summary: 'Close a project: no further allocations or payments', params: IdParams, response: { 200: z.object({ id: z.string(), status: z.string() }) } },
  }, async (request) => {
    const r = await funds.closeRecipient(request.ctx, request.params.id);
    return { id: r.id, status: r.status };
  });

  app.get('/api/funds/disbursements', {
    config: { access: staff },
    schema: { tags, summary: 'Payment requests; status=pending is the checker\'s approval queue', querystring: DisbursementQuerySchema, response: { 200: z.object({ total: z.number(), items: z.array(DisbursementSchema) }) } },
  }, async (request) => funds.listDisbursements(request.ctx, request.query));

  app.patch('/api/funds/disbursements/:id', {
    config: { access: admin },
    schema: { tags, summary: 'The maker corrects a pending request; an approved (posted) payment cannot be edited', params: IdParams, body: DisbursementPatchSchema, response: { 200: DisbursementSchema } },
  }, async (request) => funds.updateDisbursement(request.ctx, request.params.id, request.body));

  app.post('/api/funds/disbursements/:id/approve', {
    config: { access: admin },
    schema: { tags, summary: 'The checker (not the maker) approves; the payment is posted to the ledger', params: IdParams, body: DecisionSchema, response: { 200: DisbursementSchema } },
  }, async (request) => funds.approveDisbursement(request.ctx, request.params.id, request.body));

  app.post('/api/funds/disbursements/:id/reject', {
    config: { access: admin },
    schema: { tags, summary: 'The checker refuses a request; nothing is posted', params: IdParams, body: DecisionSchema, response: { 200: DisbursementSchema } },
  }, async (request) => funds.decideAgainst(request.ctx, request.params.id, 'reject', request.body));

  app.post('/api/funds/disbursements/:id/cancel', {
    config: { access: admin },
    schema: { tags, summary: 'The maker withdraws a pending request', params: IdParams, body: DecisionSchema, response: { 200: DisbursementSchema } },
  }, async (request) => funds.decideAgainst(request.ctx, request.params.id, 'cancel', request.body));

  app.get('/api/funds/allocations/:id', {
    config: { access: staff },
    schema: { tags, summary: 'One allocation with allocated, paid, pending and remaining amounts', params: IdParams, response: { 200: AllocationSchema } },
  }, async (request) => funds.getAllocation(request.ctx, request.params.id));

  app.post('/api/funds/allocations/:id/disbursements', {
    config: { access: admin },
    schema: { tags, summary: 'The maker requests a payment against an allocation (unique payment reference)', params: IdParams, body: DisbursementCreateSchema, response: { 201: DisbursementSchema } },
  }, async (request, reply) => reply.code(201).send(await funds.requestDisbursement(request.ctx, request.params.id, request.body)));

  app.post('/api/funds/allocations/:id/releases', {
    config: { access: admin },
    schema: { tags, summary: 'Give the unpaid part of an allocation back to the fund', params: IdParams, body: MovementSchema, response: { 201: EntryOut } },
  }, async (request, reply) => reply.code(201).send(entryOut(await funds.release(request.ctx, request.params.id, request.body))));

  app.post('/api/funds/allocations/:id/returns', {
    config: { access: admin },
    schema: { tags, summary: 'Record money paid out and returned by the recipient', params: IdParams, body: ReturnCreateSchema, response: { 201: EntryOut } },
  }, async (request, reply) => reply.code(201).send(entryOut(await funds.recordReturn(request.ctx, request.params.id, request.body))));

  app.post('/api/funds/entries/:id/reversal', {
    config: { access: admin },
    schema: { tags, summary: 'Reverse a posted entry (posted entries are never edited)', params: IdParams, body: z.strictObject({ memo: z.string().trim().max(500).optional() }), response: { 201: EntryOut } },
  }, async (request, reply) => reply.code(201).send(entryOut(await funds.reverseEntry(request.ctx, request.params.id, request.body))));

  app.get('/api/funds/reconciliation', {
    config: { access: staff },
    schema: { tags, summary: 'Reconciliation by fund, period and recipient', querystring: ReconciliationQuerySchema, response: { 200: ReconciliationSchema } },
  }, async (request) => reconcile(request.ctx, request.query));

  app.get('/api/funds/reconciliation.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'The reconciliation as an Excel workbook (amounts in yuan)', querystring: ReconciliationQuerySchema },
  }, async (request, reply) => sendWorkbook(request, reply, `资金对账-${request.ctx.now().toISOString().slice(0, 10)}.xlsx`,
    (out) => writeReconciliationWorkbook(request.ctx, request.query, request.locale ?? 'zh-CN', out)));

  // ---- mountain–sea cooperation agreements ----
  app.get('/api/funds/agreements', {
    config: { access: staff },
    schema: {
      tags, summary: 'Mountain–sea cooperation agreements with allocated, paid and uncommitted amounts against the city and district commitments',
      querystring: z.strictObject({ county: CountySchema.optional(), status: z.enum(AGREEMENT_STATUSES).optional() }), response: { 200: z.array(AgreementSchema) },
    },
  }, async (request) => agreements.listAgreements(request.ctx, request.query));

  app.post('/api/funds/agreements', {
    config: { access: admin },
    schema: { tags, summary: 'Record a mountain–sea cooperation agreement (document, period, commitments in fen)', body: AgreementCreateSchema, response: { 201: AgreementDetailSchema } },
  }, async (request, reply) => reply.code(201).send(await agreements.createAgreement(request.ctx, request.body)));

  app.get('/api/funds/agreements/:id', {
    config: { access: staff },
    schema: { tags, summary: 'One agreement: its county projects and, per paying fund, allocations against the per-county cap', params: IdParams, response: { 200: AgreementDetailSchema } },
  }, async (request) => agreements.getAgreement(request.ctx, request.params.id));

  app.post('/api/funds/agreements/:id/status', {
    config: { access: admin },
    schema: { tags, summary: 'Mark an agreement completed or terminated (or active again)', params: IdParams, body: AgreementStatusSchema, response: { 200: AgreementDetailSchema } },
  }, async (request) => agreements.setAgreementStatus(request.ctx, request.params.id, request.body));

  app.post('/api/funds/agreements/:id/projects', {
    config: { access: admin },
    schema: { tags, summary: 'Register a county project under an active agreement (a ledger recipient)', params: IdParams, body: AgreementProjectCreateSchema, response: { 201: z.object({ id: z.string(), ref: z.string() }) } },
  }, async (request, reply) => {
    const r = await agreements.createAgreementProject(request.ctx, request.params.id, request.body);
    return reply.code(201).send({ id: r.id, ref: r.ref });
  });

  // ---- paying an approved 免申即享 batch through a fund ----
  const GrantPayOut = z.object({ batchId: z.string(), fundId: z.string(), benefitCode: z.string(), fiscalYear: z.number(), requested: z.number(), totalFen: z.number(), alreadyRequested: z.number(), coveredEarlier: z.number() });
  app.get('/api/funds/grant-payments', {
    config: { access: staff },
    schema: {
      tags, summary: 'Payment requests made for an auto-grant batch, by status', querystring: z.strictObject({ batchId: z.uuid() }),
      response: { 200: z.object({ batchId: z.string(), funds: z.array(z.string()), requests: z.number(), pendingFen: z.number(), approvedFen: z.number(), rejectedFen: z.number() }) },
    },
  }, async (request) => grantpay.grantBatchPayments(request.ctx, request.query.batchId));

  app.post('/api/funds/:id/grant-payments', {
    config: { access: admin },
    schema: { tags, summary: 'Request payment of every grant of an approved auto-grant batch from this fund (one request per grant, reference AG-<batch>-<USCC>)', params: IdParams, body: GrantPaymentCreateSchema, response: { 201: GrantPayOut } },
  }, async (request, reply) => reply.code(201).send(await grantpay.payGrantBatch(request.ctx, request.params.id, request.body)));

  // ---- village collectives ----
  app.get('/api/funds/villages', {
    config: { access: staff },
    schema: {
      tags, summary: 'Villages with income (latest or given year), collective projects, investment and fiscal support (district officers: their district)',
      querystring: z.strictObject({ district: DistrictSchema.optional(), year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.looseObject({ year: z.number().nullable(), items: z.array(z.looseObject({ id: z.string(), name: z.string(), district: z.string() })) }) },
    },
  }, async (request) => villages.listVillages(request.ctx, request.query));

  app.get('/api/funds/villages/rollup', {
    config: { access: staff },
    schema: {
      tags, summary: 'District roll-up of villages, income, collective projects and support, compared with the letter\'s figures',
      querystring: z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      response: { 200: z.looseObject({ year: z.number().nullable(), districts: z.array(z.looseObject({ district: z.string() })), city: z.looseObject({}), letter: z.looseObject({ source: z.string() }) }) },
    },
  }, async (request) => villages.villageRollup(request.ctx, request.query));

  app.post('/api/funds/villages', {
    config: { access: admin },
    schema: { tags, summary: 'Register a village', body: VillageCreateSchema, response: { 201: z.looseObject({ id: z.string(), code: z.string() }) } },
  }, async (request, reply) => reply.code(201).send(await villages.createVillage(request.ctx, request.body)));

  app.post('/api/funds/villages/:id/incomes', {
    config: { access: admin },
    schema: { tags, summary: 'Record a village\'s collective income for a year (fen)', params: IdParams, body: VillageIncomeSchema, response: { 200: z.object({ villageId: z.string(), year: z.number(), incomeFen: z.number() }) } },
  }, async (request) => villages.setVillageIncome(request.ctx, request.params.id, request.body));

  app.post('/api/funds/collective-projects', {
    config: { access: admin },
    schema: { tags, summary: 'Register a village collective project (a ledger recipient; fiscal support ≤ 10 % of investment)', body: CollectiveProjectCreateSchema, response: { 201: z.object({ id: z.string(), ref: z.string() }) } },
  }, async (request, reply) => {
    const r = await villages.createCollectiveProject(request.ctx, request.body);
    return reply.code(201).send({ id: r.id, ref: r.ref });
  });

  // ---- guidance fund, sub-funds, investments ----
  const VentureOut = z.looseObject({ id: z.string(), code: z.string(), name: z.string(), kind: z.string() });
  app.get('/api/funds/ventures', {
    config: { access: staff },
    schema: { tags, summary: 'Guidance fund, sub-funds and other venture funds with invested, early/small/hard-tech shares, in-city reinvestment and leverage', response: { 200: z.array(VentureOut) } },
  }, async (request) => ventures.listVentureFunds(request.ctx));

  app.post('/api/funds/ventures', {
    config: { access: admin },
    schema: { tags, summary: 'Register a guidance fund, sub-fund or venture fund', body: VentureFundCreateSchema, response: { 201: VentureOut } },
  }, async (request, reply) => reply.code(201).send(await ventures.createVentureFund(request.ctx, request.body)));

  app.get('/api/funds/ventures/:id/investments', {
    config: { access: staff },
    schema: { tags, summary: 'A fund\'s investments', params: IdParams, response: { 200: z.array(z.looseObject({ id: z.string(), targetName: z.string() })) } },
  }, async (request) => ventures.listInvestments(request.ctx, request.params.id));

  app.post('/api/funds/ventures/:id/investments', {
    config: { access: admin },
    schema: { tags, summary: 'Record an investment (in a registry organisation, or a named outside investee)', params: IdParams, body: InvestmentCreateSchema, response: { 201: z.looseObject({ id: z.string() }) } },
  }, async (request, reply) => reply.code(201).send(await ventures.addInvestment(request.ctx, request.params.id, request.body)));

  app.get('/api/funds/:id', {
    config: { access: staff },
    schema: { tags, summary: 'One fund with its rules and balances', params: IdParams, response: { 200: FundSchema } },
  }, async (request) => funds.getFund(request.ctx, request.params.id));

  app.get('/api/funds/:id/entries', {
    config: { access: staff },
    schema: { tags, summary: 'The fund\'s ledger entries with their lines, newest first', params: IdParams, querystring: EntryQuerySchema, response: { 200: z.object({ total: z.number(), items: z.array(EntrySchema) }) } },
  }, async (request) => funds.listEntries(request.ctx, request.params.id, request.query));

  app.get('/api/funds/:id/timeline', {
    config: { access: staff },
    schema: { tags, summary: 'Month-end balances over time', params: IdParams, response: { 200: TimelineSchema } },
  }, async (request) => funds.fundTimeline(request.ctx, request.params.id));

  app.get('/api/funds/:id/allocations', {
    config: { access: staff },
    schema: { tags, summary: 'The fund\'s allocations with their balances', params: IdParams, response: { 200: z.array(AllocationSchema) } },
  }, async (request) => {
    await funds.getFund(request.ctx, request.params.id);
    return funds.listAllocations(request.ctx, { fundId: request.params.id });
  });

  app.post('/api/funds/:id/appropriations', {
    config: { access: admin },
    schema: { tags, summary: 'Post an appropriation (money received from the city, a district or the province)', params: IdParams, body: AppropriationCreateSchema, response: { 201: EntryOut } },
  }, async (request, reply) => reply.code(201).send(entryOut(await funds.appropriate(request.ctx, request.params.id, request.body))));

  app.post('/api/funds/:id/allocations', {
    config: { access: admin },
    schema: { tags, summary: 'Allocate to a recipient, checked against the management rules and the unallocated balance', params: IdParams, body: AllocationCreateSchema, response: { 201: AllocationSchema } },
  }, async (request, reply) => {
    const { allocation } = await funds.allocate(request.ctx, request.params.id, request.body);
    return reply.code(201).send(await funds.getAllocation(request.ctx, allocation.id));
  });
  await app.register(insuranceRoutes);
};
