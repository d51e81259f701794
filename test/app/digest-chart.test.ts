// The digest chart: a real PNG of the stated size, drawn from the digest's own numbers.
import { Resvg } from '@resvg/resvg-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/app/build-digest.ts';
import {
  CHART_WIDTH_PX,
  digestChartData,
  digestChartSvg,
  renderDigestChart,
} from '../../src/app/digest-chart.ts';
import type { Digest } from '../../src/domain/digest.ts';
import { unwrap } from '../support/app.ts';
import { createTestStore } from '../support/backend.ts';
import { seedDigestWeeks } from '../support/digest-ledger.ts';

let digest: Digest;
beforeAll(() => {
  digest = unwrap(buildDigest(seedDigestWeeks(createTestStore()), { week: '2026-W49' }));
});

/** Width and height from the IHDR chunk, after checking the PNG signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(png);
  expect(bytes.subarray(0, 8)).toEqual(
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  );
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('the digest chart', () => {
  it('charts the 8-week trend and the age buckets with the digest’s numbers', () => {
    const data = digestChartData(digest);
    expect(data.filter((d) => d.chart === 'trend').map((d) => [d.label, d.text])).toEqual(
      digest.trend.map((t) => [t.week, (t.totalMinor / 100).toFixed(2)]),
    );
    expect(data.filter((d) => d.chart === 'age').map((d) => d.text)).toEqual([
      '100.00',
      '200.00',
      '300.00',
      '400.00',
    ]);
  });

  it('draws every amount label into the SVG', async () => {
    const svg = await digestChartSvg(digest);
    for (const label of ['2026-W42', '2026-W49', '1000.00', '400.00', '366+']) {
      expect(svg).toContain(label);
    }
  });

  it('is a PNG of the stated size that decodes', async () => {
    const image = await renderDigestChart(digest);
    const size = pngSize(image.png);
    expect(size).toEqual({ width: CHART_WIDTH_PX, height: image.height });
    expect(size.height).toBeGreaterThan(200);
    // resvg reads the PNG back (as an image inside an SVG) without complaint.
    const href = `data:image/png;base64,${Buffer.from(image.png).toString('base64')}`;
    const back = new Resvg(
      `<svg xmlns="http://www.w3.org/2000/svg" width="90" height="30"><image href="${href}" width="90" height="30"/></svg>`,
    ).render();
    expect([back.width, back.height]).toEqual([90, 30]);
    expect(back.pixels.some((v, i) => i % 4 !== 3 && v < 200)).toBe(true);
  });
});
