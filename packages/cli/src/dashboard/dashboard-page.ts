import { dashboardScript } from './dashboard-script.js';
import { dashboardStyle } from './dashboard-style.js';
import { escapeHtml } from './html-escape.js';

/** What the page needs from the server. */
export interface DashboardPageOptions {
  /** The CSP nonce that lets exactly this page's inline script and style run. */
  readonly nonce: string;
  /** The database path, shown in the header (escaped). */
  readonly database: string;
  /** Whether API calls need the token the page reads from `#token=`. */
  readonly tokenRequired: boolean;
}

/**
 * The whole dashboard as one HTML document: markup skeleton, inline style and script, no
 * external resources, so it works offline and under `default-src 'none'`. The only
 * user-supplied string rendered by the server is the database path, escaped; the script fills
 * in everything else with `textContent`.
 */
export function renderDashboardPage(options: DashboardPageOptions): string {
  const nonce = escapeHtml(options.nonce);
  const database = escapeHtml(options.database);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>workmanager · ${database}</title>
<style nonce="${nonce}">${dashboardStyle}</style>
</head>
<body data-token-required="${options.tokenRequired ? 'true' : 'false'}">
<header class="top">
  <div class="brand"><span class="logo">◆</span> workmanager</div>
  <div class="db" title="${database}" data-testid="database">${database}</div>
  <div class="live" data-testid="live-status" data-live="false">connecting…</div>
</header>
<main>
  <section class="counts" data-testid="counts"></section>
  <section class="toolbar">
    <label>State <select id="f-state" data-testid="filter-state"><option value="">all</option></select></label>
    <label>Tag <input id="f-tag" data-testid="filter-tag" placeholder="any tag" autocomplete="off"></label>
    <label>Unique name <input id="f-name" data-testid="filter-name" placeholder="any name" autocomplete="off"></label>
    <label>Search <input id="f-text" data-testid="filter-text" placeholder="id or worker" autocomplete="off"></label>
    <span class="spacer"></span>
    <button id="cancel-tag" data-testid="cancel-tag" class="danger" title="Cancel every unfinished work with the tag in the Tag field">Cancel tag</button>
    <button id="cancel-name" data-testid="cancel-name" class="danger" title="Cancel the unique work named in the Unique name field">Cancel name</button>
    <button id="prune" data-testid="prune" title="Delete finished work that nothing unfinished depends on">Prune finished</button>
  </section>
  <div class="notice" data-testid="notice" hidden></div>
  <div class="layout">
    <section class="works">
      <table data-testid="works-table">
        <thead><tr><th>Work</th><th>Worker</th><th>State</th><th>Attempts</th><th>Progress</th><th>Next run</th><th>Tags</th><th>Unique name</th></tr></thead>
        <tbody id="rows"></tbody>
      </table>
      <div class="pager"><button id="prev" data-testid="prev-page">‹ Newer</button><span id="page-label" data-testid="page-label"></span><button id="next" data-testid="next-page">Older ›</button></div>
    </section>
    <aside class="detail" data-testid="detail" hidden></aside>
  </div>
  <section class="timeline">
    <h2>Recent runs <small>seen since this dashboard started</small></h2>
    <div id="timeline" data-testid="timeline"></div>
    <ol id="transitions" class="transitions" data-testid="transitions"></ol>
  </section>
</main>
<script nonce="${nonce}">${dashboardScript}</script>
</body>
</html>
`;
}
