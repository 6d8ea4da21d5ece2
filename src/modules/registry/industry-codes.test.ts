// Data checks for the shipped GB/T 4754-2017 industry classification (industry-codes.json).
import { describe, expect, it } from 'vitest';
import data from './industry-codes.json' with { type: 'json' };

interface Code {
  code: string;
  level: 'section' | 'division' | 'group' | 'class';
  zh: string;
  en?: string;
  parent: string | null;
}

const codes = data.codes as Code[];
const byCode = new Map(codes.map((c) => [c.code, c]));
const ofLevel = (level: Code['level']) => codes.filter((c) => c.level === level);
const zh = (code: string) => byCode.get(code)?.zh;
const children = (code: string) => codes.filter((c) => c.parent === code).map((c) => c.code);

describe('industry-codes.json (GB/T 4754-2017)', () => {
  it('names the standard and reports its completeness', () => {
    expect(data.standard).toBe('GB/T 4754-2017');
    expect(data.source).toMatch(/4754/);
    expect(data.note).toMatch(/20 sections/);
    expect(data.note).toMatch(/97 divisions/);
  });

  it('has unique codes, each well-formed for its level', () => {
    expect(byCode.size).toBe(codes.length);
    const shape = { section: /^[A-T]$/, division: /^\d{2}$/, group: /^\d{3}$/, class: /^\d{4}$/ };
    for (const c of codes) {
      expect(c.code, c.code).toMatch(shape[c.level]);
      expect(c.zh.trim(), c.code).toBe(c.zh);
      expect(c.zh.length, c.code).toBeGreaterThan(0);
    }
  });

  it('has the 20 sections A–T, with no parent and English labels', () => {
    const sections = ofLevel('section');
    expect(sections.map((c) => c.code)).toEqual('ABCDEFGHIJKLMNOPQRST'.split(''));
    for (const s of sections) {
      expect(s.parent).toBeNull();
      expect(s.en, s.code).toBeTruthy();
    }
    expect(zh('A')).toBe('农、林、牧、渔业');
    expect(zh('C')).toBe('制造业');
    expect(zh('I')).toBe('信息传输、软件和信息技术服务业');
    expect(zh('M')).toBe('科学研究和技术服务业');
    expect(zh('T')).toBe('国际组织');
  });

  it('has exactly 97 divisions 01–97 with no gaps, each under the right section, with English labels', () => {
    const divisions = ofLevel('division');
    expect(divisions).toHaveLength(97);
    expect(divisions.map((c) => c.code)).toEqual(Array.from({ length: 97 }, (_, i) => String(i + 1).padStart(2, '0')));
    // Section ranges per the standard (e.g. "本门类包括01～05大类").
    const ranges: [string, number, number][] = [
      ['A', 1, 5], ['B', 6, 12], ['C', 13, 43], ['D', 44, 46], ['E', 47, 50], ['F', 51, 52], ['G', 53, 60],
      ['H', 61, 62], ['I', 63, 65], ['J', 66, 69], ['K', 70, 70], ['L', 71, 72], ['M', 73, 75], ['N', 76, 79],
      ['O', 80, 82], ['P', 83, 83], ['Q', 84, 85], ['R', 86, 90], ['S', 91, 96], ['T', 97, 97],
    ];
    for (const d of divisions) {
      const n = Number(d.code);
      const [section] = ranges.find(([, lo, hi]) => n >= lo && n <= hi)!;
      expect(d.parent, d.code).toBe(section);
      expect(d.en, d.code).toBeTruthy();
    }
  });

  it('puts every group under a division whose code it extends', () => {
    const groups = ofLevel('group');
    expect(groups).toHaveLength(473);
    for (const g of groups) {
      expect(byCode.get(g.parent!)?.level, g.code).toBe('division');
      expect(g.code.startsWith(g.parent!), g.code).toBe(true);
    }
  });

  it('puts every class under a group whose code it extends; every group and division has children', () => {
    const classes = ofLevel('class');
    expect(classes.length).toBeGreaterThanOrEqual(1380);
    for (const c of classes) {
      expect(byCode.get(c.parent!)?.level, c.code).toBe('group');
      expect(c.code.startsWith(c.parent!), c.code).toBe(true);
    }
    for (const p of [...ofLevel('division'), ...ofLevel('group')]) expect(children(p.code).length, p.code).toBeGreaterThan(0);
    // A group without subdivision has exactly one class, coded group + "0", with the group's title.
    for (const g of ofLevel('group')) {
      const kids = children(g.code);
      if (kids.includes(`${g.code}0`)) {
        expect(kids, g.code).toEqual([`${g.code}0`]);
        expect(zh(`${g.code}0`), g.code).toBe(g.zh);
      }
    }
  });

  it('lists codes in standard order, parents before children', () => {
    const seen = new Set<string>();
    for (const c of codes) {
      if (c.parent) expect(seen.has(c.parent), c.code).toBe(true);
      seen.add(c.code);
    }
  });

  it('spot-checks well-known codes', () => {
    expect(zh('3841')).toBe('锂离子电池制造');
    expect(zh('6513')).toBe('应用软件开发');
    expect(zh('7320')).toBe('工程和技术研究和试验发展');
    expect(zh('2720')).toBe('化学药品制剂制造');
    expect(zh('3581')).toBe('医疗诊断、监护及治疗设备制造');
    expect(zh('0111')).toBe('稻谷种植');
    expect(zh('3973')).toBe('集成电路制造');
    expect(zh('6520')).toBe('集成电路设计');
    expect(zh('9700')).toBe('国际组织');
  });

  it('has 384 电池制造 in full', () => {
    expect(zh('384')).toBe('电池制造');
    expect(children('384').map((c) => [c, zh(c)])).toEqual([
      ['3841', '锂离子电池制造'],
      ['3842', '镍氢电池制造'],
      ['3843', '铅蓄电池制造'],
      ['3844', '锌锰电池制造'],
      ['3849', '其他电池制造'],
    ]);
  });

  it('has 27 医药制造业 in full', () => {
    expect(zh('27')).toBe('医药制造业');
    expect(ofLevel('class').filter((c) => c.code.startsWith('27')).map((c) => [c.code, c.zh])).toEqual([
      ['2710', '化学药品原料药制造'],
      ['2720', '化学药品制剂制造'],
      ['2730', '中药饮片加工'],
      ['2740', '中成药生产'],
      ['2750', '兽用药品制造'],
      ['2761', '生物药品制造'],
      ['2762', '基因工程药物和疫苗制造'],
      ['2770', '卫生材料及医药用品制造'],
      ['2780', '药用辅料及包装材料'],
    ]);
  });

  it('has 358 医疗仪器设备及器械制造 in full', () => {
    expect(zh('358')).toBe('医疗仪器设备及器械制造');
    expect(children('358').map((c) => [c, zh(c)])).toEqual([
      ['3581', '医疗诊断、监护及治疗设备制造'],
      ['3582', '口腔科用设备及器具制造'],
      ['3583', '医疗实验室及医用消毒设备和器具制造'],
      ['3584', '医疗、外科及兽医用器械制造'],
      ['3585', '机械治疗及病房护理设备制造'],
      ['3586', '康复辅具制造'],
      ['3587', '眼镜制造'],
      ['3589', '其他医疗设备及器械制造'],
    ]);
  });

  it('has 39 计算机、通信和其他电子设备制造业 in full', () => {
    expect(zh('39')).toBe('计算机、通信和其他电子设备制造业');
    expect(children('39')).toEqual(['391', '392', '393', '394', '395', '396', '397', '398', '399']);
    expect(zh('395')).toBe('非专业视听设备制造');
    expect(zh('396')).toBe('智能消费设备制造');
    expect(zh('398')).toBe('电子元件及电子专用材料制造');
    const classes = ofLevel('class').filter((c) => c.code.startsWith('39'));
    expect(classes.map((c) => c.code)).toEqual([
      '3911', '3912', '3913', '3914', '3915', '3919', '3921', '3922', '3931', '3932', '3933', '3934', '3939', '3940',
      '3951', '3952', '3953', '3961', '3962', '3963', '3964', '3969', '3971', '3972', '3973', '3974', '3975', '3976',
      '3979', '3981', '3982', '3983', '3984', '3985', '3989', '3990',
    ]);
    expect(zh('3915')).toBe('信息安全设备制造');
    expect(zh('3963')).toBe('智能无人飞行器制造');
    expect(zh('3985')).toBe('电子专用材料制造');
  });

  it('has 63–65 信息传输、软件和信息技术服务业 in full', () => {
    expect(['63', '64', '65'].map(zh)).toEqual(['电信、广播电视和卫星传输服务', '互联网和相关服务', '软件和信息技术服务业']);
    const classes = ofLevel('class').filter((c) => /^6[345]/.test(c.code));
    expect(classes.map((c) => c.code)).toEqual([
      '6311', '6312', '6319', '6321', '6322', '6331', '6339',
      '6410', '6421', '6422', '6429', '6431', '6432', '6433', '6434', '6439', '6440', '6450', '6490',
      '6511', '6512', '6513', '6519', '6520', '6531', '6532', '6540', '6550', '6560', '6571', '6572', '6579', '6591', '6599',
    ]);
    expect(zh('6432')).toBe('互联网生活服务平台');
    expect(zh('6532')).toBe('物联网技术服务');
    expect(zh('6550')).toBe('信息处理和存储支持服务');
    for (const c of classes) expect(c.en, c.code).toBeTruthy();
  });

  it('has 73 研究和试验发展 and 75 科技推广和应用服务业 in full', () => {
    expect(zh('73')).toBe('研究和试验发展');
    expect(ofLevel('class').filter((c) => c.code.startsWith('73')).map((c) => [c.code, c.zh])).toEqual([
      ['7310', '自然科学研究和试验发展'],
      ['7320', '工程和技术研究和试验发展'],
      ['7330', '农业科学研究和试验发展'],
      ['7340', '医学研究和试验发展'],
      ['7350', '社会人文科学研究'],
    ]);
    expect(zh('75')).toBe('科技推广和应用服务业');
    expect(ofLevel('class').filter((c) => c.code.startsWith('75')).map((c) => c.code)).toEqual([
      '7511', '7512', '7513', '7514', '7515', '7516', '7517', '7519', '7520', '7530', '7540', '7590',
    ]);
    expect(zh('7520')).toBe('知识产权服务');
    expect(zh('7530')).toBe('科技中介服务');
    expect(zh('7540')).toBe('创业空间服务');
  });

  it('does not contain codes from the superseded 2011 edition', () => {
    expect(byCode.has('6510')).toBe(false); // 2011 软件开发 was one class; 2017 splits it into 6511–6519
    expect(byCode.has('6530')).toBe(false); // 2011 信息系统集成服务 → 2017 653 group
    expect(zh('11')).toBe('开采专业及辅助性活动'); // 2011: 开采辅助活动
  });
});
