// The GL export panel: each period's posted journal as the CSV the sandbox exports, in a table.
import { $, el } from './page.js';

function csvRows(csv) {
  const rows = [];
  for (const line of csv.split('\r\n')) {
    const cells = [];
    const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m[0] !== ''; m = re.exec(line)) {
      const cell = m[1] ?? '';
      cells.push(cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);
      if (m[2] === '') break;
    }
    rows.push(cells);
  }
  return rows;
}

export async function showExport() {
  const panel = $('export');
  const body = $('export-body');
  panel.hidden = false;
  body.replaceChildren(el('p', 'empty', 'Loading…'));
  const result = await (await fetch('/api/export')).json();
  body.replaceChildren();
  if (result.periods.length === 0) body.append(el('p', 'empty', 'Nothing posted yet.'));
  for (const period of result.periods) {
    body.append(el('h3', '', `Period ${period.period}`));
    const table = el('table', 'export-table');
    csvRows(period.csv).forEach((cells, index) => {
      const row = el('tr');
      for (const cell of cells) row.append(el(index === 0 ? 'th' : 'td', '', cell));
      table.append(row);
    });
    body.append(table);
  }
}
