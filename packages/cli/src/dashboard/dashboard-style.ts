/** The dashboard's stylesheet, inlined into the page (no external CSS under the CSP). */
export const dashboardStyle = `
:root { --bg:#f6f7f9; --panel:#fff; --ink:#1d2330; --muted:#6b7385; --line:#e3e6ec;
  --ENQUEUED:#3b82f6; --RUNNING:#8b5cf6; --SUCCEEDED:#16a34a; --FAILED:#dc2626; --BLOCKED:#a3a3a3; --CANCELLED:#f59e0b; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; background:var(--bg); color:var(--ink); }
header.top { display:flex; align-items:center; gap:16px; padding:10px 20px; background:#151a26; color:#e8ebf2; }
.brand { font-weight:700; font-size:16px; letter-spacing:.3px; } .logo { color:#8b5cf6; }
.db { font-family:ui-monospace,Menlo,monospace; font-size:12px; color:#aab2c5; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; flex:1; }
.live { font-size:12px; padding:2px 10px; border-radius:10px; background:#3a2f12; color:#f5c451; }
.live[data-live="true"] { background:#12351f; color:#5fd68a; }
main { padding:16px 20px 40px; }
.counts { display:grid; grid-template-columns:repeat(7,minmax(0,1fr)); gap:10px; margin-bottom:14px; }
.count { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:10px 12px; cursor:pointer; border-top:4px solid var(--c,#334); text-align:left; font:inherit; color:inherit; }
.count[aria-pressed="true"] { outline:2px solid var(--c,#334); }
.count .n { font-size:24px; font-weight:700; } .count .l { font-size:11px; color:var(--muted); letter-spacing:.6px; }
.toolbar { display:flex; flex-wrap:wrap; align-items:end; gap:10px; margin-bottom:10px; }
.toolbar label { display:flex; flex-direction:column; font-size:11px; color:var(--muted); gap:2px; }
input, select { font:inherit; padding:5px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; min-width:130px; }
button { font:inherit; padding:6px 12px; border:1px solid var(--line); border-radius:6px; background:#fff; cursor:pointer; }
button:hover { background:#eef1f6; } button:disabled { opacity:.45; cursor:default; }
button.danger { color:#b91c1c; border-color:#f1c4c4; } button.danger:hover { background:#fdeeee; }
.spacer { flex:1; }
.notice { margin:0 0 10px; padding:8px 12px; border-radius:6px; background:#eef6ff; border:1px solid #c7defa; }
.notice.error { background:#fdeeee; border-color:#f1c4c4; }
.layout { display:flex; gap:14px; align-items:flex-start; }
.works { flex:1; min-width:0; background:var(--panel); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
table { width:100%; border-collapse:collapse; }
th { text-align:left; font-size:11px; letter-spacing:.5px; color:var(--muted); font-weight:600; padding:8px 10px; border-bottom:1px solid var(--line); background:#fafbfc; }
td { padding:7px 10px; border-bottom:1px solid #f0f2f5; vertical-align:middle; max-width:220px; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
tbody tr { cursor:pointer; } tbody tr:hover { background:#f7f8fb; } tbody tr.selected { background:#eef0ff; }
td.mono, .mono { font-family:ui-monospace,Menlo,monospace; font-size:12px; }
.badge { display:inline-block; padding:1px 8px; border-radius:10px; font-size:11px; font-weight:600; color:#fff; background:var(--c,#888); }
.chip { display:inline-block; padding:0 6px; margin-right:4px; border-radius:4px; background:#eef1f6; font-size:12px; }
.bar { display:inline-block; width:90px; height:8px; border-radius:4px; background:#e7e9ef; overflow:hidden; vertical-align:middle; }
.bar > span { display:block; height:100%; background:var(--RUNNING); }
.pct { font-size:11px; color:var(--muted); margin-left:6px; }
.empty { padding:24px; text-align:center; color:var(--muted); }
.pager { display:flex; align-items:center; justify-content:center; gap:12px; padding:8px; }
.detail { width:460px; flex:none; background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:14px 16px; }
.detail h2 { margin:0 0 4px; font-size:16px; display:flex; align-items:center; gap:8px; }
.detail h3 { margin:14px 0 6px; font-size:12px; color:var(--muted); text-transform:uppercase; letter-spacing:.6px; }
.detail dl { display:grid; grid-template-columns:120px 1fr; gap:3px 10px; margin:8px 0; }
.detail dt { color:var(--muted); font-size:12px; } .detail dd { margin:0; word-break:break-all; }
.detail pre { margin:0; padding:8px; background:#f6f7f9; border-radius:6px; font-size:12px; white-space:pre-wrap; word-break:break-all; max-height:160px; overflow:auto; }
.actions { display:flex; flex-wrap:wrap; gap:6px; margin-top:12px; }
.chain { width:100%; overflow-x:auto; border:1px solid var(--line); border-radius:6px; background:#fbfcfd; }
.chain svg { display:block; max-width:100%; height:auto; }
.chain g.node { cursor:pointer; }
.timeline { margin-top:16px; background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.timeline h2 { font-size:14px; margin:0 0 8px; } .timeline h2 small { color:var(--muted); font-weight:400; }
.transitions { list-style:none; margin:8px 0 0; padding:0; max-height:180px; overflow:auto; font-size:12px; }
.transitions li { padding:2px 0; border-bottom:1px dashed #eef0f3; }
.transitions time { color:var(--muted); margin-right:8px; font-family:ui-monospace,Menlo,monospace; }
`;
