import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChainCreateSchema, ChainListSchema, ChainMapSchema, ChainParams, ChainPatchSchema, EdgeCreateSchema, EdgeParams, EdgeSchema,
  IndustryPatchSchema, IndustrySchema, LinkCreateSchema, LinkParams, LinkPatchSchema, LinkSchema, MergeSchema,
} from './chains.schema.ts';
import * as chains from './chains.service.ts';

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
};
