// Explicit state machines for applications and projects. Every transition is checked against
// the table, written with its audit record in the same transaction, and notified to the people
// concerned (the applicant organisation's users; the bureau for submissions). A refused action
// is audited too, in its own transaction, so the record of the attempt survives the rollback.
import { and, desc, eq, or } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import type { Tx } from '../../server/db.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  programmeApplications, programmeNotifications, programmeProjects,
  type ApplicationStatus, type ProjectStatus,
} from './programmes.schema.ts';

export const APPLICATION_TRANSITIONS: Record<string, { from: readonly ApplicationStatus[]; to: ApplicationStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  return: { from: ['submitted'], to: 'returned' },
  pass_formal: { from: ['submitted'], to: 'eligible' },
  fail_formal: { from: ['submitted'], to: 'ineligible' },
  assign: { from: ['eligible'], to: 'under_review' },
  award: { from: ['under_review'], to: 'awarded' },
  reject: { from: ['under_review'], to: 'rejected' },
  withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn' },
};

export const PROJECT_TRANSITIONS: Record<string, { from: readonly ProjectStatus[]; to: ProjectStatus }> = {
  sign: { from: ['agreement_pending'], to: 'active' },
  midterm_fail: { from: ['active', 'extended'], to: 'terminated' },
  accept_pass: { from: ['active', 'extended'], to: 'accepted' },
  accept_fail: { from: ['active', 'extended'], to: 'failed' },
  accept_extend: { from: ['active'], to: 'extended' },
  gate_drop: { from: ['active', 'extended'], to: 'dropped' },
};

const STATUS_LABEL: Record<string, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'draft' }, submitted: { zh: '已提交', en: 'submitted' }, returned: { zh: '退回修改', en: 'returned for correction' },
  eligible: { zh: '形式审查通过', en: 'passed the formal check' }, ineligible: { zh: '形式审查不通过', en: 'failed the formal check' },
  under_review: { zh: '专家评审中', en: 'under review' }, awarded: { zh: '已立项', en: 'awarded' }, rejected: { zh: '未立项', en: 'not awarded' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' }, agreement_pending: { zh: '待签任务书', en: 'agreement pending' }, active: { zh: '执行中', en: 'active' },
  extended: { zh: '延期验收', en: 'extended' }, accepted: { zh: '验收通过', en: 'accepted' }, failed: { zh: '验收不通过', en: 'failed acceptance' },
  dropped: { zh: '关口淘汰', en: 'dropped at a gate' }, terminated: { zh: '已终止', en: 'terminated' },
};
export const statusLabel = (s: string) => STATUS_LABEL[s] ?? { zh: s, en: s };

export function assertTransition(table: typeof APPLICATION_TRANSITIONS | typeof PROJECT_TRANSITIONS, action: string, from: string) {
  const t = table[action];
  if (!t || !(t.from as readonly string[]).includes(from)) {
    throw new AppError('programme.transition_refused', { from: statusLabel(from), action });
  }
  return t.to;
}

export async function notify(tx: Tx, ctx: Ctx, n: { audience: 'org' | 'user' | 'staff'; orgId?: string | null; userId?: string | null; entityType: string; entityId: string; title: { zh: string; en: string } }) {
  await tx.insert(programmeNotifications).values({
    audience: n.audience, orgId: n.orgId ?? null, userId: n.userId ?? null, entityType: n.entityType, entityId: n.entityId, title: n.title, createdAt: ctx.now(),
  });
}

/** Moves an application along its state machine: checked, audited and notified, inside `tx`. */
export async function transitionApplication(tx: Tx, ctx: Ctx, app: { id: string; status: ApplicationStatus; orgId: string; title: string }, action: string, extra: Partial<typeof programmeApplications.$inferInsert> = {}, detail: unknown = undefined) {
  const to = assertTransition(APPLICATION_TRANSITIONS, action, app.status);
  await tx.update(programmeApplications).set({ ...extra, status: to as ApplicationStatus, updatedAt: ctx.now() }).where(eq(programmeApplications.id, app.id));
  const label = statusLabel(to);
  await notify(tx, ctx, { audience: 'org', orgId: app.orgId, entityType: 'programme_application', entityId: app.id, title: { zh: `申报书“${app.title}”：${label.zh}`, en: `Application “${app.title}”: ${label.en}` } });
  if (action === 'submit') await notify(tx, ctx, { audience: 'staff', entityType: 'programme_application', entityId: app.id, title: { zh: `新的申报书待形式审查：“${app.title}”`, en: `New application awaiting the formal check: “${app.title}”` } });
  // Last: the audit record locks the chain head until commit, and every mutation waits for it.
  await recordAudit(tx, ctx, { action: `programme.application.${action}`, entityType: 'programme_application', entityId: app.id, before: { status: app.status }, after: { status: to, detail } });
  return to;
}

export async function transitionProject(tx: Tx, ctx: Ctx, p: { id: string; status: ProjectStatus; orgId: string; title: string }, action: string, extra: Partial<typeof programmeProjects.$inferInsert> = {}, detail: unknown = undefined) {
  const to = assertTransition(PROJECT_TRANSITIONS, action, p.status);
  await tx.update(programmeProjects).set({ ...extra, status: to as ProjectStatus }).where(eq(programmeProjects.id, p.id));
  await recordAudit(tx, ctx, { action: `programme.project.${action}`, entityType: 'programme_project', entityId: p.id, before: { status: p.status }, after: { status: to, detail } });
  const label = statusLabel(to);
  await notify(tx, ctx, { audience: 'org', orgId: p.orgId, entityType: 'programme_project', entityId: p.id, title: { zh: `项目“${p.title}”：${label.zh}`, en: `Project “${p.title}”: ${label.en}` } });
  return to;
}

/**
 * Runs `work`; when it is refused with an AppError, records `<action>.refused` (code and
 * parameters) in a transaction of its own and rethrows. Nothing of the refused change remains.
 */
export async function guarded<T>(ctx: Ctx, action: string, entityType: string, entityId: string | null, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError) {
      try {
        await ctx.db.transaction((tx) => recordAudit(tx, ctx, { action: `${action}.refused`, entityType, entityId, after: { code: e.code, params: e.params } }).then(() => undefined));
      } catch (auditError) {
        ctx.log.warn({ err: auditError }, 'could not audit a refused action');
      }
    }
    throw e;
  }
}

/** The caller's notices: its organisation's, its own, and (bureau administrators) the staff queue. */
export async function listNotifications(ctx: Ctx) {
  const a = ctx.actor;
  if (!a) return [];
  const rows = await ctx.db.select().from(programmeNotifications).where(or(
    a.orgId ? and(eq(programmeNotifications.audience, 'org'), eq(programmeNotifications.orgId, a.orgId)) : undefined,
    and(eq(programmeNotifications.audience, 'user'), eq(programmeNotifications.userId, a.userId)),
    a.role === 'bureau_admin' ? eq(programmeNotifications.audience, 'staff') : undefined,
  )).orderBy(desc(programmeNotifications.createdAt)).limit(100);
  return rows.map((r) => ({ id: r.id, entityType: r.entityType, entityId: r.entityId, title: r.title, createdAt: r.createdAt.toISOString() }));
}
