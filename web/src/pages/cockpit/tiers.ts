// Short names of the cultivation tiers, for the cockpit's charts.
export const TIER_NAMES: Record<string, { zh: string; en: string }> = {
  tech_sme: { zh: '科技型中小企业', en: 'Tech SME' },
  innovative_sme: { zh: '创新型中小企业', en: 'Innovative SME' },
  srdi_sme: { zh: '专精特新中小企业', en: 'SRDI SME' },
  little_giant: { zh: '“小巨人”企业', en: 'Little giant' },
  hnte: { zh: '高新技术企业', en: 'High-tech enterprise' },
};
