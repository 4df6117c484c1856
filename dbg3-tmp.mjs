import { readFileSync } from 'node:fs';
import { parseHtml, elements, isElement } from './dist/extractors/content/dom.js';
import { pruneJunk, dropBoilerplate } from './dist/extractors/content/clean.js';
import { computeStats } from './dist/extractors/content/stats.js';
import { selectArticle } from './dist/extractors/content/score.js';
const id=process.argv[2];
const html=readFileSync(`/work/shared/datasets/article-extraction-modern-dev/html/${id}.html`,'utf8');
const root=parseHtml(html); pruneJunk(root);
const st=dropBoilerplate(root, computeStats(root));
const sel=selectArticle(elements(root), st);
let n=sel.top; const tot=st.get(root).prose;
for (let i=0;i<6&&n;i++){ const s=st.get(n); console.log('up',i,n.name,(n.attribs.class||'').slice(0,60),'prose',s.prose,'/',tot,'ld',(s.link/s.text).toFixed(2),'kids',n.children.filter(isElement).map(c=>c.name+':'+(st.get(c)?.prose??0)).slice(0,12).join(' ')); n=n.parent; }
