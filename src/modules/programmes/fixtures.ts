// Test and seed builders: organisations, a fund with money, a programme call body.
import { withCheckChar } from '../../lib/uscc.ts';
import type { Ctx } from '../../server/context.ts';
import { appropriate, createFund } from '../funds/funds.service.ts';
import { createOrg } from '../registry/registry.service.ts';
import type { CallCreate } from './programmes.schema.ts';

export const WAN = 1_000_000; // 1 万元 in fen

let orgCounter = 0;
export async function makeOrg(ctx: Ctx, o: { name: string; district?: 'siming' | 'huli' | 'jimei' | 'haicang' | 'tongan' | 'xiangan'; kind?: 'enterprise' | 'university' | 'institute'; parentGroup?: string }) {
  const base = `91350200MA${String(Date.now() % 100000).padStart(5, '0')}${String(++orgCounter).padStart(2, '0')}`.slice(0, 17);
  return createOrg(ctx, {
    uscc: withCheckChar(base), name: o.name, kind: o.kind ?? 'enterprise', district: o.district ?? 'siming', parentGroup: o.parentGroup,
    formerNames: [], listed: false, contacts: [], keywords: [], mainProducts: [],
  }, { synthetic: true });
}

export async function makeFund(ctx: Ctx, code: string, amountFen: number, opts: { synthetic?: boolean } = {}) {
  const fund = await createFund(ctx, { code, name: `${code} 科技计划专项资金`, kind: 'special', sourceLevel: 'city', purpose: '科技计划项目资助' }, opts);
  await appropriate(ctx, fund.id, { amountFen, contributor: '市财政' });
  return fund;
}

export function callBody(programmeId: string, code: string, o: Partial<CallCreate> & { opensAt: string; closesAt: string }): CallCreate {
  return {
    programmeId, code, title: `${code} 申报指南`, summary: '面向本市企业的科技计划项目。',
    budgetFen: 60 * WAN, maxAwardFen: 50 * WAN, cofundingRatioBp: 10_000, eligibility: 'org.kind == enterprise',
    form: {
      fields: [{ key: 'summary', label: { zh: '项目摘要', en: 'Summary' }, required: true, maxLength: 2000 }],
      budgetCategories: [{ key: 'equipment', label: { zh: '设备费', en: 'Equipment' } }, { key: 'labour', label: { zh: '劳务费', en: 'Labour' } }],
      requiredAttachments: ['proposal'],
    },
    rubric: { scaleMax: 10, criteria: [{ key: 'innovation', label: { zh: '创新性', en: 'Innovation' }, weight: 60 }, { key: 'feasibility', label: { zh: '可行性', en: 'Feasibility' }, weight: 40 }] },
    reviewersPerApplication: 3, blind: true, panelSpread: 20,
    ...o,
  };
}

/** A minimal PDF and a Windows executable (MZ header), for attachment tests. */
export const PDF_BYTES = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const EXE_BYTES = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(120, 0)]);
