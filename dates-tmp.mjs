import { readFileSync } from 'node:fs';
const dir='/work/shared/datasets/article-extraction-modern-dev';
const g=JSON.parse(readFileSync(dir+'/ground-truth.json','utf8'));
const ids=process.argv.slice(2);
const M=['January','February','March','April','May','June','July','August','September','October','November','December'];
for (const id of ids) {
  const html=readFileSync(`${dir}/html/${id}.html`,'utf8');
  const [y,m,d]=g[id].publish_date.split('-').map(Number);
  const pats=[g[id].publish_date, `${M[m-1]} ${d}, ${y}`, `${M[m-1].slice(0,3)} ${d}, ${y}`,`${d} ${M[m-1]} ${y}`, `${M[m-1].slice(0,3)} ${String(d).padStart(2,'0')}, ${y}`, `${String(m).padStart(2,'0')}/${String(d).padStart(2,'0')}/${y}`, `${d} ${M[m-1].slice(0,3)} ${y}`, `${M[m-1]} ${String(d).padStart(2,'0')}, ${y}`];
  const out=[];
  for (const p of pats){ let i=html.indexOf(p); let n=0; while(i>=0&&n<2){ out.push(html.slice(Math.max(0,i-120),i+p.length+20).replace(/\s+/g,' ')); i=html.indexOf(p,i+1); n++; } }
  console.log('==',id,g[id].publish_date, out.length); for (const o of out.slice(0,3)) console.log('   ',o);
}
