// Word lists for the synthetic organisations (src/seed/orgs.ts). Data only.
import type { District } from '../modules/accounts/accounts.schema.ts';

/** How a segment's firms hold IP: decides which counts dominate. */
export type IpProfile = 'software' | 'manufacturing' | 'pharma' | 'ic' | 'bio' | 'culture' | 'service';

export interface Segment {
  id: string;
  zh: string;
  /** GB/T 4754-2017 class codes (checked against industry-codes.json in orgs.test.ts). */
  codes: readonly string[];
  /** The industry word in a company name: 厦门 + brand + word + 有限公司. */
  words: readonly string[];
  keywords: readonly string[];
  products: readonly string[];
  ip: IpProfile;
  /** Manufacturing sits more in Jimei, Haicang, Xiang'an and Tong'an; services in Siming and Huli. */
  mfg: boolean;
  /** Revenue per employee, median, in yuan. */
  revenuePerHead: number;
}

export interface Industry {
  id: string;
  zh: string;
  tier: 'pillar' | 'emerging' | 'future';
  /** Share of synthetic enterprises (relative weight). */
  weight: number;
  /** How likely a firm of this industry is to hold an S&T tier, relative to the average (1). */
  propensity: number;
  segments: readonly Segment[];
}

// The 4+4+6 system (shared/data/letter-2025-05-20.json). The letter names the six future
// industries; the pillar and emerging lists are the letter file's "unverified" best recollection.
// Weights are an assumption about a city S&T registry (electronics and software the largest,
// as in Xiamen's industry mix), not a statistic.
export const INDUSTRIES: readonly Industry[] = [
  {
    id: 'electronics', zh: '电子信息', tier: 'pillar', weight: 23, propensity: 1.25,
    segments: [
      { id: 'ic', zh: '集成电路', codes: ['6520', '3973', '3972'], words: ['微电子', '半导体', '芯片科技', '集成电路'], keywords: ['集成电路', '芯片设计', '功率半导体', '模拟芯片', '封装测试'], products: ['电源管理芯片', 'MCU芯片', '功率器件', '射频前端芯片', '传感器芯片'], ip: 'ic', mfg: true, revenuePerHead: 900_000 },
      { id: 'display', zh: '光电显示', codes: ['3974', '3976', '3975'], words: ['光电', '显示科技', '光电科技'], keywords: ['平板显示', '触控', 'Mini LED', '光电子'], products: ['触控显示模组', 'LED芯片', '背光模组', '光通信器件'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_000_000 },
      { id: 'components', zh: '电子元器件与智能终端', codes: ['3922', '3983', '3982', '3981', '3984', '3961'], words: ['电子', '电子科技', '智能科技', '通信技术'], keywords: ['电子元器件', '传感器', '智能终端', '印制电路板'], products: ['柔性电路板', '温湿度传感器', '智能穿戴设备', '电声器件', '片式电感'], ip: 'manufacturing', mfg: true, revenuePerHead: 800_000 },
      { id: 'software', zh: '软件和信息服务', codes: ['6511', '6512', '6513', '6531', '6532', '6560', '6450'], words: ['软件', '信息技术', '网络科技', '数据科技', '信息科技'], keywords: ['软件和信息服务', '工业软件', 'SaaS', '信息系统集成', '大数据', '物联网'], products: ['工业软件', 'ERP系统', '政务服务平台', '数据中台', '物联网平台', '智慧园区系统'], ip: 'software', mfg: false, revenuePerHead: 450_000 },
    ],
  },
  {
    id: 'equipment', zh: '先进装备制造', tier: 'pillar', weight: 15, propensity: 1.1,
    segments: [
      { id: 'machinery', zh: '高端装备', codes: ['3421', '3444', '3453', '3514', '3499'], words: ['机械', '精密机械', '装备', '机电'], keywords: ['高端装备', '精密加工', '液压', '工程机械'], products: ['数控机床', '液压元件', '精密齿轮箱', '工程机械配件'], ip: 'manufacturing', mfg: true, revenuePerHead: 850_000 },
      { id: 'automation', zh: '智能制造装备', codes: ['3491', '4011', '3823', '3829', '4028'], words: ['自动化', '智能装备', '电气', '机器人'], keywords: ['工业机器人', '自动化产线', '智能制造', '电气控制'], products: ['工业机器人', '自动化装配线', 'PLC控制系统', '配电开关设备', '电子测量仪器'], ip: 'manufacturing', mfg: true, revenuePerHead: 800_000 },
      { id: 'transport', zh: '交通运输装备', codes: ['3670', '3734', '3714', '3744'], words: ['汽车部件', '动力', '交通装备'], keywords: ['汽车零部件', '船舶配套', '轨道交通'], products: ['汽车线束', '电驱动总成', '船用配套设备', '轨道交通配件'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_000_000 },
    ],
  },
  {
    id: 'trade_logistics', zh: '商贸物流', tier: 'pillar', weight: 8, propensity: 0.3,
    segments: [
      { id: 'logistics', zh: '现代物流', codes: ['5810', '5821', '5920', '7224'], words: ['物流', '供应链', '国际货运', '仓储'], keywords: ['智慧物流', '供应链管理', '冷链', '多式联运'], products: ['供应链管理服务', '国际货运代理', '智能仓储服务', '冷链配送'], ip: 'service', mfg: false, revenuePerHead: 2_500_000 },
      { id: 'trade', zh: '商贸', codes: ['5181', '5199', '6431'], words: ['贸易', '商贸', '电子商务'], keywords: ['跨境电商', '大宗商品', 'B2B平台'], products: ['跨境电商平台', '大宗商品贸易', '进出口代理'], ip: 'service', mfg: false, revenuePerHead: 3_500_000 },
    ],
  },
  {
    id: 'finance', zh: '金融服务', tier: 'pillar', weight: 3, propensity: 0.5,
    segments: [
      { id: 'fintech', zh: '金融科技', codes: ['6940', '6930', '6631', '6635'], words: ['金融信息', '金融科技', '融资租赁', '数字科技'], keywords: ['金融科技', '供应链金融', '融资租赁', '数字支付'], products: ['风控系统', '供应链金融平台', '融资租赁服务', '支付清算系统'], ip: 'software', mfg: false, revenuePerHead: 1_500_000 },
    ],
  },
  {
    id: 'biomedicine', zh: '生物医药', tier: 'emerging', weight: 10, propensity: 1.35,
    segments: [
      { id: 'drugs', zh: '创新药', codes: ['2710', '2720', '2761', '2740'], words: ['生物医药', '药业', '制药', '生物科技'], keywords: ['创新药', '生物药', '原料药', '中成药', '创新药械'], products: ['创新药', '抗体药物', '化学制剂', '原料药', '中药制剂'], ip: 'pharma', mfg: true, revenuePerHead: 900_000 },
      { id: 'devices', zh: '医疗器械', codes: ['3581', '3584', '3583', '2770', '3589'], words: ['医疗器械', '医疗科技', '生物技术', '诊断技术'], keywords: ['医疗器械', '体外诊断', '高值耗材', '医学影像', '创新药械'], products: ['体外诊断试剂', '医学影像设备', '一次性医用耗材', '监护仪', 'POCT检测仪'], ip: 'manufacturing', mfg: true, revenuePerHead: 800_000 },
    ],
  },
  {
    id: 'new_materials', zh: '新材料', tier: 'emerging', weight: 8, propensity: 1.0,
    segments: [
      { id: 'materials', zh: '先进基础材料', codes: ['2651', '2929', '3062', '3240', '3252', '2641', '3073'], words: ['新材料', '材料科技', '高分子材料', '复合材料'], keywords: ['新材料', '高分子', '复合材料', '特种陶瓷', '铝合金'], products: ['改性塑料', '碳纤维复合材料', '功能涂料', '特种陶瓷部件', '高性能铝型材'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_200_000 },
    ],
  },
  {
    id: 'new_energy', zh: '新能源', tier: 'emerging', weight: 7, propensity: 1.2,
    segments: [
      { id: 'clean_energy', zh: '光伏与新能源汽车', codes: ['3825', '3612', '3811', '4416', '3841'], words: ['新能源', '光伏科技', '电动科技', '能源科技'], keywords: ['新能源', '光伏', '新能源汽车', '动力电池', '充电桩'], products: ['光伏逆变器', '动力电池', '充电桩', '驱动电机', '光伏组件'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_300_000 },
    ],
  },
  {
    id: 'culture_tourism', zh: '文旅创意', tier: 'emerging', weight: 7, propensity: 0.5,
    segments: [
      { id: 'digital_content', zh: '数字创意', codes: ['6572', '6579', '8730', '7492', '8626'], words: ['文化传媒', '数字科技', '动漫', '创意设计', '影视'], keywords: ['数字内容', '动漫游戏', '影视制作', '文创设计'], products: ['动漫IP', '网络游戏', '影视节目', '文创产品设计', '数字展陈'], ip: 'culture', mfg: false, revenuePerHead: 600_000 },
    ],
  },
  {
    id: 'ai', zh: '人工智能', tier: 'future', weight: 6, propensity: 1.6,
    segments: [
      { id: 'ai', zh: '人工智能', codes: ['6513', '6519', '6450', '3969', '6560'], words: ['智能科技', '人工智能', '智能', '视觉科技'], keywords: ['人工智能', '计算机视觉', '大模型', '智能语音', '机器学习'], products: ['机器视觉检测系统', '智能客服平台', 'AI算法平台', '服务机器人', '智能语音模组'], ip: 'software', mfg: false, revenuePerHead: 500_000 },
    ],
  },
  {
    id: 'hydrogen_storage', zh: '氢能与储能', tier: 'future', weight: 4, propensity: 1.5,
    segments: [
      { id: 'storage', zh: '新型储能', codes: ['3841', '3849', '3824', '3821'], words: ['储能科技', '储能', '电力科技'], keywords: ['新型储能', '储能电池', '储能变流器', '电池管理系统'], products: ['储能电池', '储能变流器', '电池管理系统', '储能集装箱系统', '户用储能'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_400_000 },
      { id: 'hydrogen', zh: '氢能', codes: ['3849', '2619', '3599'], words: ['氢能', '氢能源', '氢能科技'], keywords: ['氢能', '燃料电池', '电解水制氢', '储氢'], products: ['燃料电池电堆', '电解槽', '储氢瓶', '加氢设备'], ip: 'manufacturing', mfg: true, revenuePerHead: 900_000 },
    ],
  },
  {
    id: 'gene_bio', zh: '基因与生物技术', tier: 'future', weight: 3, propensity: 1.6,
    segments: [
      { id: 'gene', zh: '基因与生物技术', codes: ['2762', '7340', '7512', '0511', '2761'], words: ['基因科技', '生物技术', '生命科学', '生物工程'], keywords: ['基因检测', '细胞治疗', '合成生物', '生物育种', '疫苗'], products: ['基因检测试剂盒', '细胞治疗制剂', '重组蛋白', '疫苗', '种苗'], ip: 'bio', mfg: true, revenuePerHead: 700_000 },
    ],
  },
  {
    id: 'future_network', zh: '未来网络', tier: 'future', weight: 2.5, propensity: 1.5,
    segments: [
      { id: 'network', zh: '未来网络', codes: ['3921', '6319', '3976', '6440', '3832'], words: ['通信', '网络技术', '光通信', '信息安全'], keywords: ['未来网络', '5G', '光通信', '卫星互联网', '网络安全'], products: ['5G小基站', '光模块', '网络安全网关', '卫星通信终端', '特种光纤'], ip: 'software', mfg: true, revenuePerHead: 800_000 },
    ],
  },
  {
    id: 'frontier_materials', zh: '前沿战略材料', tier: 'future', weight: 2, propensity: 1.6,
    segments: [
      { id: 'frontier', zh: '前沿战略材料', codes: ['3985', '3091', '3254', '2659', '3042'], words: ['新材料', '材料技术', '稀土科技', '纳米科技'], keywords: ['前沿材料', '石墨烯', '稀土功能材料', '第三代半导体材料', '高性能纤维'], products: ['石墨烯导热膜', '稀土永磁材料', '碳化硅衬底', '电子专用材料', '特种玻璃'], ip: 'manufacturing', mfg: true, revenuePerHead: 1_100_000 },
    ],
  },
  {
    id: 'deep_sea_space', zh: '深海空天开发', tier: 'future', weight: 1.5, propensity: 1.5,
    segments: [
      { id: 'sea_space', zh: '深海空天', codes: ['3737', '3743', '3744', '4023', '3791', '3963'], words: ['海洋科技', '航空科技', '空天科技', '海洋装备'], keywords: ['深海装备', '海洋工程', '航空零部件', '无人机', '卫星应用'], products: ['水下机器人', '海洋观测浮标', '工业无人机', '航空零部件', '卫星导航终端'], ip: 'manufacturing', mfg: true, revenuePerHead: 900_000 },
    ],
  },
];

export const DISTRICT_INFO: Record<District, { zh: string; code: string }> = {
  siming: { zh: '思明区', code: '350203' },
  haicang: { zh: '海沧区', code: '350205' },
  huli: { zh: '湖里区', code: '350206' },
  jimei: { zh: '集美区', code: '350211' },
  tongan: { zh: '同安区', code: '350212' },
  xiangan: { zh: '翔安区', code: '350213' },
};

// District weights are an ASSUMPTION (no district breakdown was available): services and
// software concentrate in Siming and Huli (software parks, the Torch high-tech zone), factories
// in Jimei, Haicang, Xiang'an and Tong'an; overall Huli > Jimei ≈ Siming > Xiang'an > Haicang > Tong'an.
export const DISTRICT_WEIGHTS: Record<'service' | 'manufacturing' | 'university' | 'village', Record<District, number>> = {
  service: { siming: 40, huli: 32, jimei: 12, haicang: 6, tongan: 4, xiangan: 6 },
  manufacturing: { siming: 10, huli: 22, jimei: 24, haicang: 15, tongan: 12, xiangan: 17 },
  university: { siming: 25, huli: 10, jimei: 35, haicang: 10, tongan: 5, xiangan: 15 },
  village: { siming: 2, huli: 3, jimei: 15, haicang: 15, tongan: 35, xiangan: 30 },
};

// Brand syllables. A brand is two or three of them; combinations containing a well-known
// brand (BANNED_BRANDS) are redrawn, so names are random and never a famous company's.
export const BRAND_FIRST = [
  '鹭', '禾', '岚', '澜', '湾', '峰', '芯', '启', '泓', '沐', '朗', '昱', '珩', '瑞', '琨', '璟', '晟', '霖', '洛', '溪',
  '沄', '翊', '弈', '骐', '璞', '铖', '锐', '睿', '澄', '桐', '榕', '杉', '槿', '菁', '芃', '茗', '萃', '峻', '岱', '嵘',
  '垣', '衡', '泰', '祺', '熙', '曜', '晞', '昕', '旻', '暄', '拓', '迅', '捷', '帆', '舟', '澎', '汐', '浦', '砺', '磐',
  '钧', '铂', '纬', '臻', '卓', '聆', '研', '鹏', '骏', '麟', '苒', '栩', '逸', '煦', '谦', '柯', '楠', '棠', '蓁', '珀',
] as const;
export const BRAND_NEXT = [
  '禾', '岚', '澜', '湾', '峰', '芯', '启', '泓', '朗', '昱', '瑞', '璟', '晟', '霖', '溪', '翊', '睿', '澄', '桐', '榕',
  '菁', '萃', '岱', '垣', '衡', '泰', '祺', '熙', '曜', '昕', '拓', '迅', '捷', '帆', '舟', '汐', '浦', '磐', '钧', '纬',
  '臻', '卓', '研', '鹏', '麟', '栩', '逸', '煦', '谦', '柯', '楠', '棠', '珀', '辉', '源', '安', '诺', '维', '途',
  '驰', '科', '川', '舜', '微', '锋', '创', '达', '屿', '和', '盛', '宸', '穹', '阔', '涵', '曦', '森', '豪', '麒', '驿',
] as const;

/** Substrings that would make a brand look like a real, well-known company's; never generated. */
export const BANNED_BRANDS = [
  '钨', '盈趣', '海辰', '宏发', '亿联', '美图', '安井', '象屿', '建发', '国贸', '厦工', '金龙', '天马', '三安', '乾照', '士兰',
  '联芯', '通富', '太古', '正新', '灿坤', '夏新', '特宝', '艾德', '万泰', '大博', '宝太', '安图', '美亚', '南威', '星网', '瑞芯',
  '嘉庚', '鹭江', '翔安', '华为', '腾讯', '阿里', '百度', '京东', '小米', '联想', '海尔', '美的', '格力', '宁德', '比亚迪', '中兴',
  '海康', '大华', '紫金', '恒安', '安踏', '特步', '九牧', '路达', '建霖', '松霖', '吉宏', '合兴', '科华', '信达', '弘信', '火炬',
  '鹭燕', '银鹭', '古龙', '东亚', '万达', '恒大', '科大', '讯飞', '蔚来', '理想', '华夏', '中国', '国家', '中华', '全国', '博思',
  '鸿博', '瑞达', '捷达', '创达', '和盛', '泰和', '卓越', '盛达', '源达', '科达', '微创', '安科', '诺安', '维达', '达安', '和安',
  '舜宇', '鹏辉', '帆盛', '锐科', '睿创', '泓源', '川科', '驰达', '途锐', '鹏达', '启明', '澜起', '芯原', '昕瑞', '朗科', '瑞科',
] as const;

export const SURNAMES = ['林', '陈', '黄', '王', '张', '李', '吴', '郑', '蔡', '许', '杨', '洪', '苏', '刘', '叶', '庄', '曾', '谢', '周', '柯'] as const;
export const GIVEN = ['志', '明', '伟', '婷', '丽', '晓', '敏', '俊', '芳', '斌', '静', '磊', '琳', '强', '颖', '涛', '霞', '杰', '燕', '峰', '晨', '宇', '欣', '浩'] as const;
export const CONTACT_TITLES = ['科技项目负责人', '财务负责人', '总经理', '研发总监', '行政主管', '综合办主任'] as const;

export const ROAD_SUFFIX = ['路', '路', '路', '大道', '街', '二路', '三路'] as const;

export const VILLAGE_FIRST = ['后', '前', '东', '西', '上', '下', '新', '大', '小', '洪', '林', '苏', '许', '蔡', '吕', '叶', '田', '溪'] as const;
export const VILLAGE_LAST = ['厝', '埔', '坑', '尾', '头', '山', '洋', '塘', '美', '林', '亭', '宅', '田', '墩', '岭', '坂', '垵', '边'] as const;

export const INSTITUTE_FIELDS = [
  { zh: '先进制造', code: '7320' }, { zh: '储能技术', code: '7320' }, { zh: '生物医药', code: '7340' }, { zh: '人工智能', code: '7320' },
  { zh: '海洋装备', code: '7320' }, { zh: '新材料', code: '7310' }, { zh: '集成电路', code: '7320' }, { zh: '数字经济', code: '7320' },
  { zh: '现代农业', code: '7330' }, { zh: '基因工程', code: '7340' }, { zh: '光电技术', code: '7310' }, { zh: '氢能技术', code: '7320' },
] as const;

export const PLATFORM_TYPES = [
  { name: '科技企业孵化器有限公司', code: '7540', keywords: ['孵化器', '创业服务'], products: ['企业孵化服务', '创业辅导'] },
  { name: '众创空间运营管理有限公司', code: '7540', keywords: ['众创空间', '创业服务'], products: ['联合办公', '创业培训'] },
  { name: '检验检测技术服务有限公司', code: '7452', keywords: ['检验检测', '公共技术服务平台'], products: ['检测认证服务', '计量校准'] },
  { name: '知识产权服务有限公司', code: '7520', keywords: ['知识产权', '专利代理'], products: ['专利导航', '知识产权运营'] },
  { name: '科技成果转化服务有限公司', code: '7530', keywords: ['技术转移', '成果转化'], products: ['技术经纪', '成果评价'] },
  { name: '工业互联网平台有限公司', code: '6433', keywords: ['工业互联网', '公共技术服务平台'], products: ['工业互联网平台', '设备上云服务'] },
] as const;

export const FUND_TYPES = [
  { name: '创业投资管理有限公司', code: '6760', keywords: ['创业投资', '投早投小'] },
  { name: '私募基金管理有限公司', code: '6739', keywords: ['私募股权', '硬科技投资'] },
  { name: '股权投资管理有限公司', code: '7212', keywords: ['股权投资', '产业基金'] },
] as const;

export const UNIVERSITY_TYPES = [
  { name: '职业技术学院', weight: 60, public: 0.5 },
  { name: '学院', weight: 25, public: 0.7 },
  { name: '理工学院', weight: 15, public: 0.8 },
] as const;
