// Pure parts at their edges: conflicts, calibration, outliers, weighted totals, budgets, magic bytes.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../server/errors.ts';
import { checkBudget } from './applications.service.ts';
import { sniff } from './attachments.ts';
import { splitByShares } from './awards.service.ts';
import { EXE_BYTES, PDF_BYTES } from './fixtures.ts';
import { calibrate, conflictReasons, weightedTotal, type ConflictInput } from './review.service.ts';
import { APPLICATION_TRANSITIONS, assertTransition } from './state.ts';

const A = { id: 'a', district: 'siming', parentGroup: 'G' };
const B = { id: 'b', district: 'jimei', parentGroup: null };
const base: ConflictInput = { reviewer: { userId: 'r', affiliationOrgId: null, declaredConflictOrgIds: [] }, affiliation: null, appOrgs: [A, B], leadDistrict: 'siming', recentPartners: new Set(), sameDistrictConflict: false };
const codes = (x: Partial<ConflictInput>) => conflictReasons({ ...base, ...x }).map((r) => r.code);

describe('conflict of interest', () => {
  it('a reviewer without affiliation or declarations has no conflict', () => expect(codes({})).toEqual([]));
  it('same organisation as the lead or a partner', () => {
    expect(codes({ affiliation: A })).toContain('same_org');
    expect(codes({ affiliation: B })).toEqual(['same_org']);
  });
  it('same group, but not when the group is unknown', () => {
    expect(codes({ affiliation: { id: 'c', district: 'huli', parentGroup: 'G' } })).toEqual(['same_group']);
    expect(codes({ affiliation: { id: 'c', district: 'huli', parentGroup: null } })).toEqual([]);
  });
  it('a recent co-applicant or partner', () => expect(codes({ affiliation: { id: 'c', district: 'huli', parentGroup: null }, recentPartners: new Set(['c']) })).toEqual(['recent_partner']));
  it('a declared conflict, whatever the affiliation', () => expect(codes({ reviewer: { ...base.reviewer, declaredConflictOrgIds: ['b'] } })).toEqual(['declared']));
  it('same district only when the call says so', () => {
    const c = { id: 'c', district: 'siming', parentGroup: null };
    expect(codes({ affiliation: c })).toEqual([]);
    expect(codes({ affiliation: c, sameDistrictConflict: true })).toEqual(['same_district']);
    expect(codes({ affiliation: { ...c, district: 'huli' }, sameDistrictConflict: true })).toEqual([]);
  });
});

describe('calibration', () => {
  it('a harsh and a lenient reviewer who agree on the order give the same z-scores', () => {
    const cal = calibrate([
      { applicationId: 'x', reviewerId: 'harsh', total: 40 }, { applicationId: 'y', reviewerId: 'harsh', total: 20 },
      { applicationId: 'x', reviewerId: 'lenient', total: 95 }, { applicationId: 'y', reviewerId: 'lenient', total: 85 },
    ], 20);
    expect(cal.get('x')!.zMean).toBe(1);
    expect(cal.get('y')!.zMean).toBe(-1);
    expect(cal.get('x')!.needsPanel).toBe(true); // 95 − 40 = 55 > 20
  });
  it('one review, or all equal, gives z = 0', () => {
    expect(calibrate([{ applicationId: 'x', reviewerId: 'r', total: 70 }], 20).get('x')!.zMean).toBe(0);
  });
  it('spread exactly at the panel threshold does not call the panel; one more point does', () => {
    const at = calibrate([{ applicationId: 'x', reviewerId: 'r1', total: 60 }, { applicationId: 'x', reviewerId: 'r2', total: 80 }], 20).get('x')!;
    expect(at.needsPanel).toBe(false);
    expect(at.reviews.some((r) => r.outlier)).toBe(false);
    const over = calibrate([{ applicationId: 'x', reviewerId: 'r1', total: 60 }, { applicationId: 'x', reviewerId: 'r2', total: 81 }, { applicationId: 'x', reviewerId: 'r3', total: 80 }], 20).get('x')!;
    expect(over.needsPanel).toBe(true);
    expect(over.reviews.map((r) => r.outlier)).toEqual([false, false, false]); // median 80: 60 is exactly 20 away
  });
});

describe('weighted totals', () => {
  const rubric = { scaleMax: 10, criteria: [{ key: 'a', weight: 60 }, { key: 'b', weight: 40 }] };
  it('maps 0..scaleMax to 0..100 by weight', () => {
    expect(weightedTotal(rubric, { a: 10, b: 10 })).toBe(100);
    expect(weightedTotal(rubric, { a: 5, b: 0 })).toBe(30);
  });
  it('refuses missing, extra and out-of-scale scores', () => {
    expect(() => weightedTotal(rubric, { a: 1 })).toThrow(AppError);
    expect(() => weightedTotal(rubric, { a: 1, b: 1, c: 1 })).toThrow(AppError);
    expect(() => weightedTotal(rubric, { a: 10.5, b: 1 })).toThrow(AppError);
  });
});

describe('budget table', () => {
  const call = { form: { fields: [], budgetCategories: [{ key: 'x', label: { zh: 'x', en: 'x' } }, { key: 'y', label: { zh: 'y', en: 'y' } }], requiredAttachments: [] }, maxAwardFen: 1000, cofundingRatioBp: 5000 };
  it('sums the lines; at the cap is fine, one fen over is refused', () => {
    expect(checkBudget(call, [{ category: 'x', requestedFen: 600, selfFen: 300 }, { category: 'y', requestedFen: 400, selfFen: 200 }], { final: true })).toEqual({ requestedFen: 1000, selfFen: 500 });
    expect(() => checkBudget(call, [{ category: 'x', requestedFen: 1001, selfFen: 600 }])).toThrow(expect.objectContaining({ code: 'programme.budget_over_cap' }));
  });
  it('co-funding exactly at the ratio passes; one fen short is refused', () => {
    expect(() => checkBudget(call, [{ category: 'x', requestedFen: 1000, selfFen: 499 }], { final: true })).toThrow(expect.objectContaining({ code: 'programme.cofunding_short' }));
  });
  it('refuses unknown and repeated categories', () => {
    expect(() => checkBudget(call, [{ category: 'z', requestedFen: 1, selfFen: 1 }])).toThrow(expect.objectContaining({ code: 'programme.budget_invalid' }));
    expect(() => checkBudget(call, [{ category: 'x', requestedFen: 1, selfFen: 1 }, { category: 'x', requestedFen: 1, selfFen: 1 }])).toThrow(expect.objectContaining({ code: 'programme.budget_invalid' }));
  });
});

describe('attachments by magic bytes', () => {
  it('recognises PDF, PNG, JPEG, OLE2 and OOXML; refuses an executable', () => {
    expect(sniff(PDF_BYTES)?.exts).toEqual(['.pdf']);
    expect(sniff(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.mime).toBe('image/png');
    expect(sniff(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
    expect(sniff(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))?.exts).toContain('.doc');
    expect(sniff(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('[Content_Types].xml word/document.xml')]))?.exts).toEqual(['.docx']);
    expect(sniff(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.from('random.txt')]))).toBeNull();
    expect(sniff(EXE_BYTES)).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});

describe('state machine and tranches', () => {
  it('allows only the listed transitions', () => {
    expect(assertTransition(APPLICATION_TRANSITIONS, 'submit', 'draft')).toBe('submitted');
    expect(assertTransition(APPLICATION_TRANSITIONS, 'submit', 'returned')).toBe('submitted');
    expect(() => assertTransition(APPLICATION_TRANSITIONS, 'award', 'submitted')).toThrow(AppError);
    expect(() => assertTransition(APPLICATION_TRANSITIONS, 'withdraw', 'awarded')).toThrow(AppError);
  });
  it('splits a bounty by shares without losing a fen', () => {
    expect(splitByShares(1001, [3333, 3333, 3334])).toEqual([333, 333, 335]);
    expect(splitByShares(100, [10_000])).toEqual([100]);
  });
});
