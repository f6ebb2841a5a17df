// 页面响应时间测量（不是 CI 测试）：对运行中的 jixiao 依次请求主要页面，打印每页 p50/p99。
//
//   node tests/e2e/page-times.mjs <base-url> [用户名 口令] [次数，默认 50]
//
// 用 1 M 指标数据集（bench/load.sh 或 cargo run --example bench_data 生成）启动 release 版
// `jixiao serve` 后运行；在本机回环地址上测得的时间即服务端时间加上一次本机往返。
// 环境变量 PAGES=待办,首页 只测名称含其中某个词的页面；SEARCH_YEAR=2021 让“两个词、限年度”的搜索换一个年度。
// 环境变量 JIXIAO_PID 给出服务进程号时，另打印每次请求服务进程平均用的 CPU 毫秒数
// （/proc/PID/stat 的 utime + stime；机器忙时墙钟时间主要是排队，CPU 时间少受影响）。
import { readFileSync } from 'node:fs';
const [base, user, password, countArg] = process.argv.slice(2);
if (!base) {
  console.error('用法：node page-times.mjs <base-url> [用户名 口令] [次数]');
  process.exit(2);
}
const count = Number(countArg || 50);
let cookie = '';
if (user) {
  // The login form carries a token that must match its cookie (login CSRF protection).
  const form = await fetch(`${base}/login`);
  const loginCookie = (form.headers.getSetCookie() || []).map((c) => c.split(';')[0]).find((c) => c.startsWith('jixiao_login='));
  const token = (await form.text()).match(/name="_login" value="([0-9a-f]{64})"/)[1];
  const r = await fetch(`${base}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ username: user, password, next: '/', _login: token }),
  });
  cookie = (r.headers.getSetCookie() || []).map((c) => c.split(';')[0]).join('; ');
  if (!cookie.includes('jixiao_session=')) { console.error(`登录失败：${r.status}`); process.exit(1); }
}
const get = async (path) => {
  const started = process.hrtime.bigint();
  const r = await fetch(base + path, { headers: cookie ? { cookie } : {} });
  const body = await r.text();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 200) throw new Error(`${path} 返回 ${r.status}：${body.slice(0, 300)}`);
  return { ms, body };
};
const home = (await get('/')).body;
const dept = home.match(/href="\/departments\/(\d+)\?year=(\d+)"/);
if (!dept) { console.error('首页上没有部门链接：数据库是空的吗？'); process.exit(1); }
const deptPage = (await get(`/departments/${dept[1]}?year=${dept[2]}`)).body;
const project = deptPage.match(/href="\/projects\/(\d+)"/)[1];
// SEARCH_YEAR=2021 searches another year than the first department link's (a year where the
// words have no hits: the indicator search of bench/README.md, migration 0019).
const searchYear = process.env.SEARCH_YEAR || dept[2];
const pages = [
  ['首页/仪表盘', '/'],
  ['部门', `/departments/${dept[1]}?year=${dept[2]}`],
  ['项目（绩效目标表）', `/projects/${project}`],
  ['搜索（项目与指标）', `/search?q=${encodeURIComponent('培训')}`],
  ['搜索（两个词、限年度）', `/search?q=${encodeURIComponent('安全 检查')}&year=${searchYear}`],
  ['指标值校验（htmx）', `/ui/check-target?level1=${encodeURIComponent('产出指标')}&level2=${encodeURIComponent('数量指标')}&level3=${encodeURIComponent('培训人次')}&op=${encodeURIComponent('≥')}&number=95&unit=%25`],
  ['登录页', '/login'],
  // The indicator library's pages (issue 18): the first request builds the library's snapshot
  // of this viewer (tens of seconds with 1 M indicators); the warm-up takes it.
  ['指标库', '/library'],
  ['指标建议（新项目名称）', `/library/suggest?name=${encodeURIComponent('安全生产宣传培训')}`],
  ['指标建议（某项目，不含它自己）', `/library/suggest?project=${project}`],
  ['跨年度对比', `/compare/project?id=${project}`],
  ['部门对比', `/compare/departments?year=${dept[2]}`],
];
// Signed in: the work queue (bench_data approves every project: put some back to 提交 first
// for a queue worth the name, e.g. `UPDATE projects SET status = 'submitted' WHERE id % 10 = 0`).
if (user) pages.push(['待办', '/queue'], ['待办（限年度）', `/queue?year=${dept[2]}`], ['待办（第 5 页）', '/queue?page=5'], ['新建绩效目标表', '/drafts/new']);
// An administrator's pages (issue 17): 系统管理 (users, fiscal years with their counts, the audit
// log, filtered: add entries for a log worth the name, see bench/README.md). 新建绩效目标表 above:
// a filler's lists their department's earlier projects, an administrator's every department.
if (home.includes('id="nav-admin"')) {
  pages.push(['系统管理·用户', '/admin/users'], ['系统管理·预算年度', '/admin/years'], ['审计日志', '/admin/audit'],
    ['审计日志（项目、第 3 页）', '/admin/audit?entity=project&page=3'], ['审计日志（某个项目）', `/admin/audit?entity=project&entity_id=${project}`],
    ['审计日志（某月、某用户）', '/admin/audit?from=2026-03-01&to=2026-03-31&user=1']);
}
const serverPid = process.env.JIXIAO_PID;
// CPU milliseconds the server process has used so far (clock ticks of 10 ms).
const serverCpu = () => {
  if (!serverPid) return 0;
  const rest = readFileSync(`/proc/${serverPid}/stat`, 'utf8').split(')').pop().trim().split(/\s+/);
  return (Number(rest[11]) + Number(rest[12])) * 10;
};
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
// PAGES=待办,首页 measures only the pages whose name contains one of the words.
const only = (process.env.PAGES || '').split(',').filter(Boolean);
const measured = only.length ? pages.filter(([name]) => only.some((w) => name.includes(w))) : pages;
console.log(`身份：${user || '公众'}；每页 ${count} 次（先预热 3 次）`);
console.log(`页面\tp50 ms\tp99 ms\t最大 ms${serverPid ? '\t服务 CPU ms/次' : ''}`);
for (const [name, path] of measured) {
  for (let i = 0; i < 3; i++) await get(path);
  const times = [];
  const cpu = serverCpu();
  for (let i = 0; i < count; i++) times.push((await get(path)).ms);
  const cpuPer = (serverCpu() - cpu) / count;
  times.sort((a, b) => a - b);
  console.log(`${name}\t${pct(times, 50).toFixed(1)}\t${pct(times, 99).toFixed(1)}\t${times[times.length - 1].toFixed(1)}${serverPid ? `\t${cpuPer.toFixed(1)}` : ''}`);
}
