// Chinese word segmentation for search: jieba with its standard dictionary plus domain
// terms the bureau uses, so 新型储能 or 锂离子电池 stay one word.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const DOMAIN_TERMS = [
  '新型储能', '锂离子电池', '储能电池', '动力电池', '固态电池', '钠离子电池', '氢能', '燃料电池', '光伏', '光伏组件',
  '创新药', '创新药械', '医疗器械', '体外诊断', '生物医药', '基因治疗', '细胞治疗', '疫苗',
  '软件和信息服务', '工业软件', '人工智能', '大模型', '集成电路', '半导体', '芯片', '显示面板', '新型显示', '物联网', '云计算', '大数据',
  '专精特新', '小巨人', '高新技术企业', '科技型中小企业', '创新型中小企业', '新型研发机构',
  '先进制造', '智能制造', '工业互联网', '新材料', '稀土', '钨业', '钨钼', '石墨烯', '碳纤维',
  '揭榜挂帅', '成果转化', '产学研', '山海协作', '厦研保',
];

let instance: Jieba | undefined;
function jieba(): Jieba {
  if (!instance) {
    instance = Jieba.withDict(dict);
    instance.loadDict(Buffer.from(DOMAIN_TERMS.map((t) => `${t} 100000 n`).join('\n')));
  }
  return instance;
}

const KEEP = /[\p{L}\p{N}]/u;

/** Index tokens: words and their sub-words (search mode), lower-cased, de-duplicated. */
export function indexTokens(...texts: (string | null | undefined)[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const t of jieba().cutForSearch(text, true)) {
      const token = t.trim().toLowerCase();
      if (token && KEEP.test(token)) tokens.add(token);
    }
  }
  return [...tokens].join(' ');
}

/** Query words (precise mode), lower-cased; punctuation dropped. */
export function queryTokens(text: string): string[] {
  return [...new Set(jieba().cut(text, true).map((t) => t.trim().toLowerCase()).filter((t) => t && KEEP.test(t)))];
}
