export interface OpenDataSource { docNo: string | null; title: string; issuer: string; date: string; url: string | null }

export interface OpenDataIndicator {
  id: string;
  name: { zh: string; en: string };
  topic: string;
  unit: string;
  frequency: string;
  owner: string;
  target: { value: number; period: string | null; source: OpenDataSource | null } | null;
  values: { period: string; value: number; qualifier: string | null; source: OpenDataSource; note: string | null }[];
}

export interface OpenData {
  licence: { zh: string; en: string };
  generatedAt: string;
  indicators: OpenDataIndicator[];
}
