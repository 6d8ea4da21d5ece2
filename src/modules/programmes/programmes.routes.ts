// Programmes, calls, applications, review, awards, projects, open challenges: thin routes.
// Scope (an organisation's own applications, a district's, a reviewer's assignments) is
// checked in the services; what is not yours answers 404 like what does not exist.
import { basename } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as apps from './applications.service.ts';
import { ATTACHMENT_MAX_BYTES, readAttachment, uploadAttachment } from './attachments.ts';
import * as awards from './awards.service.ts';
import * as calls from './calls.service.ts';
import { challengeBoard, gateDecision } from './challenges.service.ts';
import {
  AcceptanceSchema, AgreementSchema, ApplicationCreateSchema, ApplicationPatchSchema, ATTACHMENT_KINDS, CallCreateSchema, ChangeCreateSchema,
  ChangeDecisionSchema, DecisionsSchema, FormalCheckSchema, GateSchema, MidtermSchema, PayTrancheSchema, PROGRAMME_KINDS, ProgrammeCreateSchema,
  ReviewerCreateSchema, ScoreSchema,
} from './programmes.schema.ts';
import * as review from './review.service.ts';
import { listNotifications } from './state.ts';

const tags = ['programmes'];
const admin = ['bureau_admin'] as const;
const staff = ['bureau_admin', 'district_officer'] as const;
const applicant = ['org_user'] as const;
const IdParams = z.strictObject({ id: z.uuid() });

function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const s = basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return s || 'upload';
}

export const programmesRoutes: FastifyPluginAsyncZod = async (app) => {
  // Attachments arrive as the raw body (this plugin's routes only).
  app.addContentTypeParser(['application/octet-stream', 'application/pdf', 'image/png', 'image/jpeg'], { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES + 1024 }, (_request, body, done) => done(null, body));

  // ---------- public listings (no login) ----------
  app.get('/api/public/calls', {
    config: { access: 'public' },
    schema: { tags, summary: 'Published calls, open challenges (揭榜挂帅) and contest rounds; no login needed', querystring: z.strictObject({ kind: z.enum(PROGRAMME_KINDS).optional() }) },
  }, async (request) => calls.listCalls(request.ctx, { ...request.query, public: true }));

  app.get('/api/public/calls/:id', {
    config: { access: 'public' },
    schema: { tags, summary: 'One published call with its window, budget, eligibility, form and rubric', params: IdParams },
  }, async (request) => calls.getCall(request.ctx, request.params.id, { public: true }));

  // ---------- programmes and calls ----------
  app.get('/api/programmes', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Programmes (funding lines)' },
  }, async (request) => calls.listProgrammes(request.ctx));

  app.post('/api/programmes', {
    config: { access: admin },
    schema: { tags, summary: 'Create a programme', body: ProgrammeCreateSchema },
  }, async (request, reply) => reply.code(201).send(await calls.createProgramme(request.ctx, request.body)));

  app.get('/api/programmes/calls', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Calls: staff see drafts and application counts; others published calls', querystring: z.strictObject({ kind: z.enum(PROGRAMME_KINDS).optional() }) },
  }, async (request) => calls.listCalls(request.ctx, request.query));

  app.post('/api/programmes/calls', {
    config: { access: admin },
    schema: { tags, summary: 'Create a call (draft): window, budget, caps, co-funding, eligibility condition, form, rubric, challenge', body: CallCreateSchema },
  }, async (request, reply) => reply.code(201).send(await calls.createCall(request.ctx, request.body)));

  app.get('/api/programmes/calls/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One call', params: IdParams },
  }, async (request) => calls.getCall(request.ctx, request.params.id));

  app.post('/api/programmes/calls/:id/publish', {
    config: { access: admin },
    schema: { tags, summary: 'Publish a draft call', params: IdParams },
  }, async (request) => calls.publishCall(request.ctx, request.params.id));

  app.post('/api/programmes/calls/:id/assign', {
    config: { access: admin },
    schema: { tags, summary: 'Assign N conflict-free reviewers to every eligible application; each exclusion explained', params: IdParams },
  }, async (request) => review.assignReviewers(request.ctx, request.params.id));

  app.get('/api/programmes/calls/:id/ranking', {
    config: { access: staff },
    schema: { tags, summary: 'Ranking by z-score-calibrated mean, with spreads, outlier flags and panel cases', params: IdParams },
  }, async (request) => review.ranking(request.ctx, request.params.id));

  app.post('/api/programmes/calls/:id/lock', {
    config: { access: admin },
    schema: { tags, summary: 'Lock the panel: all reviews in; scores frozen', params: IdParams },
  }, async (request) => review.lockPanel(request.ctx, request.params.id));

  app.post('/api/programmes/calls/:id/decisions', {
    config: { access: admin },
    schema: { tags, summary: 'Record award/reject decisions with reasons, within the budget; awards become projects', params: IdParams, body: DecisionsSchema },
  }, async (request) => awards.recordDecisions(request.ctx, request.params.id, request.body.decisions));

  app.get('/api/programmes/calls/:id/board', {
    config: { access: staff },
    schema: { tags, summary: 'Open challenge race board: solvers by milestone gate', params: IdParams },
  }, async (request) => challengeBoard(request.ctx, request.params.id));

  app.get('/api/programmes/prefill', {
    config: { access: applicant },
    schema: { tags, summary: 'The applicant organisation as the registry holds it, to prefill the form' },
  }, async (request) => apps.prefill(request.ctx));

  // ---------- applications ----------
  app.get('/api/programmes/applications', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: { tags, summary: 'Applications in your scope', querystring: z.strictObject({ callId: z.uuid().optional(), status: z.string().max(30).optional() }) },
  }, async (request) => apps.listApplications(request.ctx, request.query));

  app.post('/api/programmes/applications', {
    config: { access: applicant },
    schema: { tags, summary: 'Start a draft application (your organisation as lead, partners by USCC)', body: ApplicationCreateSchema },
  }, async (request, reply) => reply.code(201).send(await apps.createApplication(request.ctx, request.body)));

  app.get('/api/programmes/applications/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'One application; a reviewer sees only assigned ones, blind where the call says so', params: IdParams },
  }, async (request) => apps.getApplication(request.ctx, request.params.id));

  app.patch('/api/programmes/applications/:id', {
    config: { access: applicant },
    schema: { tags, summary: 'Save a draft (answers, partners, budget table checked against the call)', params: IdParams, body: ApplicationPatchSchema },
  }, async (request) => apps.updateApplication(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/applications/:id/submit', {
    config: { access: applicant },
    schema: { tags, summary: 'Submit by the deadline (server clock): completeness, budget, co-funding and eligibility checked', params: IdParams },
  }, async (request) => apps.submitApplication(request.ctx, request.params.id));

  app.post('/api/programmes/applications/:id/withdraw', {
    config: { access: applicant },
    schema: { tags, summary: 'Withdraw an application', params: IdParams },
  }, async (request) => apps.withdrawApplication(request.ctx, request.params.id));

  app.post('/api/programmes/applications/:id/formal-check', {
    config: { access: staff },
    schema: { tags, summary: 'Formal check: pass, return for correction with comments, or fail', params: IdParams, body: FormalCheckSchema },
  }, async (request) => apps.formalCheck(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/applications/:id/attachments', {
    config: { access: applicant },
    bodyLimit: ATTACHMENT_MAX_BYTES + 1024,
    schema: {
      tags, summary: 'Upload an attachment as the raw body: PDF, Office or PNG/JPEG by magic bytes, 10 MB at most',
      params: IdParams, querystring: z.strictObject({ kind: z.enum(ATTACHMENT_KINDS), filename: z.string().min(1).max(300) }),
    },
  }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    return reply.code(201).send(await uploadAttachment(request.ctx, request.params.id, { kind: request.query.kind, fileName: cleanFileName(request.query.filename) }, body));
  });

  app.get('/api/programmes/attachments/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Download an attachment (only for those who may read its application)', params: IdParams },
  }, async (request, reply) => {
    const { row, body } = await readAttachment(request.ctx, request.params.id);
    return reply.header('content-type', row.mime).header('x-content-type-options', 'nosniff').header('x-sha256', row.sha256)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`).send(body);
  });

  // ---------- reviewers ----------
  app.get('/api/programmes/reviewers', {
    config: { access: admin },
    schema: { tags, summary: 'The reviewer pool with load' },
  }, async (request) => review.listReviewers(request.ctx));

  app.post('/api/programmes/reviewers', {
    config: { access: admin },
    schema: { tags, summary: 'Add or update a reviewer: fields, keywords, affiliation, declared conflicts', body: ReviewerCreateSchema },
  }, async (request) => review.upsertReviewer(request.ctx, request.body));

  app.get('/api/programmes/reviews', {
    config: { access: ['reviewer'] },
    schema: { tags, summary: 'The reviewer inbox: own assignments only' },
  }, async (request) => review.listReviews(request.ctx));

  app.get('/api/programmes/reviews/:id', {
    config: { access: ['reviewer'] },
    schema: { tags, summary: 'One assignment with the (blind) application', params: IdParams },
  }, async (request) => review.getReview(request.ctx, request.params.id));

  app.post('/api/programmes/reviews/:id/score', {
    config: { access: ['reviewer'] },
    schema: { tags, summary: 'Score by rubric with a comment; refused once the panel is locked', params: IdParams, body: ScoreSchema },
  }, async (request) => review.submitScore(request.ctx, request.params.id, request.body));

  // ---------- projects ----------
  app.get('/api/programmes/projects', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: { tags, summary: 'Projects in your scope with tranches and what was paid', querystring: z.strictObject({ callId: z.uuid().optional(), status: z.string().max(30).optional() }) },
  }, async (request) => awards.listProjects(request.ctx, request.query));

  app.get('/api/programmes/projects/:id', {
    config: { access: ['bureau_admin', 'district_officer', 'org_user'] },
    schema: { tags, summary: 'One project', params: IdParams },
  }, async (request) => awards.getProject(request.ctx, request.params.id));

  app.post('/api/programmes/projects/:id/agreement', {
    config: { access: admin },
    schema: { tags, summary: 'Draw up the agreement (任务书): deliverables, indicators, tranche schedule', params: IdParams, body: AgreementSchema },
  }, async (request) => awards.setAgreement(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/projects/:id/sign', {
    config: { access: admin },
    schema: { tags, summary: 'Record the signed agreement: the award is allocated from the call\'s fund', params: IdParams },
  }, async (request) => awards.signAgreement(request.ctx, request.params.id));

  app.post('/api/programmes/projects/:id/tranches/:no/pay', {
    config: { access: admin },
    schema: { tags, summary: 'Request a due tranche as a funds disbursement (another administrator approves it in funds)', params: z.strictObject({ id: z.uuid(), no: z.coerce.number().int().min(1).max(12) }), body: PayTrancheSchema },
  }, async (request) => awards.payTranche(request.ctx, request.params.id, request.params.no, request.body));

  app.post('/api/programmes/projects/:id/midterm', {
    config: { access: admin },
    schema: { tags, summary: 'Record the mid-term review', params: IdParams, body: MidtermSchema },
  }, async (request) => awards.recordMidterm(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/projects/:id/changes', {
    config: { access: applicant },
    schema: { tags, summary: 'Ask for a change (schedule, budget, members, scope)', params: IdParams, body: ChangeCreateSchema },
  }, async (request, reply) => reply.code(201).send(await awards.requestChange(request.ctx, request.params.id, request.body)));

  app.post('/api/programmes/changes/:id/decide', {
    config: { access: admin },
    schema: { tags, summary: 'Approve or reject a change request', params: IdParams, body: ChangeDecisionSchema },
  }, async (request) => awards.decideChange(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/projects/:id/acceptance', {
    config: { access: admin },
    schema: { tags, summary: 'Acceptance (验收): pass (every indicator met), fail, or extension', params: IdParams, body: AcceptanceSchema },
  }, async (request) => awards.recordAcceptance(request.ctx, request.params.id, request.body));

  app.post('/api/programmes/projects/:id/gates', {
    config: { access: admin },
    schema: { tags, summary: 'Open challenge milestone gate: keep or drop the solver', params: IdParams, body: GateSchema },
  }, async (request) => gateDecision(request.ctx, request.params.id, request.body));

  app.get('/api/programmes/stats', {
    config: { access: staff },
    schema: { tags, summary: 'Platform project counts beside the letter\'s figures (厦科函〔2025〕84号), with their source' },
  }, async (request) => awards.programmeStats(request.ctx));

  app.get('/api/programmes/notifications', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'Notices of transitions that concern you' },
  }, async (request) => listNotifications(request.ctx));
};
