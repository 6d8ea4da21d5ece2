// Application attachments: PDF, Office documents and PNG/JPEG images only, recognised by their
// first bytes (magic numbers), not by name or declared type; a size limit; a sha256; stored
// under config.filesDir (FILES_DIR, shared by every app node), readable only by those who may read the application.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { editableRow, visibleRow } from './applications.service.ts';
import { ATTACHMENT_KINDS, programmeAttachments } from './programmes.schema.ts';
import { guarded } from './state.ts';

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

interface Sniffed { mime: string; exts: string[] }

const starts = (b: Buffer, sig: number[]) => b.length >= sig.length && sig.every((v, i) => b[i] === v);

/** The file's real type from its content, or null when it is none of the allowed ones. */
export function sniff(b: Buffer): Sniffed | null {
  if (starts(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', exts: ['.pdf'] }; // %PDF-
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', exts: ['.png'] };
  if (starts(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', exts: ['.jpg', '.jpeg'] };
  // Legacy Office (OLE2 compound file): .doc .xls .ppt
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { mime: 'application/x-ole-storage', exts: ['.doc', '.xls', '.ppt'] };
  // Office Open XML: a zip holding [Content_Types].xml and the part folder of its kind.
  if (starts(b, [0x50, 0x4b, 0x03, 0x04]) && b.includes('[Content_Types].xml')) {
    if (b.includes('word/')) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', exts: ['.docx'] };
    if (b.includes('xl/')) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', exts: ['.xlsx'] };
    if (b.includes('ppt/')) return { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', exts: ['.pptx'] };
  }
  return null;
}

export async function uploadAttachment(ctx: Ctx, applicationId: string, input: { kind: (typeof ATTACHMENT_KINDS)[number]; fileName: string }, body: Buffer) {
  return guarded(ctx, 'programme.attachment.upload', 'programme_application', applicationId, async () => {
    const app = await editableRow(ctx, applicationId);
    if (app.status !== 'draft' && app.status !== 'returned') throw new AppError('programme.transition_refused', { from: app.status, action: 'upload' });
    if (body.length > ATTACHMENT_MAX_BYTES) throw new AppError('programme.attachment_too_large', { limit: ATTACHMENT_MAX_BYTES });
    const type = sniff(body);
    if (!type || !type.exts.includes(extname(input.fileName).toLowerCase())) throw new AppError('programme.attachment_type', { fileName: input.fileName });
    const sha256 = createHash('sha256').update(body).digest('hex');
    const id = randomUUID();
    const rel = join('programmes', 'attachments', applicationId, id);
    mkdirSync(join(ctx.config.filesDir, 'programmes', 'attachments', applicationId), { recursive: true, mode: 0o700 });
    const abs = join(ctx.config.filesDir, rel);
    await writeFile(abs, body, { mode: 0o600, flag: 'wx' });
    try {
      return await ctx.db.transaction(async (tx) => {
        const [row] = await tx.insert(programmeAttachments).values({
          id, applicationId, kind: input.kind, fileName: input.fileName, mime: type.mime, sizeBytes: body.length, sha256, storedPath: rel,
          uploadedBy: ctx.actor?.username ?? 'system', createdAt: ctx.now(),
        }).returning();
        await recordAudit(tx, ctx, { action: 'programme.attachment.upload', entityType: 'programme_attachment', entityId: id, after: { applicationId, kind: row.kind, fileName: row.fileName, sha256, sizeBytes: row.sizeBytes } });
        return { id: row.id, kind: row.kind, fileName: row.fileName, mime: row.mime, sizeBytes: row.sizeBytes, sha256: row.sha256, createdAt: row.createdAt.toISOString() };
      });
    } catch (e) {
      rmSync(abs, { force: true });
      throw e;
    }
  });
}

/** The file, for whoever may read its application (assigned reviewers included); others get 404. */
export async function readAttachment(ctx: Ctx, id: string) {
  const [row] = await ctx.db.select().from(programmeAttachments).where(eq(programmeAttachments.id, id));
  if (!row) throw new AppError('programme.attachment_not_found');
  try {
    await visibleRow(ctx, row.applicationId);
  } catch {
    throw new AppError('programme.attachment_not_found');
  }
  const body = await readFile(join(ctx.config.filesDir, row.storedPath));
  const sha = createHash('sha256').update(body).digest('hex');
  if (sha !== row.sha256) throw new AppError('internal', { requestId: ctx.requestId });
  return { row, body };
}
