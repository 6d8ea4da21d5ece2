import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendWorkbook, XLSX_TYPE } from '../../server/xlsx.ts';
import { createJob, enqueueJob, ensureUploadDir, uploadPath } from '../jobs/jobs.service.ts';
import { IMPORT_JOB_KIND, runOrgImport } from './registry.import.ts';
import { exportOrgs, writeOrgWorkbook } from './registry.io.ts';
import { OrgListQuerySchema } from './registry.schema.ts';

const staff = ['bureau_admin', 'district_officer'] as const;
const tags = ['registry'];
export const MAX_IMPORT_BYTES = 60 * 1024 * 1024;

const ImportQuerySchema = z.strictObject({
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  filename: z.string().max(255).optional(),
});

/** A file name fit for logs and references: no directories, no control characters. */
function cleanFileName(name: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const s = basename((name ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return s || 'upload';
}

export const registryIoRoutes: FastifyPluginAsyncZod = async (app) => {
  // Raw uploads, for this plugin's routes only (everything else stays JSON).
  app.addContentTypeParser(['application/octet-stream', 'text/csv', XLSX_TYPE], { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => {
    done(null, body);
  });

  app.get('/api/orgs/template.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'The Excel import template: sheets 单位, 年度数据, 资质 and 说明, with drop-down lists' },
  }, async (request, reply) => sendWorkbook(request, reply, '单位信息导入模板.xlsx', (out) => writeOrgWorkbook(out)));

  app.get('/api/orgs/export.xlsx', {
    config: { access: staff },
    schema: { tags, summary: 'Every organisation the list query matches (all pages, in your scope), in the template layout', querystring: OrgListQuerySchema },
  }, async (request, reply) => {
    const stamp = request.ctx.now().toISOString().slice(0, 10);
    return sendWorkbook(request, reply, `单位导出-${stamp}.xlsx`, (out) => exportOrgs(request.ctx, request.query, out));
  });

  app.post('/api/orgs/import', {
    config: { access: staff },
    bodyLimit: MAX_IMPORT_BYTES,
    schema: {
      tags,
      summary: 'Upload an xlsx or csv (UTF-8 or GBK) as the raw body; a background job checks it and, unless dryRun, writes it all or nothing',
      querystring: ImportQuerySchema,
      response: { 202: z.object({ jobId: z.uuid() }) },
    },
  }, async (request, reply) => {
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const fileName = cleanFileName(request.query.filename);
    const id = randomUUID();
    ensureUploadDir(request.ctx.config);
    const path = uploadPath(request.ctx.config, id);
    try {
      await writeFile(path, body, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      // A full disk leaves a partial file behind: remove it, and say what happened.
      rmSync(path, { force: true });
      throw e;
    }
    try {
      await createJob(request.ctx, { id, kind: IMPORT_JOB_KIND, fileName, params: { dryRun: request.query.dryRun, fileName, bytes: body.length } });
    } catch (e) {
      rmSync(path, { force: true });
      throw e;
    }
    enqueueJob(request.ctx, id, runOrgImport);
    return reply.code(202).send({ jobId: id });
  });
};
