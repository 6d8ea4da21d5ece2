import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditQuerySchema, AuditRecordSchema, VerifyResultSchema } from './audit.schema.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

const admin = ['bureau_admin'] as const;

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    config: { access: admin },
    schema: { tags: ['audit'], summary: 'Browse the audit log, newest first', querystring: AuditQuerySchema, response: { 200: z.object({ items: z.array(AuditRecordSchema), total: z.number() }) } },
  }, async (request) => listAudit(request.ctx, request.query));

  app.get('/api/audit/verify', {
    config: { access: admin },
    schema: { tags: ['audit'], summary: 'Check the hash chain for edited, inserted or deleted records', response: { 200: VerifyResultSchema } },
  }, async (request) => verifyAudit(request.ctx.db, request.ctx.auditKey));
};
