import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendWorkbook } from '../../server/xlsx.ts';
import { COMPUTED_BY_ID } from './computed.ts';
import {
  ExportQuerySchema, IndicatorInputSchema, IndicatorOutSchema, IndicatorPatchSchema, ListQuerySchema, RowsQuerySchema, ValueCorrectionSchema,
  ValueInputSchema, ValueOutSchema, ComputedOutSchema, RowsOutSchema, SnapshotOutSchema,
} from './indicators.schema.ts';
import {
  addValue, cockpitOverview, computeByDistrict, computeByChain, correctValue, createIndicator, getIndicator, indicatorRows, listIndicators, openData,
  openDataCsv, patchIndicator, scopeOf, writeIndicatorsWorkbook, writeRowsWorkbook,
} from './indicators.service.ts';
import { AppError } from '../../server/errors.ts';
import { snapshotSeries } from './indicators.snapshots.ts';
import { DISTRICTS } from '../accounts/accounts.schema.ts';

const staff = ['bureau_admin', 'district_officer'] as const;
const admin = ['bureau_admin'] as const;
const tags = ['indicators'];
const IdParams = z.strictObject({ id: z.string().trim().min(1).max(63) });

export const indicatorsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/indicators', {
    config: { access: staff },
    schema: { tags, summary: 'Reported and computed indicators with their latest figures and comparisons', querystring: ListQuerySchema, response: { 200: z.array(IndicatorOutSchema) } },
  }, async (request) => listIndicators(request.ctx, request.query));

  app.get('/api/indicators/export.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'The indicators of a view (one topic, a page\'s ids, or all) with figures and sources, as Excel', querystring: ExportQuerySchema },
  }, async (request, reply) => {
    const stamp = request.ctx.now().toISOString().slice(0, 10);
    return sendWorkbook(request, reply, `指标-${request.query.topic ?? (request.query.ids ? '页面' : '全部')}-${stamp}.xlsx`, (out) => writeIndicatorsWorkbook(request.ctx, request.query, out));
  });

  app.post('/api/indicators', {
    config: { access: admin },
    schema: { tags, summary: 'Define a reported indicator', body: IndicatorInputSchema, response: { 201: IndicatorOutSchema } },
  }, async (request, reply) => reply.code(201).send(await createIndicator(request.ctx, request.body)));

  app.get('/api/indicators/:id', {
    config: { access: staff },
    schema: {
      tags, summary: 'One indicator with its series (computed: the platform figure over recent periods, beside the reported one)', params: IdParams,
      response: {
        200: z.object({
          indicator: IndicatorOutSchema, values: z.array(ValueOutSchema), series: z.array(ComputedOutSchema), reported: z.array(ValueOutSchema),
          /** Computed: the daily snapshots in the caller's scope (city, or the officer's district). */
          snapshots: z.array(SnapshotOutSchema),
        }),
      },
    },
  }, async (request) => {
    const out = await getIndicator(request.ctx, request.params.id);
    const snapshots = out.indicator.kind === 'computed' ? await snapshotSeries(request.ctx, out.indicator.id, scopeOf(request.ctx)) : [];
    return { ...out, snapshots };
  });

  app.patch('/api/indicators/:id', {
    config: { access: admin },
    schema: { tags, summary: 'Edit a reported indicator (unit and frequency only while it has no values)', params: IdParams, body: IndicatorPatchSchema, response: { 200: IndicatorOutSchema } },
  }, async (request) => patchIndicator(request.ctx, request.params.id, request.body));

  app.post('/api/indicators/:id/values', {
    config: { access: admin },
    schema: { tags, summary: 'Record a reported figure for one period, with its source', params: IdParams, body: ValueInputSchema, response: { 201: ValueOutSchema } },
  }, async (request, reply) => reply.code(201).send(await addValue(request.ctx, request.params.id, request.body)));

  app.put('/api/indicators/:id/values/:period', {
    config: { access: admin },
    schema: {
      tags, summary: 'Correct one period\'s figure, with a reason (the audit log keeps the old one)',
      params: IdParams.extend({ period: z.string().trim().min(4).max(21) }), body: ValueCorrectionSchema, response: { 200: ValueOutSchema },
    },
  }, async (request) => correctValue(request.ctx, request.params.id, request.params.period, request.body));

  app.get('/api/indicators/:id/rows', {
    config: { access: staff },
    schema: {
      tags, summary: 'Drill-down: the organisations (or, for figures over chain maps, funds, villages …, those items) behind a computed figure, in your scope', params: IdParams, querystring: RowsQuerySchema,
      response: { 200: RowsOutSchema },
    },
  }, async (request) => indicatorRows(request.ctx, request.params.id, request.query));

  app.get('/api/indicators/:id/rows.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'The drill-down rows as Excel', params: IdParams, querystring: RowsQuerySchema.omit({ page: true, pageSize: true }) },
  }, async (request, reply) => sendWorkbook(request, reply, `${request.params.id}-明细.xlsx`, (out) => writeRowsWorkbook(request.ctx, request.params.id, request.query, out)));

  app.get('/api/indicators/:id/by-district', {
    config: { access: staff },
    schema: {
      tags, summary: 'A computed figure per district', params: IdParams, querystring: z.strictObject({ period: z.string().trim().max(21).optional() }),
      response: { 200: z.object({ period: z.string(), values: z.array(z.object({ district: z.enum(DISTRICTS), value: z.number() })) }) },
    },
  }, async (request) => {
    const def = COMPUTED_BY_ID.get(request.params.id);
    if (!def) throw new AppError('indicator.not_drillable', { id: request.params.id });
    const { indicator } = await getIndicator(request.ctx, def.id);
    const period = request.query.period ?? indicator.current?.period ?? '';
    return { period, values: await computeByDistrict(request.ctx, def, period) };
  });

  app.get('/api/indicators/:id/by-chain', {
    config: { access: staff },
    schema: {
      tags, summary: 'A computed figure per industry chain (organisations confirmed on each chain map)', params: IdParams, querystring: z.strictObject({ period: z.string().trim().max(21).optional() }),
      response: { 200: z.object({ period: z.string(), values: z.array(z.object({ chainId: z.string(), name: z.object({ zh: z.string(), en: z.string() }), value: z.number() })) }) },
    },
  }, async (request) => {
    const def = COMPUTED_BY_ID.get(request.params.id);
    if (!def) throw new AppError('indicator.not_drillable', { id: request.params.id });
    const { indicator } = await getIndicator(request.ctx, def.id);
    const period = request.query.period ?? indicator.current?.period ?? '';
    return { period, values: await computeByChain(request.ctx, def, period) };
  });

  app.get('/api/cockpit/overview', {
    config: { access: staff },
    schema: { tags: ['cockpit'], summary: 'Everything the cockpit overview and the wall display show, in one answer' },
  }, async (request) => cockpitOverview(request.ctx));

  // Open data: stable URLs outside /api, readable without login.
  app.get('/open-data/indicators.json', {
    config: { access: 'public' },
    schema: { tags: ['open data'], summary: 'Published indicators, their values and sources, with the licence (JSON)' },
  }, async (request, reply) => reply.header('cache-control', 'public, max-age=300').send(await openData(request.ctx)));

  app.get('/open-data/indicators.csv', {
    config: { access: 'public' },
    schema: { tags: ['open data'], summary: 'Published indicator values and sources, one row per value, licence in the first line (CSV, UTF-8 with BOM)' },
  }, async (request, reply) => reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', 'inline; filename="indicators.csv"')
    .header('cache-control', 'public, max-age=300')
    .send(openDataCsv(await openData(request.ctx))));
};
