// The digest's picture (docs/digest.md, ADR 141): the 8-week posted trend and the age buckets,
// described in Vega-Lite, rendered to SVG by Vega without a browser, and rasterised to PNG by
// resvg (a prebuilt Rust binary shipped inside its npm package). Amounts become numbers here
// only to be drawn; the labels print the exact decimal text. Vega, Vega-Lite and resvg are loaded
// on the first chart, not at start-up: together they are most of the bot's start time, and only
// the weekly digest draws.
import type { TopLevelSpec } from 'vega-lite';
import type { Digest } from '../domain/digest.ts';
import { formatAmount } from '../domain/money.ts';

export const CHART_WIDTH_PX = 900;
/** Fonts Debian ships (fonts-dejavu-core, fonts-liberation); resvg falls back to any system font. */
const FONT = 'DejaVu Sans';

export interface ChartDatum {
  readonly chart: 'trend' | 'age';
  readonly label: string;
  readonly value: number;
  readonly text: string;
}

export function digestChartData(d: Digest): ChartDatum[] {
  const datum = (chart: ChartDatum['chart'], label: string, minor: number): ChartDatum => {
    const text = formatAmount(minor, d.currency);
    return { chart, label, value: Number(text), text };
  };
  return [
    ...d.trend.map((t) => datum('trend', t.week, t.totalMinor)),
    ...d.byAge.map((a) => datum('age', a.bucket, a.totalMinor)),
  ];
}

function panel(
  chart: ChartDatum['chart'],
  title: string,
  width: number,
  color: string,
  xTitle: string | null,
) {
  return {
    title,
    width,
    height: 220,
    transform: [{ filter: `datum.chart === '${chart}'` }],
    layer: [
      {
        mark: { type: 'bar' as const, color },
        encoding: {
          x: {
            field: 'label',
            type: 'ordinal' as const,
            sort: null,
            title: xTitle,
            axis: { labelAngle: 0 },
          },
          y: { field: 'value', type: 'quantitative' as const, title: null },
          tooltip: [{ field: 'label' }, { field: 'text' }],
        },
      },
      {
        mark: { type: 'text' as const, dy: -6, fontSize: 10 },
        encoding: {
          x: { field: 'label', type: 'ordinal' as const, sort: null },
          y: { field: 'value', type: 'quantitative' as const },
          text: { field: 'text' },
        },
      },
    ],
  };
}

export function digestChartSpec(d: Digest): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Write-offs ${d.week} (${d.currency})`, fontSize: 16 },
    background: 'white',
    padding: 16,
    config: { font: FONT, view: { stroke: null } },
    data: { values: digestChartData(d) },
    hconcat: [
      panel('trend', 'Posted per week (last 8 weeks)', 520, '#2f6db5', null),
      panel('age', 'Posted this week by invoice age', 260, '#c26d1a', 'age in days'),
    ],
  } as TopLevelSpec;
}

/** The chart as SVG text (Vega's headless renderer). */
export async function digestChartSvg(d: Digest): Promise<string> {
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new View(parse(compile(digestChartSpec(d)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export interface ChartImage {
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

export async function renderDigestChart(d: Digest): Promise<ChartImage> {
  const svg = await digestChartSvg(d);
  const { Resvg } = await import('@resvg/resvg-js');
  const rendered = new Resvg(svg, {
    fitTo: { mode: 'width', value: CHART_WIDTH_PX },
    font: { loadSystemFonts: true, defaultFontFamily: FONT },
  }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height };
}
