// 大屏: the wall display for a 1920×1080 screen. Dark, no scrolling, large type; the figures
// refresh every minute and the panels rotate every 15 seconds. It reads the same answer as the
// cockpit overview, so both always show the same numbers.
import { useEffect, useState } from 'react';
import { useApiGet } from '../../components/useApiGet';
import { usePageTitle } from '../../i18n';
import { OverviewCharts } from './CockpitPage';
import { useFigure } from './IndicatorCard';
import { useCockpitMessages } from './messages';
import { name, shownValue, unitLabel, type Indicator, type Overview, type Topic } from './types';

const REFRESH_MS = 60_000;
const ROTATE_MS = 15_000;

const PANELS: { key: 'enterprises' | 'carriers' | 'digital'; topics: Topic[] }[] = [
  { key: 'enterprises', topics: ['enterprises', 'cultivation'] },
  { key: 'carriers', topics: ['carriers', 'talent', 'projects', 'marketplace'] },
  { key: 'digital', topics: ['digital', 'funds', 'villages'] },
];
/** Always on screen, on the left. */
const HEADLINE = ['hnte_count', 'platform_hnte_holders', 'hnte_industrial_output', 'tax_incentives_total', 'new_hnte', 'new_little_giants'];

const BG = '#0b1426';
const PANEL_BG = 'rgba(22, 44, 84, 0.55)';
const BORDER = '1px solid rgba(64, 150, 255, 0.35)';
const TEXT = '#e6f0ff';
const MUTED = '#9fb3d1';

function Tile({ i, big }: { i: Indicator; big?: boolean }) {
  const { t: m, locale } = useCockpitMessages();
  const figure = useFigure();
  const v = shownValue(i);
  return (
    <div style={{ background: PANEL_BG, border: BORDER, borderRadius: 8, padding: big ? '14px 18px' : '10px 14px', minWidth: 0 }} data-testid={`wall-tile-${i.id}`}>
      <div style={{ color: MUTED, fontSize: big ? 20 : 17, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{name(i.name, locale)}</div>
      <div style={{ display: 'flex', alignItems: 'baseline', gap: 8 }}>
        <span style={{ color: i.kind === 'reported' ? '#69b1ff' : '#5cdbd3', fontSize: big ? 46 : 34, fontWeight: 700, fontVariantNumeric: 'tabular-nums' }} data-testid={`wall-value-${i.id}`}>
          {v ? figure(v.value, v.qualifier) : '—'}
        </span>
        <span style={{ color: MUTED, fontSize: big ? 20 : 16 }}>{unitLabel(i.unit, locale)}</span>
      </div>
      <div style={{ color: MUTED, fontSize: 14 }}>
        {v?.period ?? ''}{i.kind === 'reported' && i.latest?.source.docNo ? ` · ${i.latest.source.docNo}` : ''}
        {(i.current?.synthetic ?? 0) > 0 && <span style={{ marginLeft: 8, color: '#ffc069' }}>{m('detail.synthetic')}</span>}
      </div>
    </div>
  );
}

export default function WallPage() {
  const { t: m } = useCockpitMessages();
  usePageTitle('nav.cockpit');
  const [tick, setTick] = useState(0);
  const [panel, setPanel] = useState(0);
  const [now, setNow] = useState(() => new Date());
  const { data } = useApiGet<Overview>('/api/cockpit/overview', {}, String(tick));
  const [loadedAt, setLoadedAt] = useState<Date | null>(null);
  useEffect(() => { if (data) setLoadedAt(new Date()); }, [data]);

  useEffect(() => {
    const refresh = setInterval(() => setTick((n) => n + 1), REFRESH_MS);
    const rotate = setInterval(() => setPanel((p) => (p + 1) % PANELS.length), ROTATE_MS);
    const clock = setInterval(() => setNow(new Date()), 1000);
    const previous = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => { clearInterval(refresh); clearInterval(rotate); clearInterval(clock); document.body.style.overflow = previous; };
  }, []);

  const all = data?.indicators ?? [];
  const byId = new Map(all.map((i) => [i.id, i]));
  const headline = HEADLINE.map((id) => byId.get(id)).filter((i): i is Indicator => Boolean(i));
  const current = PANELS[panel];
  const tiles = all.filter((i) => current.topics.includes(i.topic) && !HEADLINE.includes(i.id) && (shownValue(i) !== null)).slice(0, 12);

  return (
    <div style={{ width: '100vw', height: '100vh', overflow: 'hidden', background: `radial-gradient(ellipse at top, #14284d 0%, ${BG} 70%)`, color: TEXT, display: 'grid', gridTemplateRows: '84px 1fr 40px', padding: '0 28px', boxSizing: 'border-box' }} data-testid="wall">
      <header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', borderBottom: BORDER }}>
        <div style={{ fontSize: 36, fontWeight: 700, letterSpacing: 2 }}>{m('wall.title')}</div>
        <div style={{ display: 'flex', gap: 12 }}>
          {PANELS.map((p, n) => (
            <span key={p.key} style={{ padding: '4px 14px', borderRadius: 16, fontSize: 18, border: BORDER, background: n === panel ? '#1d4ed8' : 'transparent' }} data-testid={n === panel ? 'wall-panel-active' : undefined}>
              {m(`wall.panel.${p.key}`)}
            </span>
          ))}
        </div>
        <div style={{ fontSize: 22, color: MUTED, fontVariantNumeric: 'tabular-nums' }}>{now.toLocaleString('zh-CN', { hour12: false })}</div>
      </header>
      <main style={{ display: 'grid', gridTemplateColumns: '420px 1fr', gap: 20, padding: '18px 0', minHeight: 0 }}>
        <section style={{ display: 'grid', gridTemplateRows: `repeat(${Math.max(headline.length, 1)}, 1fr)`, gap: 12, minHeight: 0 }}>
          {headline.map((i) => <Tile key={i.id} i={i} big />)}
        </section>
        <section style={{ display: 'grid', gridTemplateRows: 'auto 1fr', gap: 16, minHeight: 0 }}>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 12 }} data-testid="wall-panel">
            {tiles.map((i) => <Tile key={i.id} i={i} />)}
          </div>
          <div style={{ background: PANEL_BG, border: BORDER, borderRadius: 8, padding: 16, minHeight: 0, overflow: 'hidden' }}>
            {data && <OverviewCharts data={data} dark />}
          </div>
        </section>
      </main>
      <footer style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', color: MUTED, fontSize: 15, borderTop: BORDER }}>
        <span>{m('wall.source')}</span>
        {all.some((i) => (i.current?.synthetic ?? 0) > 0) && <span style={{ color: '#ffc069' }}>{m('note.synthetic')}</span>}
        <span>{loadedAt ? m('wall.updated', { time: loadedAt.toLocaleTimeString('zh-CN', { hour12: false }) }) : ''}</span>
      </footer>
    </div>
  );
}
