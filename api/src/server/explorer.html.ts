/**
 * A self-contained GraphQL explorer for browsers at GET /graphql. No CDN, no external fonts or
 * scripts: government intranets are often offline, so hosted explorers (and Apollo's landing page,
 * which loads from a CDN) are out. Textarea + variables + token, Ctrl+Enter runs, and a docs panel
 * built from introspection (click a type to open it).
 */
import { createHash } from 'node:crypto';

export const EXPLORER_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>ASN evaluation GraphQL explorer</title><link rel="icon" href="data:,">
<style>
*{box-sizing:border-box}body{margin:0;font:14px system-ui,sans-serif;display:grid;grid-template-columns:1fr 1fr 320px;height:100vh}
header{grid-column:1/-1;padding:6px 10px;background:#12355b;color:#fff;display:flex;gap:8px;align-items:center}
header input{flex:0 1 320px}section{display:flex;flex-direction:column;min-height:0;border-right:1px solid #ccc}
textarea,pre{flex:1;margin:0;padding:8px;font:13px ui-monospace,monospace;border:0;resize:none;overflow:auto}
label{font-size:12px;padding:4px 8px;background:#eee}#docs{overflow:auto;padding:8px}#docs a{cursor:pointer;color:#12355b}
.f{margin:6px 0}.d{color:#555;font-size:12px}body{grid-template-rows:auto 1fr}button{padding:4px 14px}#vars{flex:0 0 25%}
@media(max-width:800px){body{grid-template-columns:1fr;grid-template-rows:auto}}
</style></head><body>
<header><strong>GraphQL</strong><button id="run" title="Ctrl+Enter">Run ▶</button>
<input id="token" placeholder="Bearer token (optional)" type="password"><span id="status"></span></header>
<section><label>Query</label><textarea id="query" spellcheck="false">{
  snapshot { id publishedAt }
}</textarea><label>Variables (JSON)</label><textarea id="vars" spellcheck="false">{}</textarea></section>
<section><label>Result</label><pre id="out"></pre></section>
<section><label>Docs</label><div id="docs">Loading schema…</div></section>
<script>
const $=id=>document.getElementById(id);
// The query and variables outlive the tab; the bearer token only the browser session (as in the dashboard).
localStorage.removeItem('gx-token');const storeOf=k=>k==='token'?sessionStorage:localStorage;
for(const k of['query','vars','token']){const store=storeOf(k);const v=store.getItem('gx-'+k);if(v)$(k).value=v;$(k).addEventListener('input',()=>store.setItem('gx-'+k,$(k).value));}
async function gql(query,variables){const h={'content-type':'application/json',accept:'application/graphql-response+json, application/json'};
const t=$('token').value.trim();if(t)h.authorization='Bearer '+t;
const r=await fetch(location.pathname,{method:'POST',headers:h,body:JSON.stringify({query,variables})});return{status:r.status,body:await r.json()};}
async function run(){let vars;try{vars=JSON.parse($('vars').value||'{}')}catch(e){$('out').textContent='Variables are not valid JSON: '+e.message;return}
$('status').textContent='…';const t0=performance.now();
try{const r=await gql($('query').value,vars);$('status').textContent=r.status+' in '+Math.round(performance.now()-t0)+' ms';$('out').textContent=JSON.stringify(r.body,null,2);}
catch(e){$('status').textContent='failed';$('out').textContent=String(e)}}
$('run').onclick=run;document.addEventListener('keydown',e=>{if((e.ctrlKey||e.metaKey)&&e.key==='Enter')run()});
const esc=s=>String(s??'').replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));
const tn=t=>t.kind==='NON_NULL'?tn(t.ofType)+'!':t.kind==='LIST'?'['+tn(t.ofType)+']':'<a data-t="'+t.name+'">'+t.name+'</a>';
let types={};function show(name){const t=types[name];if(!t)return;let h='<h3>'+esc(t.name)+'</h3><div class="d">'+esc(t.description)+'</div>';
for(const f of t.fields||t.inputFields||[]){h+='<div class="f"><b>'+esc(f.name)+'</b>'+(f.args&&f.args.length?'('+f.args.map(a=>esc(a.name)+': '+tn(a.type)).join(', ')+')':'')+': '+tn(f.type)+'<div class="d">'+esc(f.description)+'</div></div>'}
for(const v of t.enumValues||[])h+='<div class="f"><b>'+esc(v.name)+'</b><div class="d">'+esc(v.description)+'</div></div>';
$('docs').innerHTML='<a data-t="Query">Query</a> · <a data-t="Mutation">Mutation</a>'+h;}
$('docs').addEventListener('click',e=>{const n=e.target.dataset&&e.target.dataset.t;if(n)show(n)});
gql('{__schema{types{name kind description fields{name description args{name type{...T}} type{...T}} inputFields{name description type{...T}} enumValues{name description}}}} fragment T on __Type{kind name ofType{kind name ofType{kind name ofType{kind name ofType{kind name}}}}}',{})
.then(r=>{if(!r.body.data){$('docs').textContent='Schema docs unavailable (introspection off?)';return}for(const t of r.body.data.__schema.types)types[t.name]=t;show('Query')})
.catch(e=>{$('docs').textContent=String(e)});
</script></body></html>`;

/** CSP source for the one inline element `tag` of the explorer: its text's SHA-256. */
function inlineHash(tag: 'script' | 'style'): string {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(EXPLORER_HTML);
  if (!match) throw new Error(`the explorer has no inline ${tag}`);
  return `'sha256-${createHash('sha256')
    .update(match[1] as string)
    .digest('base64')}'`;
}

/**
 * The explorer's Content-Security-Policy: its own inline script and style by hash (nothing else
 * inline, no style attributes), requests to this origin only, never framed.
 */
export const EXPLORER_CSP = [
  "default-src 'none'",
  `script-src ${inlineHash('script')}`,
  `style-src ${inlineHash('style')}`,
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
