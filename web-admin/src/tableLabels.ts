/**
 * Gives every cell of a `.table` the text of its column's heading as `data-label`, so that
 * reflow.css can show a table as a stacked list on a narrow screen (each cell "Heading: value")
 * without any page having to repeat its headings. One observer for the whole app: tables that
 * appear later, rows that arrive live and headings that change language are labelled again.
 */
function headings(table: HTMLTableElement): string[] {
  const row = table.tHead?.rows[table.tHead.rows.length - 1];
  if (!row) return [];
  const labels: string[] = [];
  for (const cell of Array.from(row.cells)) {
    const text = cell.textContent.replace(/\s+/g, ' ').trim();
    for (let i = 0; i < cell.colSpan; i++) labels.push(text);
  }
  return labels;
}

function labelTable(table: HTMLTableElement): void {
  const labels = headings(table);
  if (!labels.length) return;
  for (const body of [...Array.from(table.tBodies), table.tFoot]) {
    if (!body) continue;
    for (const row of Array.from(body.rows)) {
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        // A cell that spans the whole row (a total's label, a message) stands on its own.
        const label = cell.colSpan > 1 ? '' : (labels[column] ?? '');
        if (cell.getAttribute('data-label') !== label) {
          if (label) cell.setAttribute('data-label', label);
          else cell.removeAttribute('data-label');
        }
        column += cell.colSpan;
      }
    }
  }
}

function labelAll(): void {
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table.table')))
    labelTable(table);
}

/** Labels the tables now and whenever the document changes (batched to one pass per frame). */
export function observeTableLabels(): void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      labelAll();
    });
  };
  // Setting data-label is an attribute change, which this observer does not watch: no loop.
  new MutationObserver(schedule).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
  });
  schedule();
}
