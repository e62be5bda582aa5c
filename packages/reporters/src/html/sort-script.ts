/**
 * The page's only script, inlined: click a column header of a `table.sortable` to sort its rows by that
 * column (numbers by `data-value`, text otherwise; empty values last), click again to reverse. The header's
 * `aria-sort` says the current order. Plain DOM code — a sorting library would be larger than this.
 */
export const SORT_SCRIPT = `
(function () {
  function key(cell, numeric) {
    if (!cell) return null;
    var raw = cell.getAttribute('data-value');
    if (raw === null) raw = cell.textContent.trim();
    if (raw === '') return null;
    if (!numeric) return raw.toLowerCase();
    var v = parseFloat(raw);
    return isNaN(v) ? null : v;
  }
  function sortBy(table, th) {
    var headers = Array.prototype.slice.call(th.parentNode.children);
    var col = headers.indexOf(th);
    var numeric = th.getAttribute('data-type') === 'number';
    var dir = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
    headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
    th.setAttribute('aria-sort', dir);
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (r, i) { return { r: r, i: i, k: key(r.cells[col], numeric) }; });
    rows.sort(function (a, b) {
      if (a.k === null && b.k === null) return a.i - b.i;
      if (a.k === null) return 1;
      if (b.k === null) return -1;
      var c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
      return (dir === 'ascending' ? c : -c) || a.i - b.i;
    });
    rows.forEach(function (x) { body.appendChild(x.r); });
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    table.querySelectorAll('thead th').forEach(function (th) {
      th.addEventListener('click', function () { sortBy(table, th); });
      th.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, th); } });
    });
  });
})();
`;
