// Reference data the platform ships as its STARTING DRAFT for bureau staff to edit: the 4+4+6
// industry system and three chain maps built from public knowledge of those industries. It is
// installed once into the database (installChainReference) and from then on lives there,
// editable and versioned. Pure data: no imports from the database layer.
//
// Sources: the six future industries and the three named chains are in the bureau's public
// letter 厦科函〔2025〕84号 (../shared/data/letter-2025-05-20.json); the pillar and emerging lists
// are that file's "unverified" best recollection and stay flagged until staff confirm them.
// Industry codes are GB/T 4754-2017 classes (checked against registry/industry-codes.json in
// chains.test.ts); link contents (technologies, products) are general industry knowledge.

export type Tier = 'pillar' | 'emerging' | 'future';
export type Stage = 'upstream' | 'midstream' | 'downstream';

export const LETTER_SOURCE = {
  doc: '厦科函〔2025〕84号',
  date: '2025-05-20',
  title: '厦门市科学技术局关于市十六届人大五次会议第0161号建议办理情况答复的函',
} as const;

export interface RefIndustry {
  key: string;
  tier: Tier;
  zh: string;
  en: string;
  codes: string[];
  keywords: string[];
  /** False where the letter does not name the industry (shown as 待核实 until staff confirm). */
  verified: boolean;
  sourceNote: string;
}

const NAMED = `${LETTER_SOURCE.doc}（${LETTER_SOURCE.date}）列明`;
const UNVERIFIED = `${LETTER_SOURCE.doc} 未列明；据2025年公开报道整理，待核实`;
const CORROBORATED = `${LETTER_SOURCE.doc} 未列明；2025年公开报道可佐证，待核实`;

export const REF_INDUSTRIES: RefIndustry[] = [
  // 4 pillar clusters (unverified list)
  { key: 'electronics', tier: 'pillar', zh: '电子信息', en: 'Electronic information', verified: false, sourceNote: CORROBORATED,
    codes: ['3972', '3973', '3974', '3976', '3981', '3982', '3983', '3922', '3961', '6520', '6511', '6512', '6513', '6531', '6532', '6560', '6450'],
    keywords: ['电子信息', '集成电路', '平板显示', '电子元器件', '软件和信息服务', '计算机与通信设备'] },
  { key: 'equipment', tier: 'pillar', zh: '先进装备制造', en: 'Advanced equipment manufacturing', verified: false, sourceNote: CORROBORATED,
    codes: ['3421', '3444', '3453', '3491', '3514', '3670', '3714', '3734', '3744', '3823', '3829', '4011', '4028'],
    keywords: ['高端装备', '机械装备', '智能制造装备', '工程机械', '航空维修', '输配电设备'] },
  { key: 'trade_logistics', tier: 'pillar', zh: '商贸物流', en: 'Trade and logistics', verified: false, sourceNote: UNVERIFIED,
    codes: ['5181', '5199', '5810', '5821', '5920', '6431', '7224'],
    keywords: ['现代物流', '供应链管理', '跨境电商', '港口航运', '大宗商品贸易'] },
  { key: 'finance', tier: 'pillar', zh: '金融服务', en: 'Financial services', verified: false, sourceNote: UNVERIFIED,
    codes: ['6631', '6635', '6930', '6940'],
    keywords: ['金融服务', '金融科技', '供应链金融', '融资租赁'] },
  // 4 strategic emerging industries (unverified list)
  { key: 'biomedicine', tier: 'emerging', zh: '生物医药', en: 'Biomedicine', verified: false, sourceNote: CORROBORATED,
    codes: ['2710', '2720', '2740', '2761', '2762', '2770', '3581', '3583', '3584', '3589', '7340'],
    keywords: ['生物医药', '创新药', '医疗器械', '体外诊断', '疫苗', '创新药械'] },
  { key: 'new_materials', tier: 'emerging', zh: '新材料', en: 'New materials', verified: false, sourceNote: UNVERIFIED,
    codes: ['2641', '2651', '2929', '3062', '3073', '3240', '3252', '3985'],
    keywords: ['新材料', '高分子材料', '复合材料', '特种陶瓷', '钨钼材料', '稀土功能材料'] },
  { key: 'new_energy', tier: 'emerging', zh: '新能源', en: 'New energy', verified: false, sourceNote: CORROBORATED,
    codes: ['3612', '3811', '3825', '3841', '4415', '4416'],
    keywords: ['新能源', '光伏', '新能源汽车', '动力电池', '充电设施'] },
  { key: 'culture_tourism', tier: 'emerging', zh: '文旅创意', en: 'Culture, tourism and creative industries', verified: false, sourceNote: UNVERIFIED,
    codes: ['6572', '6579', '7492', '8626', '8730'],
    keywords: ['文旅创意', '数字创意', '动漫游戏', '影视', '创意设计'] },
  // 6 future industries (named in the letter)
  { key: 'ai', tier: 'future', zh: '人工智能', en: 'Artificial intelligence', verified: true, sourceNote: NAMED,
    codes: ['6513', '6519', '6450', '6560', '3969'],
    keywords: ['人工智能', '大模型', '计算机视觉', '智能语音', '机器学习', '智能机器人'] },
  { key: 'hydrogen_storage', tier: 'future', zh: '氢能与储能', en: 'Hydrogen energy and energy storage', verified: true, sourceNote: NAMED,
    codes: ['3841', '3849', '3824', '3821', '2619', '3599'],
    keywords: ['氢能', '新型储能', '储能电池', '燃料电池', '电解水制氢', '储能变流器'] },
  { key: 'gene_bio', tier: 'future', zh: '基因与生物技术', en: 'Gene and biotechnology', verified: true, sourceNote: NAMED,
    codes: ['2761', '2762', '7340', '0511'],
    keywords: ['基因与生物技术', '基因检测', '细胞治疗', '合成生物', '生物育种'] },
  { key: 'future_network', tier: 'future', zh: '未来网络', en: 'Future networks', verified: true, sourceNote: NAMED,
    codes: ['3921', '3832', '6319', '6440'],
    keywords: ['未来网络', '6G', '卫星互联网', '光通信', '算力网络', '网络安全'] },
  { key: 'frontier_materials', tier: 'future', zh: '前沿战略材料', en: 'Frontier strategic materials', verified: true, sourceNote: NAMED,
    codes: ['3985', '3091', '3254', '2659', '3042'],
    keywords: ['前沿战略材料', '石墨烯', '第三代半导体材料', '稀土功能材料', '高性能纤维'] },
  { key: 'deep_sea_space', tier: 'future', zh: '深海空天开发', en: 'Deep-sea and aerospace development', verified: true, sourceNote: NAMED,
    codes: ['3737', '3743', '3744', '4023', '3791', '3963'],
    keywords: ['深海空天开发', '深海装备', '海洋工程', '商业航天', '低空经济', '卫星应用'] },
];

export interface RefLink {
  key: string;
  stage: Stage;
  zh: string;
  en: string;
  codes: string[];
  keywords: string[];
  technologies: string[];
  products: string[];
  children?: RefLink[];
}

export interface RefChain {
  key: string;
  zh: string;
  en: string;
  industryKey: string;
  description: { zh: string; en: string };
  links: RefLink[];
  /** Supply edges: [supplier link key, customer link key]. */
  edges: [string, string][];
}

type L = Omit<RefLink, 'stage' | 'children'> & { children?: Omit<RefLink, 'stage' | 'children'>[] };
function stage(s: Stage, links: L[]): RefLink[] {
  return links.map((l) => ({ ...l, stage: s, children: l.children?.map((c) => ({ ...c, stage: s })) }));
}

// ---------- 新型储能 (new-type energy storage) ----------
const storage: RefChain = {
  key: 'new_energy_storage', zh: '新型储能', en: 'New-type energy storage', industryKey: 'hydrogen_storage',
  description: {
    zh: '除抽水蓄能外、以电化学储能为主的储能产业链：上游材料与部件，中游电芯、电池管理、变流与系统集成，下游电源侧、电网侧、用户侧应用及运营、检测与回收。',
    en: 'Energy storage other than pumped hydro, mainly electrochemical: materials and components upstream; cells, battery management, power conversion and system integration midstream; generation-side, grid-side and behind-the-meter applications, operation, testing and recycling downstream.',
  },
  links: [
    ...stage('upstream', [
      { key: 'es.resources', zh: '矿产资源与基础化工', en: 'Minerals and basic chemicals', codes: ['0939', '3239', '2613'], keywords: ['锂资源', '碳酸锂', '氢氧化锂', '钒资源'], technologies: ['盐湖提锂', '锂云母提锂'], products: ['碳酸锂', '氢氧化锂', '五氧化二钒'],
        children: [
          { key: 'es.resources.lithium', zh: '锂盐', en: 'Lithium salts', codes: ['3239', '2613'], keywords: ['碳酸锂', '氢氧化锂', '锂盐'], technologies: ['盐湖吸附提锂', '电池级锂盐提纯'], products: ['电池级碳酸锂', '氢氧化锂'] },
          { key: 'es.resources.vanadium', zh: '钒与液流电解质原料', en: 'Vanadium and flow-battery electrolyte feedstock', codes: ['3239', '2613'], keywords: ['钒', '钒电解液'], technologies: ['高纯五氧化二钒制备'], products: ['五氧化二钒', '钒电解液'] },
        ] },
      { key: 'es.materials', zh: '电池材料', en: 'Battery materials', codes: ['3985', '2669', '3091', '2921'], keywords: ['电池材料', '锂电材料', '钠电材料'], technologies: ['材料改性与包覆'], products: ['正极材料', '负极材料', '电解液', '隔膜'],
        children: [
          { key: 'es.materials.cathode', zh: '正极材料', en: 'Cathode materials', codes: ['3985', '2613'], keywords: ['正极材料', '磷酸铁锂', '磷酸锰铁锂', '钠离子正极'], technologies: ['高压实磷酸铁锂', '磷酸锰铁锂', '层状氧化物与聚阴离子钠电正极'], products: ['磷酸铁锂正极材料', '磷酸锰铁锂', '钠电正极材料'] },
          { key: 'es.materials.anode', zh: '负极材料', en: 'Anode materials', codes: ['3091', '3985'], keywords: ['负极材料', '人造石墨', '硬碳', '硅碳'], technologies: ['石墨化', '硬碳前驱体', '硅碳复合'], products: ['人造石墨负极', '硬碳负极', '硅碳负极'] },
          { key: 'es.materials.electrolyte', zh: '电解液与锂盐', en: 'Electrolytes and lithium salts', codes: ['2669', '2614'], keywords: ['电解液', '六氟磷酸锂', '新型锂盐'], technologies: ['LiFSI 新型锂盐', '功能添加剂', '固态电解质'], products: ['锂电池电解液', '六氟磷酸锂', '固态电解质'] },
          { key: 'es.materials.separator', zh: '隔膜', en: 'Separators', codes: ['2921'], keywords: ['隔膜', '湿法隔膜', '涂覆隔膜'], technologies: ['湿法双向拉伸', '陶瓷涂覆'], products: ['湿法隔膜', '涂覆隔膜'] },
          { key: 'es.materials.foil', zh: '集流体与结构件', en: 'Current collectors and structural parts', codes: ['3251', '3252', '3399'], keywords: ['铜箔', '铝箔', '电池结构件'], technologies: ['极薄铜箔', '复合集流体'], products: ['锂电铜箔', '涂炭铝箔', '电池壳体与盖板'] },
        ] },
      { key: 'es.components', zh: '电力电子与关键部件', en: 'Power electronics and key components', codes: ['3972', '3973', '6520', '3821', '3464'], keywords: ['功率半导体', 'IGBT', '储能温控', '电池管理芯片'], technologies: ['SiC 功率器件', '液冷温控'], products: ['IGBT 模块', '碳化硅器件', '电池管理芯片', '液冷机组'],
        children: [
          { key: 'es.components.power_semi', zh: '功率半导体与芯片', en: 'Power semiconductors and chips', codes: ['3972', '3973', '6520'], keywords: ['功率半导体', 'IGBT', '碳化硅', 'AFE芯片'], technologies: ['IGBT', 'SiC MOSFET', '模拟前端（AFE）芯片'], products: ['IGBT 模块', '碳化硅功率器件', '电池管理芯片'] },
          { key: 'es.components.thermal', zh: '温控与消防', en: 'Thermal management and fire protection', codes: ['3464', '3599'], keywords: ['储能温控', '液冷', '储能消防'], technologies: ['液冷温控', '全氟己酮消防', '可燃气体探测'], products: ['储能液冷机组', '储能消防系统'] },
          { key: 'es.components.electrical', zh: '电气部件', en: 'Electrical components', codes: ['3821', '3831', '3829'], keywords: ['连接器', '线束', '储能变压器'], technologies: ['高压直流连接'], products: ['储能连接器', '储能线束', '箱式变压器'] },
        ] },
    ]),
    ...stage('midstream', [
      { key: 'es.cells', zh: '储能电池', en: 'Storage batteries', codes: ['3841', '3849'], keywords: ['储能电池', '储能电芯', '锂离子电池', '新型储能'], technologies: ['大容量电芯', '长循环寿命'], products: ['储能电池', '储能电芯'],
        children: [
          { key: 'es.cells.lfp', zh: '锂离子储能电芯', en: 'Lithium-ion storage cells', codes: ['3841'], keywords: ['储能电芯', '磷酸铁锂电池', '锂离子电池'], technologies: ['300Ah+ 大容量电芯', '万次循环长寿命', '叠片工艺'], products: ['磷酸铁锂储能电芯', '储能电池模组'] },
          { key: 'es.cells.sodium', zh: '钠离子电池', en: 'Sodium-ion batteries', codes: ['3849'], keywords: ['钠离子电池', '钠电'], technologies: ['层状氧化物体系', '聚阴离子体系'], products: ['钠离子电芯'] },
          { key: 'es.cells.flow', zh: '液流电池', en: 'Flow batteries', codes: ['3849'], keywords: ['液流电池', '全钒液流'], technologies: ['全钒液流', '铁铬液流', '电堆设计'], products: ['全钒液流电池系统', '液流电池电堆'] },
          { key: 'es.cells.solid', zh: '固态与新体系电池', en: 'Solid-state and next-generation batteries', codes: ['3841', '3849'], keywords: ['固态电池', '半固态电池'], technologies: ['硫化物固态电解质', '半固态工艺'], products: ['半固态电池', '固态电池样品'] },
        ] },
      { key: 'es.bms', zh: '电池管理系统（BMS）', en: 'Battery management systems (BMS)', codes: ['3824', '3829', '6513'], keywords: ['电池管理系统', 'BMS'], technologies: ['SOC/SOH 估算', '主动均衡', '三级 BMS 架构'], products: ['电池管理系统', '电池簇控制单元'] },
      { key: 'es.pcs', zh: '储能变流器（PCS）', en: 'Power conversion systems (PCS)', codes: ['3824', '3821'], keywords: ['储能变流器', 'PCS', '储能逆变器'], technologies: ['构网型变流', '双向变流', '高压级联'], products: ['储能变流器', '储能逆变器', '光储一体机'] },
      { key: 'es.ems', zh: '能量管理系统（EMS）', en: 'Energy management systems (EMS)', codes: ['6513', '6531'], keywords: ['能量管理系统', 'EMS', '虚拟电厂'], technologies: ['储能调度策略', '电力交易辅助决策', '虚拟电厂聚合'], products: ['能量管理系统', '储能云平台'] },
      { key: 'es.integration', zh: '储能系统集成', en: 'Storage system integration', codes: ['3849', '3829', '3841'], keywords: ['储能系统集成', '储能集装箱', '储能系统'], technologies: ['大容量集装箱系统', '组串式储能', '交直流一体化'], products: ['储能集装箱系统', '工商业储能柜', '户用储能'],
        children: [
          { key: 'es.integration.utility', zh: '大型储能系统', en: 'Utility-scale systems', codes: ['3849', '3829'], keywords: ['储能集装箱', '储能电站系统'], technologies: ['5MWh+ 集装箱', '高压直挂'], products: ['储能集装箱系统'] },
          { key: 'es.integration.ci', zh: '工商业与户用储能', en: 'Commercial and residential systems', codes: ['3849', '3841'], keywords: ['工商业储能', '户用储能', '便携式储能'], technologies: ['一体柜设计', '光储充一体化'], products: ['工商业储能柜', '户用储能', '便携式储能电源'] },
        ] },
      { key: 'es.other_tech', zh: '其他新型储能技术', en: 'Other new-type storage technologies', codes: ['3442', '3599', '3849'], keywords: ['压缩空气储能', '飞轮储能', '氢储能'], technologies: ['压缩空气储能', '飞轮储能', '储热', '氢储能'], products: ['压缩空气储能系统', '飞轮储能装置'] },
    ]),
    ...stage('downstream', [
      { key: 'es.app', zh: '储能应用', en: 'Storage applications', codes: ['4416', '4415', '4420'], keywords: ['储能应用', '储能电站'], technologies: ['调峰调频', '峰谷套利'], products: ['储能电站'],
        children: [
          { key: 'es.app.generation', zh: '电源侧储能', en: 'Generation-side storage', codes: ['4416', '4415'], keywords: ['新能源配储', '光储', '风储'], technologies: ['新能源平滑出力', '一次调频'], products: ['新能源配套储能电站'] },
          { key: 'es.app.grid', zh: '电网侧储能', en: 'Grid-side storage', codes: ['4420'], keywords: ['独立储能', '共享储能', '电网侧储能'], technologies: ['调峰调频辅助服务', '构网支撑'], products: ['独立储能电站', '共享储能电站'] },
          { key: 'es.app.user', zh: '用户侧储能', en: 'Behind-the-meter storage', codes: ['4420', '7515'], keywords: ['用户侧储能', '工商业储能', '光储充'], technologies: ['峰谷套利', '需量管理', '光储充一体化'], products: ['工商业储能项目', '光储充电站'] },
          { key: 'es.app.backup', zh: '通信与数据中心备电', en: 'Telecom and data-centre backup', codes: ['6319', '6450'], keywords: ['备用电源', '数据中心储能', '基站储能'], technologies: ['锂电备电'], products: ['基站储能电源', '数据中心储能系统'] },
        ] },
      { key: 'es.services', zh: '运营与服务', en: 'Operation and services', codes: ['7515', '7452', '4420'], keywords: ['储能运营', '储能检测', '虚拟电厂'], technologies: ['电站运维', '安全评估'], products: ['储能电站运营服务', '储能检测认证'],
        children: [
          { key: 'es.services.operation', zh: '电站投资运营与聚合', en: 'Plant investment, operation and aggregation', codes: ['4420', '7515'], keywords: ['储能运营', '虚拟电厂', '负荷聚合'], technologies: ['虚拟电厂聚合', '电力现货交易'], products: ['储能电站运营服务', '虚拟电厂服务'] },
          { key: 'es.services.testing', zh: '检测认证', en: 'Testing and certification', codes: ['7452'], keywords: ['储能检测', '电池检测', '检测认证'], technologies: ['热失控测试', '并网检测'], products: ['电池安全检测', '储能系统并网检测'] },
        ] },
      { key: 'es.recycling', zh: '梯次利用与回收', en: 'Second life and recycling', codes: ['4210', '4220'], keywords: ['电池回收', '梯次利用', '再生利用'], technologies: ['梯次利用筛选', '湿法回收'], products: ['梯次利用储能', '再生碳酸锂'] },
    ]),
  ],
  edges: [
    ['es.resources.lithium', 'es.materials.cathode'], ['es.resources.lithium', 'es.materials.electrolyte'], ['es.resources.vanadium', 'es.cells.flow'],
    ['es.materials.cathode', 'es.cells.lfp'], ['es.materials.cathode', 'es.cells.sodium'], ['es.materials.anode', 'es.cells.lfp'], ['es.materials.anode', 'es.cells.sodium'],
    ['es.materials.electrolyte', 'es.cells.lfp'], ['es.materials.separator', 'es.cells.lfp'], ['es.materials.foil', 'es.cells.lfp'], ['es.materials.electrolyte', 'es.cells.solid'],
    ['es.components.power_semi', 'es.pcs'], ['es.components.power_semi', 'es.bms'], ['es.components.thermal', 'es.integration'], ['es.components.electrical', 'es.integration'],
    ['es.cells', 'es.integration'], ['es.bms', 'es.integration'], ['es.pcs', 'es.integration'], ['es.ems', 'es.integration'],
    ['es.integration.utility', 'es.app.generation'], ['es.integration.utility', 'es.app.grid'], ['es.integration.ci', 'es.app.user'], ['es.integration.ci', 'es.app.backup'],
    ['es.other_tech', 'es.app.grid'], ['es.app', 'es.services.operation'], ['es.services.testing', 'es.integration'], ['es.app', 'es.recycling'], ['es.recycling', 'es.resources.lithium'],
  ],
};

// ---------- 创新药械 (innovative drugs and medical devices) ----------
const pharma: RefChain = {
  key: 'innovative_drugs_devices', zh: '创新药械', en: 'Innovative drugs and medical devices', industryKey: 'biomedicine',
  description: {
    zh: '创新药与医疗器械产业链：上游研发外包、原料辅料与生产装备，中游化学药、生物药、疫苗、细胞与基因治疗、现代中药及各类医疗器械，下游流通、医疗服务与数字医疗。',
    en: 'Innovative drugs and medical devices: contract research, raw materials and production equipment upstream; chemical drugs, biologics, vaccines, cell and gene therapy, modern TCM and medical devices midstream; distribution, healthcare services and digital health downstream.',
  },
  links: [
    ...stage('upstream', [
      { key: 'dd.rd_services', zh: '研发外包服务', en: 'Contract research services', codes: ['7340', '7320'], keywords: ['CRO', 'CDMO', '研发外包', '临床试验'], technologies: ['靶点发现', '临床前评价', '临床试验管理'], products: ['临床前研究服务', '临床试验服务'],
        children: [
          { key: 'dd.rd_services.discovery', zh: '药物发现与临床前研究', en: 'Drug discovery and preclinical research', codes: ['7340'], keywords: ['药物发现', '临床前研究', 'AI制药', '药理毒理'], technologies: ['AI 辅助药物设计', '高通量筛选', 'GLP 毒理评价'], products: ['先导化合物', '临床前研究服务'] },
          { key: 'dd.rd_services.clinical', zh: '临床研究服务（CRO）', en: 'Clinical research (CRO)', codes: ['7340'], keywords: ['CRO', '临床试验', 'SMO'], technologies: ['临床试验设计', '真实世界研究'], products: ['临床试验服务', '注册申报服务'] },
          { key: 'dd.rd_services.cdmo', zh: '合同研发生产（CDMO）', en: 'Contract development and manufacturing (CDMO)', codes: ['2710', '2761'], keywords: ['CDMO', 'CMO', '工艺开发'], technologies: ['连续流工艺', '细胞株构建', '工艺放大'], products: ['定制研发生产服务'] },
        ] },
      { key: 'dd.materials', zh: '原料与辅料', en: 'Raw materials and excipients', codes: ['2710', '2780', '2761', '2929'], keywords: ['原料药', '药用辅料', '培养基', '医用高分子'], technologies: ['手性合成', '无血清培养基'], products: ['原料药', '药用辅料', '细胞培养基'],
        children: [
          { key: 'dd.materials.api', zh: '原料药与中间体', en: 'APIs and intermediates', codes: ['2710'], keywords: ['原料药', '医药中间体'], technologies: ['手性合成', '绿色合成工艺'], products: ['化学原料药', '医药中间体'] },
          { key: 'dd.materials.excipients', zh: '药用辅料与包材', en: 'Excipients and packaging', codes: ['2780'], keywords: ['药用辅料', '药包材'], technologies: ['新型给药辅料'], products: ['药用辅料', '预灌封注射器', '药用玻璃'] },
          { key: 'dd.materials.bio_inputs', zh: '生物试剂与培养基', en: 'Bioprocess reagents and media', codes: ['2761', '2669'], keywords: ['培养基', '生物试剂', '诊断原料', '抗原抗体'], technologies: ['无血清培养基', '诊断用抗原抗体制备'], products: ['细胞培养基', '诊断原料酶', '抗原抗体原料'] },
          { key: 'dd.materials.device_materials', zh: '医用材料', en: 'Medical-grade materials', codes: ['2929', '3240', '3985'], keywords: ['医用高分子', '医用金属', '生物材料'], technologies: ['可降解材料', '医用钛合金'], products: ['医用高分子材料', '医用钛合金'] },
        ] },
      { key: 'dd.equipment', zh: '制药与实验装备', en: 'Pharmaceutical and laboratory equipment', codes: ['3544', '4014', '3583'], keywords: ['制药设备', '生物反应器', '实验仪器'], technologies: ['一次性生物反应器', '在线过程分析'], products: ['生物反应器', '冻干机', '实验分析仪器'] },
    ]),
    ...stage('midstream', [
      { key: 'dd.drugs', zh: '创新药', en: 'Innovative drugs', codes: ['2720', '2761', '2762', '2740'], keywords: ['创新药', '新药研发'], technologies: ['新靶点', '改良型新药'], products: ['创新药'],
        children: [
          { key: 'dd.drugs.chemical', zh: '化学创新药与改良型新药', en: 'Chemical innovative and improved drugs', codes: ['2720'], keywords: ['化学药', '化学制剂', '改良型新药', '创新药'], technologies: ['小分子靶向药', '缓控释制剂', 'PROTAC'], products: ['化学制剂', '小分子靶向药'] },
          { key: 'dd.drugs.biologics', zh: '生物药', en: 'Biologics', codes: ['2761'], keywords: ['生物药', '抗体药物', '重组蛋白', '长效干扰素'], technologies: ['单抗/双抗', 'ADC 抗体偶联药物', '长效蛋白修饰'], products: ['抗体药物', '重组蛋白药物'] },
          { key: 'dd.drugs.vaccines', zh: '疫苗', en: 'Vaccines', codes: ['2762'], keywords: ['疫苗', '重组疫苗'], technologies: ['基因工程疫苗', 'mRNA 疫苗', '病毒样颗粒（VLP）'], products: ['重组疫苗', '预防性疫苗'] },
          { key: 'dd.drugs.cgt', zh: '细胞与基因治疗', en: 'Cell and gene therapy', codes: ['2762', '7340'], keywords: ['细胞治疗', '基因治疗', 'CAR-T'], technologies: ['CAR-T', '干细胞', 'AAV 基因递送'], products: ['细胞治疗制剂', '基因治疗产品'] },
          { key: 'dd.drugs.tcm', zh: '现代中药', en: 'Modern traditional Chinese medicine', codes: ['2740', '2730'], keywords: ['中成药', '中药制剂', '中药创新药'], technologies: ['经典名方开发', '中药质量标志物'], products: ['中药制剂', '中药创新药'] },
        ] },
      { key: 'dd.devices', zh: '医疗器械', en: 'Medical devices', codes: ['3581', '3584', '3583', '2770', '3589'], keywords: ['医疗器械', '创新药械'], technologies: ['国产替代', '智能化'], products: ['医疗器械'],
        children: [
          { key: 'dd.devices.ivd', zh: '体外诊断（IVD）', en: 'In-vitro diagnostics (IVD)', codes: ['2761', '3581', '3583'], keywords: ['体外诊断', 'IVD', 'POCT', '化学发光', '分子诊断'], technologies: ['化学发光', '分子诊断', 'POCT 即时检测', '质谱'], products: ['体外诊断试剂', 'POCT检测仪', '化学发光分析仪'] },
          { key: 'dd.devices.imaging', zh: '医学影像与诊疗设备', en: 'Imaging and therapeutic equipment', codes: ['3581'], keywords: ['医学影像', '监护', '超声'], technologies: ['超声成像', '数字 X 射线', 'AI 影像辅助诊断'], products: ['医学影像设备', '监护仪', '超声诊断仪'] },
          { key: 'dd.devices.hv_consumables', zh: '高值医用耗材', en: 'High-value consumables', codes: ['3584', '3589'], keywords: ['高值耗材', '骨科植入', '心血管介入'], technologies: ['骨科植入物', '介入导管', '3D 打印植入物'], products: ['骨科植入物', '介入导管', '吻合器'] },
          { key: 'dd.devices.lv_consumables', zh: '低值医用耗材与敷料', en: 'Low-value consumables and dressings', codes: ['2770', '3584'], keywords: ['医用耗材', '一次性医用耗材', '医用敷料'], technologies: ['功能性敷料'], products: ['一次性医用耗材', '医用敷料', '注射穿刺器械'] },
          { key: 'dd.devices.rehab', zh: '康复与家用医疗器械', en: 'Rehabilitation and home-care devices', codes: ['3586', '3585', '3582'], keywords: ['康复器械', '家用医疗', '口腔器械'], technologies: ['康复机器人', '可穿戴监测'], products: ['康复辅具', '家用医疗设备', '口腔器械'] },
        ] },
    ]),
    ...stage('downstream', [
      { key: 'dd.distribution', zh: '医药流通', en: 'Distribution', codes: ['5151', '5154', '5251', '5254'], keywords: ['医药流通', '医药批发', '医药零售', '医药冷链'], technologies: ['医药冷链', '两票制供应链'], products: ['医药批发配送', '药品零售'] },
      { key: 'dd.healthcare', zh: '医疗服务', en: 'Healthcare services', codes: ['8411', '8415', '8492', '8491'], keywords: ['医疗服务', '第三方检验', '体检'], technologies: ['多学科诊疗', '医学检验'], products: ['医疗服务', '第三方医学检验', '健康体检'],
        children: [
          { key: 'dd.healthcare.hospitals', zh: '医疗机构与临床研究中心', en: 'Hospitals and clinical research centres', codes: ['8411', '8415'], keywords: ['医院', '临床研究中心', 'GCP机构'], technologies: ['研究型病房'], products: ['临床试验承接'] },
          { key: 'dd.healthcare.lab', zh: '第三方医学检验与体检', en: 'Independent labs and health checks', codes: ['8492', '8491'], keywords: ['第三方检验', '医学检验', '体检'], technologies: ['基因检测服务'], products: ['医学检验服务', '健康体检'] },
        ] },
      { key: 'dd.digital', zh: '数字医疗与健康服务', en: 'Digital health', codes: ['6429', '6513', '8499'], keywords: ['互联网医疗', '数字医疗', '医疗信息化', '健康管理'], technologies: ['AI 辅助诊断', '远程医疗'], products: ['互联网医院平台', '医院信息系统', '健康管理服务'] },
      { key: 'dd.regulatory', zh: '注册、检测与知识产权服务', en: 'Registration, testing and IP services', codes: ['7452', '7520', '7530'], keywords: ['药械注册', '医疗器械检测', '知识产权', '技术转移'], technologies: ['注册人制度（MAH）'], products: ['注册申报服务', '医疗器械检测', '专利导航'] },
    ]),
  ],
  edges: [
    ['dd.rd_services.discovery', 'dd.drugs'], ['dd.rd_services.clinical', 'dd.drugs'], ['dd.rd_services.clinical', 'dd.devices'], ['dd.rd_services.cdmo', 'dd.drugs.biologics'], ['dd.rd_services.cdmo', 'dd.drugs.chemical'],
    ['dd.materials.api', 'dd.drugs.chemical'], ['dd.materials.excipients', 'dd.drugs.chemical'], ['dd.materials.excipients', 'dd.drugs.biologics'], ['dd.materials.bio_inputs', 'dd.drugs.biologics'],
    ['dd.materials.bio_inputs', 'dd.drugs.vaccines'], ['dd.materials.bio_inputs', 'dd.devices.ivd'], ['dd.materials.device_materials', 'dd.devices.hv_consumables'], ['dd.materials.device_materials', 'dd.devices.lv_consumables'],
    ['dd.equipment', 'dd.drugs'], ['dd.equipment', 'dd.rd_services.cdmo'],
    ['dd.drugs', 'dd.distribution'], ['dd.devices', 'dd.distribution'], ['dd.distribution', 'dd.healthcare'], ['dd.devices.ivd', 'dd.healthcare.lab'], ['dd.devices.imaging', 'dd.healthcare.hospitals'],
    ['dd.healthcare.hospitals', 'dd.rd_services.clinical'], ['dd.regulatory', 'dd.drugs'], ['dd.regulatory', 'dd.devices'], ['dd.digital', 'dd.healthcare'],
  ],
};

// ---------- 软件和信息服务 (software and IT services) ----------
const software: RefChain = {
  key: 'software_it_services', zh: '软件和信息服务', en: 'Software and IT services', industryKey: 'electronics',
  description: {
    zh: '软件和信息技术服务业产业链：上游基础硬件、基础软件与算力网络，中游工业软件、行业应用软件、嵌入式软件、信息安全、信息技术服务、云与数据服务、人工智能，下游各行业数字化应用。',
    en: 'Software and IT services: hardware, base software and computing infrastructure upstream; industrial, vertical and embedded software, security, IT services, cloud and data services and AI midstream; digital applications across sectors downstream.',
  },
  links: [
    ...stage('upstream', [
      { key: 'sw.hardware', zh: '基础硬件', en: 'Base hardware', codes: ['6520', '3973', '3911', '3912', '3921'], keywords: ['芯片', '服务器', '网络设备', '信创'], technologies: ['国产 CPU/GPU', '服务器整机'], products: ['处理器芯片', '服务器', '网络交换设备'],
        children: [
          { key: 'sw.hardware.chips', zh: '处理器与存储芯片', en: 'Processors and memory chips', codes: ['6520', '3973'], keywords: ['CPU', 'GPU', 'AI芯片', '集成电路'], technologies: ['国产 CPU', 'AI 加速芯片'], products: ['MCU芯片', 'AI加速芯片', '存储芯片'] },
          { key: 'sw.hardware.servers', zh: '服务器与终端', en: 'Servers and terminals', codes: ['3911', '3912', '3914', '3919'], keywords: ['服务器', '信创终端', '工控机'], technologies: ['信创整机适配'], products: ['服务器', '信创终端', '工业控制计算机'] },
          { key: 'sw.hardware.network', zh: '网络与通信设备', en: 'Network and communications equipment', codes: ['3921', '3915'], keywords: ['网络设备', '交换机', '安全设备'], technologies: ['SDN', '5G 专网'], products: ['交换机', '路由器', '防火墙设备'] },
        ] },
      { key: 'sw.base_software', zh: '基础软件', en: 'Base software', codes: ['6511', '6512'], keywords: ['基础软件', '操作系统', '数据库', '中间件'], technologies: ['国产操作系统', '分布式数据库', '云原生中间件'], products: ['操作系统', '数据库', '中间件', '开发工具'],
        children: [
          { key: 'sw.base_software.os', zh: '操作系统', en: 'Operating systems', codes: ['6511'], keywords: ['操作系统', '嵌入式操作系统'], technologies: ['国产操作系统', '实时操作系统'], products: ['服务器操作系统', '嵌入式操作系统'] },
          { key: 'sw.base_software.db', zh: '数据库', en: 'Databases', codes: ['6511'], keywords: ['数据库', '分布式数据库', '时序数据库'], technologies: ['分布式事务', 'HTAP'], products: ['关系型数据库', '时序数据库'] },
          { key: 'sw.base_software.middleware', zh: '中间件与开发工具', en: 'Middleware and developer tools', codes: ['6512'], keywords: ['中间件', '低代码', '开发工具'], technologies: ['云原生', '低代码平台'], products: ['应用中间件', '低代码开发平台'] },
        ] },
      { key: 'sw.infrastructure', zh: '算力与网络基础设施', en: 'Computing and network infrastructure', codes: ['6450', '6410', '6319'], keywords: ['数据中心', '云计算', '算力', 'IDC'], technologies: ['智算中心', '绿色数据中心'], products: ['IDC服务', '云主机', '智算服务'] },
    ]),
    ...stage('midstream', [
      { key: 'sw.industrial', zh: '工业软件', en: 'Industrial software', codes: ['6513', '6512'], keywords: ['工业软件', 'MES', 'ERP', 'CAD', 'SCADA'], technologies: ['CAD/CAE', 'MES', '工业数字孪生'], products: ['工业软件', 'ERP系统'],
        children: [
          { key: 'sw.industrial.design', zh: '研发设计类', en: 'Design and simulation', codes: ['6513', '6512'], keywords: ['CAD', 'CAE', 'EDA', '仿真'], technologies: ['几何内核', '多物理场仿真', 'EDA'], products: ['CAD软件', '仿真软件', 'EDA工具'] },
          { key: 'sw.industrial.production', zh: '生产控制类', en: 'Production control', codes: ['6513', '3914'], keywords: ['MES', 'SCADA', 'PLC', '工业控制'], technologies: ['MES', 'SCADA', '工业数字孪生'], products: ['MES系统', 'SCADA系统', 'PLC控制系统'] },
          { key: 'sw.industrial.management', zh: '经营管理类', en: 'Business management', codes: ['6513'], keywords: ['ERP', 'CRM', 'SCM', '财务软件'], technologies: ['云 ERP', '业财一体化'], products: ['ERP系统', 'CRM系统', '供应链管理系统'] },
        ] },
      { key: 'sw.vertical', zh: '行业应用软件', en: 'Vertical application software', codes: ['6513'], keywords: ['行业应用软件', '政务软件', '金融软件', '医疗软件', '教育软件'], technologies: ['行业 SaaS'], products: ['政务服务平台', '智慧园区系统', '医院信息系统'],
        children: [
          { key: 'sw.vertical.gov', zh: '电子政务与智慧城市', en: 'E-government and smart city', codes: ['6513', '6531'], keywords: ['数字政府', '政务服务', '智慧城市'], technologies: ['一网通办', '城市运行管理'], products: ['政务服务平台', '智慧园区系统', '城市运行管理平台'] },
          { key: 'sw.vertical.finance', zh: '金融软件', en: 'Financial software', codes: ['6513', '6940'], keywords: ['金融软件', '金融科技', '风控'], technologies: ['分布式核心系统', '智能风控'], products: ['风控系统', '支付清算系统', '银行核心系统'] },
          { key: 'sw.vertical.health_edu', zh: '医疗、教育与交通软件', en: 'Healthcare, education and transport software', codes: ['6513'], keywords: ['医疗信息化', '教育信息化', '智慧交通'], technologies: ['电子病历', '智慧课堂'], products: ['医院信息系统', '智慧教育平台', '智慧交通系统'] },
        ] },
      { key: 'sw.embedded', zh: '嵌入式与物联网软件', en: 'Embedded and IoT software', codes: ['6513', '6532', '6519'], keywords: ['嵌入式软件', '物联网', '车载软件'], technologies: ['端侧 AI', '车载操作系统'], products: ['物联网平台', '车载软件', '嵌入式控制软件'] },
      { key: 'sw.security', zh: '信息安全', en: 'Information security', codes: ['6440', '3915', '6519'], keywords: ['网络安全', '信息安全', '数据安全', '密码'], technologies: ['零信任', '商用密码', '数据脱敏'], products: ['网络安全网关', '数据安全平台', '安全服务'] },
      { key: 'sw.it_services', zh: '信息技术服务', en: 'IT services', codes: ['6531', '6540', '6560', '6550', '6591'], keywords: ['信息系统集成', '运维服务', 'IT咨询', '数据处理'], technologies: ['ITIL 运维', '数字化转型咨询'], products: ['信息系统集成服务', '运行维护服务', '信息技术咨询'],
        children: [
          { key: 'sw.it_services.integration', zh: '信息系统集成与物联网技术服务', en: 'Systems integration and IoT services', codes: ['6531', '6532'], keywords: ['信息系统集成', '物联网技术服务'], technologies: ['系统集成'], products: ['信息系统集成服务', '物联网解决方案'] },
          { key: 'sw.it_services.operations', zh: '运维与IT咨询', en: 'Operations and IT consulting', codes: ['6540', '6560'], keywords: ['运维服务', 'IT咨询', '数字化转型'], technologies: ['智能运维（AIOps）'], products: ['运行维护服务', '数字化转型咨询'] },
          { key: 'sw.it_services.bpo', zh: '信息处理与服务外包', en: 'Data processing and outsourcing', codes: ['6550', '6591', '6599'], keywords: ['数据处理', '服务外包', '呼叫中心', '数据标注'], technologies: ['数据标注'], products: ['数据处理服务', '呼叫中心服务', '数据标注服务'] },
        ] },
      { key: 'sw.cloud_data', zh: '云服务与大数据', en: 'Cloud and big data', codes: ['6450', '6550', '6431'], keywords: ['云计算', 'SaaS', '大数据', '数据中台'], technologies: ['云原生', '数据治理', '隐私计算'], products: ['数据中台', 'SaaS服务', '大数据平台'] },
      { key: 'sw.ai', zh: '人工智能软件与服务', en: 'AI software and services', codes: ['6513', '6519', '6450'], keywords: ['人工智能', '大模型', '计算机视觉', '智能语音'], technologies: ['大模型', '计算机视觉', '智能语音'], products: ['AI算法平台', '机器视觉检测系统', '智能客服平台'] },
      { key: 'sw.digital_content', zh: '数字内容服务', en: 'Digital content services', codes: ['6572', '6579', '6571'], keywords: ['数字内容', '动漫游戏', '地理信息'], technologies: ['实时渲染', '数字孪生'], products: ['网络游戏', '数字展陈', '地理信息服务'] },
    ]),
    ...stage('downstream', [
      { key: 'sw.apps', zh: '行业数字化应用', en: 'Sector digital applications', codes: ['6431', '6432', '6433'], keywords: ['数字化转型', '产业互联网'], technologies: ['工业互联网平台'], products: ['工业互联网平台'],
        children: [
          { key: 'sw.apps.manufacturing', zh: '智能制造与工业互联网', en: 'Smart manufacturing and industrial internet', codes: ['6431', '6433'], keywords: ['工业互联网', '智能制造', '上云上平台'], technologies: ['工业互联网标识解析', '设备上云'], products: ['工业互联网平台', '设备上云服务'] },
          { key: 'sw.apps.government', zh: '数字政府与公共服务', en: 'Digital government and public services', codes: ['6513'], keywords: ['数字政府', '公共服务'], technologies: ['政务数据共享'], products: ['一网通办平台'] },
          { key: 'sw.apps.consumer', zh: '数字消费与生活服务', en: 'Digital consumption and lifestyle services', codes: ['6432', '6429'], keywords: ['电子商务', '生活服务平台', '跨境电商'], technologies: ['推荐算法'], products: ['跨境电商平台', '生活服务平台'] },
          { key: 'sw.apps.finance_logistics', zh: '金融科技与智慧物流', en: 'Fintech and smart logistics', codes: ['6940', '6930', '5821'], keywords: ['金融科技', '智慧物流', '供应链金融'], technologies: ['区块链', '智能调度'], products: ['供应链金融平台', '智能仓储服务'] },
        ] },
      { key: 'sw.ecosystem', zh: '产业生态服务', en: 'Ecosystem services', codes: ['7452', '7520', '7530', '7540'], keywords: ['软件测评', '知识产权', '孵化器', '公共技术服务平台'], technologies: ['软件测评', '开源治理'], products: ['软件测评服务', '企业孵化服务', '专利导航'] },
    ]),
  ],
  edges: [
    ['sw.hardware.chips', 'sw.hardware.servers'], ['sw.hardware.servers', 'sw.infrastructure'], ['sw.hardware.network', 'sw.infrastructure'],
    ['sw.base_software', 'sw.industrial'], ['sw.base_software', 'sw.vertical'], ['sw.base_software.os', 'sw.embedded'], ['sw.base_software.db', 'sw.cloud_data'], ['sw.base_software.middleware', 'sw.vertical'],
    ['sw.infrastructure', 'sw.cloud_data'], ['sw.infrastructure', 'sw.ai'], ['sw.cloud_data', 'sw.ai'], ['sw.security', 'sw.cloud_data'], ['sw.security', 'sw.apps.government'],
    ['sw.industrial', 'sw.apps.manufacturing'], ['sw.embedded', 'sw.apps.manufacturing'], ['sw.vertical.gov', 'sw.apps.government'], ['sw.vertical.finance', 'sw.apps.finance_logistics'],
    ['sw.it_services.integration', 'sw.apps'], ['sw.it_services.operations', 'sw.apps'], ['sw.ai', 'sw.apps'], ['sw.cloud_data', 'sw.apps.consumer'], ['sw.digital_content', 'sw.apps.consumer'], ['sw.ecosystem', 'sw.industrial'],
  ],
};

export const REF_CHAINS: RefChain[] = [storage, pharma, software];

/** The city's plan maps 22 key chains (letter: key_segment_maps.count); only three are named. */
export const PLANNED_CHAIN_COUNT = 22;
