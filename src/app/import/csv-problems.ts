// The import's problems carry JSON paths (`invoices[3].lines[1].due`); for a CSV file the person
// needs the row and column they would fix in a spreadsheet (`row 12, column due`). The rule and
// its wording stay the JSON import's.
import type { ImportProblem } from './ar-file-schema.ts';
import type { CsvColumn, CsvRows } from './csv-feed.ts';

const COLUMN_OF: Readonly<Record<string, CsvColumn>> = {
  number: 'invoice',
  customer: 'customer',
  date: 'date',
  dueDate: 'due_date',
  line: 'line',
  description: 'description',
  due: 'due',
  tax: 'tax',
  retainage: 'retainage',
  financeCharge: 'finance_charge',
  amount: 'amount',
};

const PATH = /^(invoices|onAccount|customers)\[(\d+)\](?:\.lines\[(\d+)\])?(?:\.(\w+))?$/;
const ROW = /^row (\d+)/;

/** Every problem named by row and column, in row order (problems of the file first). */
export function locateCsvProblems(
  problems: readonly ImportProblem[],
  rows: CsvRows,
): ImportProblem[] {
  const located = problems.map((p) => locate(p, rows));
  const rowOf = (p: ImportProblem) => Number(ROW.exec(p.path)?.[1] ?? 0);
  return located
    .map((p, i) => ({ p, i, row: rowOf(p) }))
    .sort((a, b) => a.row - b.row || a.i - b.i)
    .map(({ p }) => p);
}

function locate(problem: ImportProblem, rows: CsvRows): ImportProblem {
  const match = PATH.exec(problem.path);
  if (match === null) return problem;
  const [, array, indexText, lineText, field] = match;
  const index = Number(indexText);
  const row = rowOf(rows, array, index, lineText === undefined ? 0 : Number(lineText));
  if (row === undefined) return problem;
  const column =
    field === undefined
      ? undefined
      : array === 'customers'
        ? field === 'name'
          ? 'customer_name'
          : 'customer'
        : array === 'onAccount' && field === 'id'
          ? 'item'
          : (COLUMN_OF[field] ?? field);
  const path = column === undefined ? `row ${row}` : `row ${row}, column ${column}`;
  return { path, message: rowsInMessage(problem.message, rows, array, index) };
}

function rowOf(rows: CsvRows, array: string | undefined, index: number, line: number) {
  if (array === 'invoices') {
    const first = rows.invoices[index];
    return first === undefined ? undefined : rows.lineRows[first + line];
  }
  if (array === 'onAccount') return rows.onAccount[index];
  return rows.customers[index];
}

// "(first at onAccount[1])", "(also at lines[0])": the JSON messages point at other elements.
function rowsInMessage(message: string, rows: CsvRows, array: string | undefined, index: number) {
  return message
    .replace(/\bfinanceCharge\b/g, 'finance_charge')
    .replace(/(invoices|onAccount|customers)\[(\d+)\]/g, (text, other: string, at: string) => {
      const row = rowOf(rows, other, Number(at), 0);
      return row === undefined ? text : `row ${row}`;
    })
    .replace(/lines\[(\d+)\]/g, (text, at: string) => {
      const row = array === 'invoices' ? rowOf(rows, array, index, Number(at)) : undefined;
      return row === undefined ? text : `row ${row}`;
    });
}
