// Excel downloads for every module: the content type, formula-safe cells, and a streamed reply.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
export { XLSX_TYPE } from '../modules/jobs/jobs.routes.ts';
export { safeCell } from '../modules/jobs/jobs.service.ts';
import { XLSX_TYPE } from '../modules/jobs/jobs.routes.ts';

/** Streams a workbook into the reply; a failure half-way can only cut the download short. */
export function sendWorkbook(request: FastifyRequest, reply: FastifyReply, fileName: string, write: (out: Writable) => Promise<void>) {
  const out = new PassThrough();
  write(out).catch((err) => {
    request.log.error({ err }, 'writing the workbook failed');
    out.destroy(err);
  });
  return reply.type(XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(out);
}
