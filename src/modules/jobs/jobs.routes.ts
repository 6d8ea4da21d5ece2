import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { JobSchema } from './jobs.schema.ts';
import { errorReport, failInterruptedJobs, getJob, jobsIdle } from './jobs.service.ts';

const tags = ['jobs'];
const IdParams = z.strictObject({ id: z.uuid() });
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const jobsRoutes: FastifyPluginAsyncZod = async (app) => {
  // A job that was running when its node died will never finish: say so at start and, with
  // several nodes on PostgreSQL, every JOB_SWEEP_SECONDS (another node may die at any time).
  const sweep = async () => {
    const n = await failInterruptedJobs(app.database.db, app.luchuangConfig, new Date());
    if (n) app.log.warn({ jobs: n }, 'marked interrupted jobs as failed');
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    await sweep();
    if (app.database.kind !== 'postgresql') return;
    timer = setInterval(() => void sweep().catch((err) => app.log.warn({ err }, 'could not look for interrupted jobs')), app.luchuangConfig.jobSweepSeconds * 1000);
    timer.unref();
  });
  // Let the running import finish (or fail) before the database closes.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await jobsIdle();
  });

  // Access is checked per job in the service: its creator or a bureau administrator.
  app.get('/api/jobs/:id', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A background job: status, progress and result (its creator or a bureau administrator)', params: IdParams, response: { 200: JobSchema } },
  }, async (request) => getJob(request.ctx, request.params.id, request.locale));

  app.get('/api/jobs/:id/errors.xlsx', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'A finished job\'s errors and warnings as xlsx (row, column, value, message in zh and en)', params: IdParams },
  }, async (request, reply) => {
    const body = await errorReport(request.ctx, request.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="import-errors-${request.params.id}.xlsx"`).send(body);
  });
};
