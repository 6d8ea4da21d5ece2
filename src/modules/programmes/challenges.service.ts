// Open challenges (揭榜挂帅): a lead enterprise or the bureau publishes a technical problem with
// goals, a bounty and milestones; solver teams apply to the call; several solvers may be funded
// in parallel (赛马, up to the challenge's maxSolvers); at each milestone gate the bureau keeps or
// drops each solver; a kept solver's milestone tranche becomes payable (bounty paid by milestone),
// a dropped one stops and its unpaid money returns to the fund.
import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../server/context.ts';
import { AppError } from '../../server/errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { orgs } from '../registry/registry.schema.ts';
import { cancelPlanned, getProject, projectRow, releaseRest } from './awards.service.ts';
import { callRow, getCall } from './calls.service.ts';
import { programmeProjects } from './programmes.schema.ts';
import { guarded, notify, transitionProject } from './state.ts';

const bi = (zh: string, en: string) => ({ zh, en });

export async function gateDecision(ctx: Ctx, projectId: string, input: { milestone: string; decision: 'keep' | 'drop'; reason: string }) {
  await guarded(ctx, 'programme.project.gate', 'programme_project', projectId, async () => {
    const p = await projectRow(ctx, projectId);
    const call = await callRow(ctx.db, p.callId);
    if (!call.challenge) throw new AppError('programme.not_challenge');
    const ms = call.challenge.milestones;
    const idx = ms.findIndex((m) => m.key === input.milestone);
    if (idx < 0) throw new AppError('programme.gate_invalid', { reason: bi(`没有里程碑 ${input.milestone}`, `no milestone ${input.milestone}`) });
    if (p.gates.some((g) => g.milestone === input.milestone)) throw new AppError('programme.gate_invalid', { reason: bi('该里程碑已作出决定', 'this milestone has already been decided') });
    // Gates are passed in order: the previous milestone must have been kept.
    if (idx > 0 && !p.gates.some((g) => g.milestone === ms[idx - 1].key && g.decision === 'keep')) {
      throw new AppError('programme.gate_invalid', { reason: bi(`须先通过里程碑 ${ms[idx - 1].key}`, `milestone ${ms[idx - 1].key} must be passed first`) });
    }
    if (p.status !== 'active' && p.status !== 'extended') throw new AppError('programme.transition_refused', { from: p.status, action: 'gate' });
    const gate = { ...input, at: ctx.now().toISOString(), by: ctx.actor?.username ?? 'system' };
    await ctx.db.transaction(async (tx) => {
      const gates = [...p.gates, gate];
      if (input.decision === 'drop') {
        const released = await releaseRest(ctx, tx, p);
        await transitionProject(tx, ctx, p, 'gate_drop', { gates, tranches: cancelPlanned(p.tranches) }, { gate, releasedFen: released });
      } else {
        await tx.update(programmeProjects).set({ gates }).where(eq(programmeProjects.id, projectId));
        await recordAudit(tx, ctx, { action: 'programme.project.gate', entityType: 'programme_project', entityId: projectId, before: { gates: p.gates }, after: { gate } });
        await notify(tx, ctx, { audience: 'org', orgId: p.orgId, entityType: 'programme_project', entityId: projectId, title: bi(`揭榜项目“${p.title}”通过里程碑 ${input.milestone}`, `Challenge project “${p.title}” passed milestone ${input.milestone}`) });
      }
    });
  });
  return getProject(ctx, projectId);
}

/** The race board: every funded solver and, per milestone, kept / dropped / pending and what was paid. */
export async function challengeBoard(ctx: Ctx, callId: string) {
  const call = await getCall(ctx, callId);
  if (!call.challenge) throw new AppError('programme.not_challenge');
  const rows = await ctx.db.select({ id: programmeProjects.id, orgName: orgs.name }).from(programmeProjects).innerJoin(orgs, eq(orgs.id, programmeProjects.orgId))
    .where(eq(programmeProjects.callId, callId)).orderBy(asc(programmeProjects.code));
  const solvers = [];
  for (const r of rows) {
    const p = await getProject({ ...ctx, system: true }, r.id);
    solvers.push({
      projectId: p.id, code: p.code, title: p.title, orgName: r.orgName, status: p.status, awardFen: p.awardFen, paidFen: p.paidFen,
      milestones: call.challenge.milestones.map((m) => {
        const g = p.gates.find((x) => x.milestone === m.key);
        const t = p.tranches.find((x) => x.condition === `milestone:${m.key}`);
        return { key: m.key, decision: g?.decision ?? null, reason: g?.reason ?? null, trancheFen: t?.amountFen ?? 0, trancheStatus: t?.status ?? null };
      }),
    });
  }
  return { call: { id: call.id, code: call.code, title: call.title, challenge: call.challenge, leadOrgName: call.leadOrgName }, solvers };
}
