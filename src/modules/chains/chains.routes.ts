import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChainCreateSchema, ChainListSchema, ChainMapSchema, ChainParams, ChainPatchSchema, EdgeCreateSchema, EdgeParams, EdgeSchema,
  IndustryPatchSchema, IndustrySchema, LinkCreateSchema, LinkParams, LinkPatchSchema, LinkSchema, MergeSchema,
} from './chains.schema.ts';
import * as chains from './chains.service.ts';
import * as analysis from './chains.analysis.ts';
import * as targets from './chains.targets.ts';
import * as versions from './chains.versions.ts';
import { exportChain } from './chains.export.ts';
import { ATTACHMENT_STATUSES, LINK_ROLES, STAGES } from './chains.schema.ts';
import { sendWorkbook } from '../../server/xlsx.ts';

const staff = ['bureau_admin', 'district_officer'] as const;
const admin = ['bureau_admin'] as const;
const signedIn = ['bureau_admin', 'district_officer', 'org_user', 'reviewer'] as const;
const tags = ['chains'];
const IndustryParams = z.strictObject({ id: z.string().trim().min(1).max(40) });

export const chainsRoutes: FastifyPluginAsyncZod = async (app) => {
  // ---------- the 4+4+6 industry system ----------
  app.get('/api/industries', {
    config: { access: signedIn },
    schema: { tags, summary: 'The 4+4+6 industry system: tiers, GB/T 4754 codes, keywords, verified flag and the chains of each industry', response: { 200: z.array(IndustrySchema) } },
  }, async (request) => chains.listIndustries(request.ctx));

  app.patch('/api/industries/:id', {
    config: { access: admin },
    schema: { tags, summary: 'Edit an industry (names, codes, keywords, confirm it as verified); the previous state is kept as a revision', params: IndustryParams, body: IndustryPatchSchema, response: { 200: IndustrySchema } },
  }, async (request) => chains.updateIndustry(request.ctx, request.params.id, request.body));

  app.get('/api/industries/:id/revisions', {
    config: { access: staff },
    schema: { tags, summary: 'Earlier versions of an industry, newest first', params: IndustryParams, response: { 200: z.array(z.object({ version: z.number(), snapshot: z.record(z.string(), z.unknown()), at: z.string(), actor: z.string() })) } },
  }, async (request) => chains.listIndustryRevisions(request.ctx, request.params.id));

  // ---------- chains and their structure ----------
  app.get('/api/chains', {
    config: { access: staff },
    schema: { tags, summary: 'Chains with link, organisation and target counts, and how many key chains the city plans', response: { 200: ChainListSchema } },
  }, async (request) => chains.listChains(request.ctx));

  app.post('/api/chains', {
    config: { access: admin },
    schema: { tags, summary: 'Add a chain (room for the 22 key chains)', body: ChainCreateSchema, response: { 201: ChainMapSchema } },
  }, async (request, reply) => reply.code(201).send(await chains.createChain(request.ctx, request.body)));

  app.get('/api/chains/:chainId', {
    config: { access: staff },
    schema: { tags, summary: 'A chain map: live links (upstream → downstream, with sub-links) and supply edges', params: ChainParams, response: { 200: ChainMapSchema } },
  }, async (request) => chains.getChainMap(request.ctx, request.params.chainId));

  app.patch('/api/chains/:chainId', {
    config: { access: admin },
    schema: { tags, summary: 'Edit a chain\'s names, industry or description', params: ChainParams, body: ChainPatchSchema, response: { 200: ChainMapSchema } },
  }, async (request) => chains.updateChain(request.ctx, request.params.chainId, request.body));

  app.post('/api/chains/:chainId/links', {
    config: { access: admin },
    schema: { tags, summary: 'Add a link or sub-link (stage required; a sub-link shares its parent\'s stage)', params: ChainParams, body: LinkCreateSchema, response: { 201: LinkSchema } },
  }, async (request, reply) => reply.code(201).send(await chains.addLink(request.ctx, request.params.chainId, request.body)));

  app.patch('/api/chains/:chainId/links/:linkId', {
    config: { access: admin },
    schema: { tags, summary: 'Edit or move a link (parent, stage, order); a link cannot become its own ancestor', params: LinkParams, body: LinkPatchSchema, response: { 200: LinkSchema } },
  }, async (request) => chains.updateLink(request.ctx, request.params.chainId, request.params.linkId, request.body));

  app.delete('/api/chains/:chainId/links/:linkId', {
    config: { access: admin },
    schema: { tags, summary: 'Delete a link and its sub-links (marked deleted; ids stay resolvable)', params: LinkParams, response: { 200: z.object({ deleted: z.number(), edgesRemoved: z.number(), organisationsDetached: z.number() }) } },
  }, async (request) => chains.deleteLink(request.ctx, request.params.chainId, request.params.linkId));

  app.post('/api/chains/:chainId/links/:linkId/merge', {
    config: { access: admin },
    schema: { tags, summary: 'Merge a link into another: sub-links, organisations, targets and edges move to the survivor', params: LinkParams, body: MergeSchema, response: { 200: LinkSchema } },
  }, async (request) => chains.mergeLinks(request.ctx, request.params.chainId, request.params.linkId, request.body.into));

  app.post('/api/chains/:chainId/edges', {
    config: { access: admin },
    schema: { tags, summary: 'Add a supply edge between two links of this chain', params: ChainParams, body: EdgeCreateSchema, response: { 201: EdgeSchema } },
  }, async (request, reply) => reply.code(201).send(await chains.addEdge(request.ctx, request.params.chainId, request.body)));

  app.delete('/api/chains/:chainId/edges/:edgeId', {
    config: { access: admin },
    schema: { tags, summary: 'Remove a supply edge', params: EdgeParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await chains.deleteEdge(request.ctx, request.params.chainId, request.params.edgeId);
    return reply.code(204).send(null);
  });

  // ---------- organisations at links ----------
  app.post('/api/chains/:chainId/suggest', {
    config: { access: admin },
    schema: { tags, summary: 'Suggest organisations for links from industry codes, keywords and products (confidence and evidence); staff decisions are kept', params: ChainParams, response: { 200: z.object({ chainId: z.string(), scanned: z.number(), suggested: z.number(), kept: z.number() }) } },
  }, async (request) => analysis.suggestOrgs(request.ctx, request.params.chainId));

  app.post('/api/chains/:chainId/links/:linkId/orgs', {
    config: { access: staff },
    schema: { tags, summary: 'Attach an organisation to a link (confirmed); one already in the chain moves here', params: LinkParams, body: z.strictObject({ uscc: z.string().trim().min(1).max(32), role: z.enum(LINK_ROLES).optional() }), response: { 200: AttachmentSchema } },
  }, async (request) => analysis.attachOrg(request.ctx, request.params.chainId, request.params.linkId, request.body));

  app.patch('/api/chains/:chainId/attachments/:attachmentId', {
    config: { access: staff },
    schema: { tags, summary: 'Confirm or reject a suggested organisation, change its role or move it to another link', params: ChainParams.extend({ attachmentId: z.uuid() }), body: z.strictObject({ status: z.enum(['confirmed', 'rejected']).optional(), role: z.enum(LINK_ROLES).optional(), linkId: z.uuid().optional() }), response: { 200: AttachmentSchema } },
  }, async (request) => analysis.decideAttachment(request.ctx, request.params.chainId, request.params.attachmentId, request.body));

  // ---------- analysis ----------
  app.get('/api/chains/:chainId/analysis', {
    config: { access: staff },
    schema: { tags, summary: 'Per link: indicators, strength score and class, recommendation (strengthen / fill / extend), reserve pool; chain completeness', params: ChainParams, querystring: BasisQuery, response: { 200: AnalysisSchema } },
  }, async (request) => analysis.analyseChain(request.ctx, request.params.chainId, request.query.basis));

  app.get('/api/chains/:chainId/links/:linkId', {
    config: { access: staff },
    schema: { tags, summary: 'One link: contents, analysis, organisations (with evidence and reserve tiers)', params: LinkParams, querystring: BasisQuery, response: { 200: LinkDetailSchema } },
  }, async (request) => analysis.linkDetail(request.ctx, request.params.chainId, request.params.linkId, request.query.basis));

  app.get('/api/chains/:chainId/export.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'The chain as Excel: link analysis, organisations at links, ranked targets, formula', params: ChainParams, querystring: BasisQuery },
  }, async (request, reply) => {
    const c = await chains.findChain(request.ctx.db, request.params.chainId);
    return sendWorkbook(request, reply, `产业链图谱-${c.zh}-${request.ctx.now().toISOString().slice(0, 10)}.xlsx`, (out) => exportChain(request.ctx, c.id, out, request.query.basis));
  });

  // ---------- investment targets ----------
  app.get('/api/chains/:chainId/targets', {
    config: { access: staff },
    schema: { tags, summary: 'Investment targets of a chain, ranked with the reason for every point (landed and dropped last, unranked)', params: ChainParams, querystring: BasisQuery, response: { 200: z.object({ chainId: z.string(), items: z.array(targets.RankedTargetSchema) }) } },
  }, async (request) => targets.rankedTargets(request.ctx, request.params.chainId, request.query.basis));

  app.post('/api/chains/:chainId/targets', {
    config: { access: staff },
    schema: { tags, summary: 'Add an investment target at a link (source, status, owner; money in fen)', params: ChainParams, body: targets.TargetCreateSchema, response: { 201: targets.TargetSchema } },
  }, async (request, reply) => reply.code(201).send(await targets.createTarget(request.ctx, request.params.chainId, request.body)));

  app.patch('/api/chains/:chainId/targets/:targetId', {
    config: { access: staff },
    schema: { tags, summary: 'Edit a target: status (lead → contacted → negotiating → landed / dropped), owner, link, figures', params: ChainParams.extend({ targetId: z.uuid() }), body: targets.TargetPatchSchema, response: { 200: targets.TargetSchema } },
  }, async (request) => targets.updateTarget(request.ctx, request.params.chainId, request.params.targetId, request.body));

  // ---------- versions ----------
  app.get('/api/chains/:chainId/versions', {
    config: { access: staff },
    schema: { tags, summary: 'Dated versions of a chain map, newest first', params: ChainParams, response: { 200: z.array(VersionSchema) } },
  }, async (request) => versions.listVersions(request.ctx, request.params.chainId));

  app.post('/api/chains/:chainId/versions', {
    config: { access: admin },
    schema: { tags, summary: 'Save the current map as a dated version (one per date)', params: ChainParams, body: z.strictObject({ asOf: z.iso.date(), label: z.string().trim().min(1).max(60) }), response: { 201: VersionSchema } },
  }, async (request, reply) => reply.code(201).send(await versions.createVersion(request.ctx, request.params.chainId, request.body)));

  app.get('/api/chains/:chainId/versions/diff', {
    config: { access: staff },
    schema: { tags, summary: 'What changed between two versions (or a version and the current map): links, edges, organisations moved, strength', params: ChainParams, querystring: z.strictObject({ from: z.string().min(1).max(40), to: z.string().min(1).max(40).default('current') }), response: { 200: DiffSchema } },
  }, async (request) => versions.diffVersions(request.ctx, request.params.chainId, request.query.from, request.query.to));

  app.post('/api/chains/:chainId/versions/:versionId/restore', {
    config: { access: admin },
    schema: { tags, summary: 'Undo through versions: make the map what it was in a version (links come back with the same ids)', params: ChainParams.extend({ versionId: z.uuid() }), response: { 200: DiffSchema.omit({ from: true, to: true }).extend({ restored: z.string() }) } },
  }, async (request) => versions.restoreVersion(request.ctx, request.params.chainId, request.params.versionId));
};

const BasisQuery = z.strictObject({ basis: z.enum(['all', 'confirmed']).default('all') });
const AttachmentSchema = z.object({ id: z.uuid(), linkId: z.string(), role: z.enum(LINK_ROLES), status: z.enum(ATTACHMENT_STATUSES) });
const Bi = z.object({ zh: z.string(), en: z.string() });
const Indicators = z.object({ organisations: z.number(), revenue: z.number(), rdExpense: z.number(), rdRevenue: z.number(), hnte: z.number(), srdi: z.number(), classOneIp: z.number(), leaders: z.number(), rdIntensity: z.number().nullable() });
const LinkAnalysisSchema = z.object({
  linkId: z.string(), parentId: z.string().nullable(), depth: z.number(), stage: z.enum(STAGES), zh: z.string(), en: z.string(), indicators: Indicators,
  score: z.number(), cls: z.enum(['strong', 'weak', 'missing']), parts: z.array(z.object({ key: z.string(), points: z.number(), max: z.number() })),
  action: z.enum(['strengthen', 'fill', 'extend', 'keep']), recommendation: Bi, targets: z.number(), reserve: z.number(),
});
const Counts = z.object({ links: z.number(), strong: z.number(), weak: z.number(), missing: z.number(), completeness: z.number() });
const AnalysisSchema = Counts.extend({ chainId: z.string(), basis: z.enum(['all', 'confirmed']), fiscalYear: z.number().nullable(), byStage: z.record(z.string(), Counts), links: z.array(LinkAnalysisSchema) });
const LinkDetailSchema = z.object({
  link: z.object({ id: z.string(), chainId: z.string(), parentId: z.string().nullable(), stage: z.enum(STAGES), zh: z.string(), en: z.string(), codes: z.array(z.string()), keywords: z.array(z.string()), technologies: z.array(z.string()), products: z.array(z.string()) }),
  analysis: LinkAnalysisSchema,
  organisations: z.array(z.object({
    id: z.string(), orgId: z.string(), uscc: z.string(), name: z.string(), district: z.string(), synthetic: z.boolean(), role: z.enum(LINK_ROLES), status: z.enum(ATTACHMENT_STATUSES),
    confidence: z.number(), evidence: z.array(z.object({ kind: z.string(), value: z.string(), matched: z.string(), weight: z.number() })), source: z.string(), decidedBy: z.string().nullable(),
    revenue: z.number().nullable(), reserveTiers: z.array(z.object({ ruleset: z.string(), gapCount: z.number() })),
  })),
});
const VersionSchema = z.object({ id: z.string(), asOf: z.string(), label: z.string(), createdBy: z.string(), createdAt: z.string(), links: z.number(), edges: z.number(), organisations: z.number(), strong: z.number() });
const NamedLink = z.object({ id: z.string(), zh: z.string(), stage: z.string() });
const DiffSchema = z.object({
  from: z.string(), to: z.string(),
  linksAdded: z.array(NamedLink), linksRemoved: z.array(NamedLink),
  linksChanged: z.array(z.object({ id: z.string(), zh: z.string(), fields: z.array(z.string()), before: z.object({ zh: z.string(), stage: z.string(), parent: z.string().nullable() }), after: z.object({ zh: z.string(), stage: z.string(), parent: z.string().nullable() }) })),
  edgesAdded: z.array(z.object({ from: z.string(), to: z.string() })), edgesRemoved: z.array(z.object({ from: z.string(), to: z.string() })),
  orgsAdded: z.array(z.object({ orgId: z.string(), name: z.string(), link: z.string(), role: z.string() })),
  orgsRemoved: z.array(z.object({ orgId: z.string(), name: z.string(), link: z.string(), role: z.string() })),
  orgsMoved: z.array(z.object({ orgId: z.string(), name: z.string(), from: z.string(), to: z.string(), roleBefore: z.string(), role: z.string() })),
  strengthChanges: z.array(z.object({ linkId: z.string(), zh: z.string(), scoreBefore: z.number(), score: z.number(), clsBefore: z.string(), cls: z.string(), delta: z.number() })),
});
