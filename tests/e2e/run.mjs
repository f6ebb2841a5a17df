// 浏览器端到端测试：真实 Chromium 走一遍 jixiao 的网页。
//
//   node tests/e2e/run.mjs <base-url>
//
// 由 crates/server/tests/browser.rs 启动（全新 SQLite 数据库、已知用户），环境变量：
//   JIXIAO_E2E_PASSWORD  所有测试用户的口令
//   JIXIAO_E2E_SEED      要上传的种子文档（部门 A 的）
//   JIXIAO_E2E_SHOTS     截图目录（docs/screenshots）
// 流程：登录（先错后对；公众页“登录”按钮清晰可见）→ 上传多个文件（种子改了合计 + 一个坏文件）→
// 文档整体的审核发现在部门页、项目页和首页计数中 → 看绩效目标表 → 编辑指标值（先出校验错误，改正后
// 提示消失，再保存）→ 保存冲突显示双方版本 → 提交 → 审核员（菜单无“上传导入”）在行内写意见、批准 →
// 一次提交全部草稿（先确认，数目正确）→ 退回 → 待办：填报员看被退回，审核员批量批准 → 公众可见 →
// 外部门填报员修改被拒 → 搜索 → 运行监控（超支亮红灯）→ … → 新建绩效目标表 → 下载预填的申报表模板并导入 →
// 起草时的指标建议（输入项目名称，添加一条建议并保存）→
// 新建部门整体支出绩效目标表（在部门页看到）→ 提交、审核员批准后公开 →
// 对比（跨年度、部门）→ 复制上一年度（项目页、起草页）、提交，审核员一条意见批量退回 →
// 管理员截止 2024 年度，填报员不能再修改该年度的项目，重新开放后又能修改。每一步失败都以中文说明退出，退出码非 0。
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

const base = process.argv[2];
const password = process.env.JIXIAO_E2E_PASSWORD;
const seed = process.env.JIXIAO_E2E_SEED;
const shots = process.env.JIXIAO_E2E_SHOTS;
// The other seeds beside the uploaded one.
const seedDir = seed ? seed.replace(/[^/]+$/, '') : '';
if (!base || !password || !seed || !shots) {
  console.error('用法：node run.mjs <base-url>，并设置 JIXIAO_E2E_PASSWORD、JIXIAO_E2E_SEED、JIXIAO_E2E_SHOTS');
  process.exit(2);
}

// A non-persistent launch: Playwright gives Chromium a fresh, temporary user-data-dir.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => console.error(`页面脚本出错：${e.message}`));
  // The Content-Security-Policy allows no inline script: whatever it blocks is a defect.
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(`${page.url()}：${m.text()}`); });
  return page;
}

let passed = 0;
let failed = 0;
const cspViolations = [];
// The page of the step in progress: on failure its screenshot and text help find the cause.
let current = null;
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    passed++;
    console.log(`✓ ${name}（${Date.now() - started} ms）`);
  } catch (e) {
    failed++;
    console.error(`✗ ${name}：${e.stack || e}`);
    if (current) {
      const failedShot = join(tmpdir(), 'jixiao-e2e-failed.png');
      await current.screenshot({ path: failedShot, fullPage: true }).catch(() => {});
      console.error(`失败时的截图：${failedShot}`);
      console.error(`失败时的页面（${current.url()}）：\n${(await current.textContent('main').catch(() => '')).slice(0, 3000)}`);
    }
    throw e;
  }
}
async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage });
}

// Each user in a fresh browser context (own cookies), as two people on two machines.
async function signIn(username) {
  const page = await newPage();
  await page.goto(`${base}/login`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
  assert.match(await page.textContent('#who'), /（/);
  return page;
}

let projectUrl = '';
let documentId = '';
let deptUrl = '';
try {
  const anon = await newPage();

  await step('登录：错误口令显示中文提示，正确口令进入首页', async () => {
    await anon.goto(`${base}/login`);
    await anon.fill('input[name=username]', 'filler_a');
    await anon.fill('input[name=password]', '错误的口令');
    await anon.click('button[type=submit]');
    assert.equal((await anon.textContent('#login-error')).trim(), '用户名或口令错误。');
    await shot(anon, 'login', false);
  });

  await step('公众页面：右上角“登录”按钮文字清晰可见（不是白底白字）', async () => {
    await anon.goto(`${base}/`);
    const contrast = await anon.$eval('#login-link', (a) => {
      const rgb = (c) => c.match(/\d+(\.\d+)?/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
        .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const st = getComputedStyle(a);
      const [l1, l2] = [lum(rgb(st.color)), lum(rgb(st.backgroundColor))].sort((x, y) => y - x);
      return (l1 + 0.05) / (l2 + 0.05);
    });
    assert.ok(contrast >= 4.5, `“登录”按钮的文字与底色对比度只有 ${contrast.toFixed(2)}`);
    await anon.goto(`${base}/search`);
    assert.equal((await anon.textContent('#login-link')).trim(), '登录');
  });

  const filler = await signIn('filler_a');

  await step('上传导入：一次两个文件，逐个显示结果、读取诊断与审核意见', async () => {
    await filler.goto(`${base}/upload`);
    const bad = { name: '不是绩效目标.txt', mimeType: 'text/plain', buffer: Buffer.from('这是一份会议通知，与绩效目标无关。\n') };
    // The seed with its printed 合计 changed: a finding about the document as a whole (JX-A003).
    const text = readFileSync(seed, 'utf8');
    assert.ok(text.includes('合计:\t\t135.99'), '种子文档应印有合计 135.99');
    const good = { name: basename(seed), mimeType: 'text/plain', buffer: Buffer.from(text.replace('合计:\t\t135.99', '合计:\t\t140.99')) };
    await filler.setInputFiles('#files', [good, bad]);
    await filler.waitForFunction(() => document.querySelectorAll('.outcome[data-done=yes]').length === 2, null, { timeout: 30000 });
    const cards = await filler.$$eval('.outcome', (cs) => cs.map((c) => ({
      outcome: c.dataset.outcome, text: c.querySelector('.result').textContent, findings: c.querySelector('.findings summary').textContent,
    })));
    assert.equal(cards[0].outcome, 'ok', cards[0].text);
    documentId = await filler.getAttribute('.outcome >> nth=0', 'data-document');
    assert.match(cards[0].text, /已导入：修订版 1，\d+ 个项目，\d+ 条指标/);
    assert.match(cards[0].findings, /审核意见（\d+）/);
    assert.equal(cards[1].outcome, 'failed');
    assert.match(cards[1].text, /^未导入：/);
    // 读取报告: rows read, each project with its confidence, linked to its page once imported.
    const reading = await filler.$eval('.outcome >> nth=0', (c) => ({
      hidden: c.querySelector('.reading').hidden, rows: c.querySelector('.reading-rows').textContent,
      projects: c.querySelectorAll('.reading-projects tbody tr').length,
      links: Array.from(c.querySelectorAll('.reading-projects a.reading-project')).map((a) => a.getAttribute('href')),
      levels: Array.from(c.querySelectorAll('.reading-projects td.confidence')).map((td) => td.textContent),
    }));
    assert.equal(reading.hidden, false);
    assert.match(reading.rows, /^读出 \d+ 条指标行，\d+ 个项目/);
    assert.ok(reading.projects > 1, JSON.stringify(reading));
    assert.equal(reading.links.length, reading.projects, `每个项目都链接到项目页：${JSON.stringify(reading)}`);
    reading.links.forEach((href) => assert.match(href, /^\/projects\/\d+$/));
    reading.levels.forEach((l) => assert.match(l, /^[高中低]（\d+%）$/));
    assert.equal(await filler.$eval('.outcome >> nth=1', (c) => c.querySelector('.reading').hidden), true, '未读出的文件没有读取报告');
    await filler.$$eval('.outcome details', (ds) => ds.forEach((d) => { d.open = true; }));
    await shot(filler, 'upload', false);
  });

  await step('文档整体的审核发现（合计不符）：部门页、项目页都显示，首页计数包含它', async () => {
    const all = await filler.evaluate(async (doc) => (await (await fetch(`/api/v1/findings?document=${doc}&per_page=200`)).json()), documentId);
    assert.ok(all.items.some((f) => f.rule === 'JX-A003'), `应有 JX-A003：${JSON.stringify(all.items.map((f) => f.rule))}`);
    await filler.goto(`${base}/`);
    assert.equal((await filler.textContent('#tile-findings')).trim(), String(all.total), '首页“审核发现”应包含文档整体的发现');
    await filler.click('#departments a');
    assert.match(await filler.textContent('#document-findings'), /各项目预算数之和为135\.99万元，与表中合计140\.99万元不符/);
    await filler.click('#projects tbody a');
    assert.match(await filler.textContent('#document-findings'), /与表中合计140\.99万元不符/);
  });

  await step('首页与部门页：统计、图表与项目列表', async () => {
    await filler.goto(`${base}/`);
    await filler.waitForSelector('body[data-charts-ready=yes]');
    assert.notEqual((await filler.textContent('#tile-projects')).trim(), '0');
    const link = await filler.$('#departments a');
    deptUrl = base + (await link.getAttribute('href'));
    await filler.goto(deptUrl);
    assert.ok((await filler.$$('#projects tbody tr')).length > 0);
    await shot(filler, 'department');
    projectUrl = base + (await filler.getAttribute('#projects tbody a', 'href'));
  });

  await step('项目页：绩效目标表（合并的一级/二级单元格、审核意见在行上）', async () => {
    await filler.goto(projectUrl);
    const heads = await filler.$$eval('#indicators thead th', (ths) => ths.map((t) => t.textContent.trim()));
    assert.deepEqual(heads.slice(0, 4), ['一级指标', '二级指标', '三级指标', '指标值']);
    assert.ok((await filler.$$('#indicators td.merged[rowspan]')).length > 0, '应有合并单元格');
    await shot(filler, 'project');
  });

  await step('编辑指标值：先出校验错误、不能保存，再填正确值保存', async () => {
    await filler.click('.edit-row >> nth=0');
    await filler.selectOption('#editor-form select[name=op]', '≥');
    await filler.fill('#editor-form input[name=number]', '九十五');
    await filler.waitForSelector('#check-result .check-errors');
    assert.match(await filler.textContent('#check-result'), /指标值的数值应为数字（如 95 或 12\.5），实际为“九十五”。/);
    await filler.click('#editor-save');
    await filler.waitForSelector('#editor-error:not([hidden])');
    assert.equal((await filler.textContent('#editor-error')).trim(), '请先改正指标值中的错误再保存。');
    await shot(filler, 'edit-validation', false);
    await filler.fill('#editor-form input[name=number]', '95');
    await filler.fill('#editor-form input[name=unit]', '%');
    await filler.waitForSelector('#check-result .check-ok[data-printed="≥95%"]');
    // Fixed: the request to correct the value is gone before saving.
    await filler.waitForSelector('#editor-error', { state: 'hidden' });
    await Promise.all([filler.waitForEvent('load'), filler.click('#editor-save')]);
    assert.equal((await filler.textContent('#indicators tbody tr:first-child td.target')).trim(), '≥95%');
    // The history names the indicator and shows the value before and after.
    assert.match(await filler.textContent('#history'), /修改指标“[^”]+”\s*指标值[^→]*→≥95%/);
  });

  await step('保存冲突：他人先保存时并列显示两个版本', async () => {
    await filler.click('.edit-row >> nth=0');
    // Someone else saves the same row first (same version the editor holds).
    const id = await filler.inputValue('#editor-form input[name=id]');
    const version = Number(await filler.inputValue('#editor-form input[name=version]'));
    const status = await filler.evaluate(async ([id, version]) => {
      const csrf = document.querySelector('meta[name="csrf-token"]').content;
      const r = await fetch(`/api/v1/indicators/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ version, target: '≥90%' }) });
      return r.status;
    }, [id, version]);
    assert.equal(status, 200);
    await filler.fill('#editor-form input[name=number]', '98');
    await filler.waitForSelector('#check-result .check-ok[data-printed="≥98%"]');
    await filler.click('#editor-save');
    await filler.waitForSelector('#conflict:not([hidden]) table');
    const text = await filler.textContent('#conflict');
    assert.match(text, /他人已保存了这条指标/);
    assert.match(text, /≥98%/);
    assert.match(text, /≥90%/);
    await shot(filler, 'edit-conflict', false);
    await Promise.all([filler.waitForEvent('load'), filler.click('#take-theirs')]);
    assert.equal((await filler.textContent('#indicators tbody tr:first-child td.target')).trim(), '≥90%');
  });

  await step('提交审核（部门填报员）：先列出审核发现，有错误须写理由，再确认', async () => {
    const errors = Number(await filler.getAttribute('#submit-project', 'data-errors'));
    console.log(`  （该项目有错误级审核发现 ${errors} 条）`);
    assert.match(await filler.textContent('#submit-findings'), new RegExp(`错误 ${errors} 条、警告 \\d+ 条`));
    if (errors > 0) {
      await filler.click('#submit-project');
      await filler.waitForSelector('#flash.bad:not([hidden])');
      assert.match(await filler.textContent('#flash'), /错误级审核发现：请先改正，或在提交说明中写明/);
      assert.ok(await filler.isHidden('#submit-confirm'), '没写理由不应进入确认');
    }
    await filler.fill('#submit-comment', '请审核。');
    await filler.click('#submit-project');
    await filler.waitForSelector('#submit-confirm:not([hidden])');
    assert.equal((await filler.textContent('#workflow .status')).trim(), '草稿', '确认之前不提交');
    await Promise.all([filler.waitForEvent('load'), filler.click('#submit-confirm-go')]);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '已提交');
    assert.equal(await filler.$('.edit-row'), null, '提交后不能再编辑');
  });

  const reviewer = await signIn('reviewer');
  await step('审核员：行上发表意见，批准；双方都看到状态和意见', async () => {
    await reviewer.goto(projectUrl);
    assert.equal(await reviewer.$('.edit-row'), null, '审核员不能编辑');
    assert.equal(await reviewer.$('#nav-upload'), null, '审核员不能导入，菜单里不应有“上传导入”');
    assert.ok(await filler.$('#nav-upload'), '填报员的菜单里有“上传导入”');
    const dialogs = [];
    reviewer.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
    await reviewer.click('.comment-row >> nth=0');
    await reviewer.fill('#indicators tbody tr:first-child .row-comment textarea', '请补充该指标的确定依据。');
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#indicators tbody tr:first-child .row-comment button[type=submit]')]);
    assert.deepEqual(dialogs, [], '行意见应在页面内填写，不用浏览器弹窗');
    assert.match(await reviewer.textContent('#indicators tbody tr:first-child .col-review'), /请补充该指标的确定依据。/);
    await reviewer.fill('#review-comment', '目标明确，同意。');
    await shot(reviewer, 'review');
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#approve-project')]);
    assert.equal((await reviewer.textContent('#workflow .status')).trim(), '已批准');
    await filler.reload();
    assert.match(await filler.textContent('#comments'), /目标明确，同意。/);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '已批准');
    await reviewer.goto(`${base}/`);
    await reviewer.waitForSelector('body[data-charts-ready=yes]');
    // The dashboard's cached figures follow the approval just made.
    assert.match(await reviewer.textContent('.mini'), /已提交\s*0\s*已退回\s*0\s*已批准\s*1/);
    await shot(reviewer, 'dashboard');
  });

  await step('部门填报员一次提交本部门全部草稿；审核员退回须写意见', async () => {
    await filler.goto(deptUrl);
    const drafts = (await filler.$$eval('#projects tbody .status', (s) => s.filter((x) => x.textContent.trim() === '草稿').length));
    assert.ok(drafts > 0, '部门应还有草稿');
    // The department's draft 部门整体 tables go with its projects.
    const tables = await filler.$$eval('.department-table > p.hint .status', (s) => s.filter((x) => x.textContent.trim() === '草稿').length);
    const what = [drafts ? `${drafts} 个项目` : '', tables ? `${tables} 张部门整体表` : ''].filter(Boolean).join('、');
    assert.equal((await filler.textContent('#submit-all')).trim(), `提交本部门全部草稿（${what}）`);
    // The button asks first: nothing is submitted until confirmed.
    await filler.click('#submit-all');
    await filler.waitForSelector('#submit-all-confirm:not([hidden])');
    assert.equal((await filler.$$('#submit-all-list li')).length, drafts + tables);
    await filler.click('#submit-all-cancel');
    await filler.reload();
    assert.equal(await filler.$$eval('#projects tbody .status', (s) => s.filter((x) => x.textContent.trim() === '草稿').length), drafts, '取消后不应提交');
    await filler.click('#submit-all');
    const withErrors = Number(await filler.getAttribute('#submit-all-go', 'data-errors'));
    console.log(`  （待提交的项目共有错误级审核发现 ${withErrors} 条）`);
    if (withErrors > 0) {
      await filler.click('#submit-all-go');
      await filler.waitForSelector('#flash.bad:not([hidden])');
      assert.match(await filler.textContent('#flash'), /错误级审核发现：请先改正，或在提交说明中写明理由/);
    }
    await filler.fill('#submit-all-reason', '错误已与审核员沟通，按原表提交。');
    await shot(filler, 'submit-all-confirm', false);
    await Promise.all([filler.waitForEvent('load'), filler.click('#submit-all-go')]);
    const statuses = await filler.$$eval('#projects tbody .status, .department-table > p.hint .status', (s) => s.map((x) => x.textContent.trim()));
    assert.ok(!statuses.includes('草稿'), `提交后仍有草稿：${statuses}`);
    const second = base + (await filler.$$eval('#projects tbody tr', (rows) =>
      rows.find((r) => r.querySelector('.status').textContent.trim() === '已提交').querySelector('a').getAttribute('href')));
    await reviewer.goto(second);
    await reviewer.click('#return-project');
    await reviewer.waitForSelector('#flash.bad:not([hidden])');
    assert.equal((await reviewer.textContent('#flash')).trim(), '退回时须填写意见（comment），说明需要修改什么。');
    await reviewer.fill('#review-comment', '成本指标缺少依据，请补充。');
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#return-project')]);
    assert.equal((await reviewer.textContent('#workflow .status')).trim(), '已退回');
    await filler.goto(second);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '已退回');
    assert.match(await filler.textContent('#comments'), /成本指标缺少依据，请补充。/);
    assert.ok(await filler.$('.edit-row'), '退回后填报员可以再修改');
    await filler.emulateMedia({ media: 'print' });
    await shot(filler, 'project-print');
    await filler.emulateMedia({ media: 'screen' });
  });

  await step('待办：填报员看到被退回及意见；审核员在待审核中批量批准', async () => {
    current = filler;
    await filler.goto(`${base}/`);
    assert.match(await filler.textContent('#my-queues'), /我的草稿\s*0\s*被退回\s*1\s*已提交待审核\s*\d+/);
    await Promise.all([filler.waitForEvent('load'), filler.click('#my-queues a[data-status=returned]')]);
    assert.match(await filler.textContent('#queue tbody'), /王审核：成本指标缺少依据，请补充。/);
    current = reviewer;
    await reviewer.goto(`${base}/`);
    const waiting = Number((await reviewer.textContent('#my-queues a[data-status=submitted] .count')).trim());
    assert.ok(waiting >= 2, `待审核应至少 2 个，实际 ${waiting}`);
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#my-queues a[data-status=submitted]')]);
    assert.equal((await reviewer.$$('#queue tbody .queue-pick')).length, waiting);
    // Returning needs the comment; nothing is sent without it.
    await reviewer.check('#queue-all');
    await reviewer.click('#batch-return');
    await reviewer.waitForSelector('#flash.bad:not([hidden])');
    assert.match(await reviewer.textContent('#flash'), /退回时须填写意见/);
    await reviewer.fill('#batch-comment', '指标清晰，同意。');
    await shot(reviewer, 'queue');
    await reviewer.click('#batch-approve');
    await reviewer.waitForSelector('#flash:not(.bad):not([hidden])');
    assert.equal((await reviewer.textContent('#flash')).trim(), `已批准 ${waiting} 项。`);
    await reviewer.waitForEvent('load');
    assert.equal((await reviewer.textContent('#queue-total')).trim(), '0');
    await filler.goto(`${base}/queue?status=submitted`);
    assert.equal((await filler.textContent('#queue-total')).trim(), '0');
    current = null;
  });

  await step('公众：只看到已批准的数据，可下载 Excel/Word/CSV', async () => {
    await anon.goto(projectUrl);
    const name = (await anon.textContent('#project-name')).trim();
    assert.ok(name.length > 0);
    const xlsx = await anon.request.get(base + (await anon.getAttribute('#download-xlsx', 'href')));
    assert.equal(xlsx.status(), 200);
    assert.equal((await xlsx.body()).subarray(0, 2).toString(), 'PK');
    const csv = await anon.request.get(base + (await anon.getAttribute('#download-csv', 'href')));
    assert.equal(csv.status(), 200);
    const text = await csv.text();
    assert.ok(text.includes(name), 'CSV 应含项目名称');
    assert.ok(text.includes('≥90%'), 'CSV 应含网页上改过的指标值');
    await anon.goto(deptUrl);
    const statuses = await anon.$$eval('#projects tbody .status', (s) => s.map((x) => x.textContent.trim()));
    assert.ok(statuses.length > 0 && statuses.every((s) => s === '已批准'), `公众看到：${statuses}`);
  });

  const other = await signIn('filler_b');
  await step('外部门填报员修改被拒', async () => {
    await other.goto(projectUrl);
    assert.match(await other.textContent('#edit-denied'), /部门填报员只能操作本部门的数据。/);
    assert.equal(await other.$('.edit-row'), null);
    const res = await other.evaluate(async () => {
      const id = document.querySelector('#indicators tbody tr').dataset.id;
      const csrf = document.querySelector('meta[name="csrf-token"]').content;
      const r = await fetch(`/api/v1/indicators/${id}`, { method: 'PUT', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify({ version: 1, target: '≥1%' }) });
      return { status: r.status, body: await r.json() };
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.detail, '部门填报员只能操作本部门的数据。');
    await shot(other, 'denied', false);
  });

  await step('搜索：中文词跨部门、年度查找项目和指标', async () => {
    await anon.goto(projectUrl);
    const name = (await anon.textContent('#project-name')).trim();
    const word = [...name].slice(0, 2).join('');
    await anon.goto(`${base}/search?q=${encodeURIComponent(word)}`);
    assert.ok((await anon.$$('#project-hits tbody a')).length > 0, `应找到含“${word}”的项目`);
    await shot(anon, 'search', false);
  });

  await step('运行监控：网页填报，错误指明位置，正确后保存并显示红黄绿灯', async () => {
    current = filler;
    await filler.goto(`${base}/monitoring?document=${documentId}&month=8`);
    // One project at a time, the others one click away in the picker.
    assert.equal((await filler.$$('.entry-project')).length, 1, '一次只显示一个项目');
    assert.ok((await filler.$$('#project-picker a[data-index]')).length > 1);
    const rows = await filler.$$('.entry-project >> nth=0 >> tbody tr');
    assert.ok(rows.length > 0, '填报表应列出第一个项目的指标');
    for (let j = 0; j < rows.length; j++) await filler.selectOption(`select[name=lik_0_${j}]`, '确定能');
    await filler.fill('input[name=spent_0]', '二十');
    await filler.click('#entry-submit');
    await filler.waitForSelector('#lights [data-lights=no]');
    assert.match(await filler.textContent('#lights'), /项目“[^”]+”：执行数应为金额（万元），实际为“二十”。/);
    // The error is shown at the field too, not only in a list below the form.
    await filler.waitForSelector('input[name=spent_0].invalid');
    assert.match(await filler.textContent('input[name=spent_0] + .field-error'), /执行数应为金额（万元），实际为“二十”/);
    assert.equal(await filler.$('#lights pre'), null, '错误不再以等宽文字块显示');
    await filler.fill('input[name=spent_0]', '20');
    await filler.fill('input[name=cur_0_0]', '30');
    await filler.click('#entry-submit');
    await filler.waitForSelector('#lights [data-lights=yes]');
    const lights = await filler.textContent('#lights');
    // 20 of 50 万元 spent by August: 40% against 66.67% of the year is 60.00% of pace, a yellow light.
    assert.match(lights, /预算执行5020执行率 ÷ 时间进度 66\.67%60\.00%黄灯/);
    // The form shows the stored rows as they are now: the edit steps above set this target to ≥90%.
    assert.match(lights, /企业安全检查≥90%30%是否在指标值范围内33\.33%红灯确定能/);
    assert.match(lights, /已保存：\d{4}年1–8月监控数据，1 个项目已更新。/);
    await shot(filler, 'monitoring');
    await filler.goto(`${base}/monitoring?document=${documentId}&month=8`);
    assert.match(await filler.textContent('#project-picker a[data-index="0"]'), /✓/, '已保存的项目打勾');
  });

  await step('运行监控：重新打开时显示已保存的数据；再次修改按新版本保存', async () => {
    await filler.goto(`${base}/monitoring?document=${documentId}&month=8`);
    assert.equal(await filler.inputValue('input[name=spent_0]'), '20');
    assert.equal(await filler.inputValue('input[name=cur_0_0]'), '30%');
    assert.equal(await filler.inputValue('select[name=lik_0_0]'), '确定能');
    assert.equal(await filler.inputValue('#version-0'), '1');
    assert.match(await filler.textContent('.entry-project >> nth=0 >> .saved-state'), /已保存（第 1 版/);
    // Unchanged: nothing is written again.
    await filler.click('#entry-submit');
    await filler.waitForSelector('#lights [data-saved=yes]');
    assert.match(await filler.textContent('#saved-note'), /0 个项目已更新，1 个项目未变化/);
    // Two saves from the same page: the second names the version the first wrote.
    await filler.fill('input[name=spent_0]', '25');
    await filler.click('#entry-submit');
    await filler.waitForFunction(() => document.querySelector('#version-0').value === '2');
    await filler.fill('input[name=spent_0]', '26');
    await filler.click('#entry-submit');
    await filler.waitForFunction(() => document.querySelector('#version-0').value === '3');
    assert.match(await filler.textContent('#saved-note'), /1 个项目已更新。/);
    // Another period is another entry: empty form.
    await filler.goto(`${base}/monitoring?document=${documentId}&month=6`);
    assert.equal(await filler.inputValue('input[name=spent_0]'), '');
    await filler.goto(`${base}/monitoring?document=${documentId}&month=8`);
    assert.equal(await filler.inputValue('input[name=spent_0]'), '26');
  });

  await step('运行监控：下载模板；未填就上传时逐格指出问题', async () => {
    const href = await filler.getAttribute('#monitor-template', 'href');
    const xlsx = await filler.request.get(base + href);
    assert.equal(xlsx.status(), 200);
    const bytes = await xlsx.body();
    assert.equal(bytes.subarray(0, 2).toString(), 'PK', '模板应为 .xlsx');
    await filler.setInputFiles('#monitor-file', { name: '监控表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    await filler.waitForSelector('#lights[data-done=yes]');
    assert.match(await filler.textContent('#lights'), /工作表「指标」第\d+行[A-Z]+列（完成可能性）：未填写完成可能性/);
  });
  await step('运行监控：执行数超过全年预算是超支，亮红灯（不是绿灯）', async () => {
    await filler.goto(`${base}/monitoring?document=${documentId}&month=8`);
    await filler.fill('input[name=spent_0]', '70');
    await filler.click('#entry-submit');
    await filler.waitForSelector('#lights [data-lights=yes]');
    const lights = await filler.textContent('#lights');
    // 70 of 50 万元 by August: 140% executed, 210% of pace — and 20 万元 over the year's budget.
    assert.match(lights, /预算执行5070执行率 ÷ 时间进度 66\.67%210\.00%红灯超支：执行数超过全年预算数 20 万元/);
    await shot(filler, 'monitoring-overspent');
  });
  await step('首页：各部门的运行监控预警（与自评得分）', async () => {
    await reviewer.goto(`${base}/`);
    await reviewer.waitForSelector('#lights-overview');
    const row = await reviewer.textContent('#lights-overview tbody tr');
    // The filler saved 1–8月 above: one project with its budget light and indicator lights.
    assert.match(row, /\d+\s*\/\s*\d+\s*\/\s*\d+/);
    await shot(reviewer, 'dashboard-lights');
  });
  const admin = await signIn('admin');
  await step('没有年度或部门的项目：首页“年度未知”与“（未识别部门）”都能点进去', async () => {
    current = admin;
    await admin.goto(`${base}/upload`);
    const file = (name) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(seedDir, name)) });
    // 003 prints no year; 001 names no department (2021).
    await admin.setInputFiles('#files', [file('003_dc947c097ca44fd8.txt'), file('001_bad47639f8145b87.txt')]);
    await admin.waitForFunction(() => document.querySelectorAll('.outcome[data-done=yes]').length === 2, null, { timeout: 30000 });
    await admin.goto(`${base}/`);
    await Promise.all([admin.waitForEvent('load'), admin.selectOption('#year-select', 'unknown')]);
    assert.match(await admin.textContent('h1'), /年度未知的项目/);
    await Promise.all([admin.waitForEvent('load'), admin.click('#departments a')]);
    const undated = await admin.$$eval('#projects tbody tr td:first-child', (tds) => tds.map((t) => t.textContent.trim()));
    assert.ok(undated.length > 5, `应列出年度未知的项目：${undated.length}`);
    await admin.goto(`${base}/?year=2021`);
    const unknownRow = await admin.$('#departments a:text("（未识别部门）")');
    assert.ok(unknownRow, '“（未识别部门）”应是链接');
    await Promise.all([admin.waitForEvent('load'), unknownRow.click()]);
    assert.ok((await admin.$$('#projects tbody a')).length > 2, '应列出未识别部门的项目');
    await shot(admin, 'unknown-department', false);
  });

  await step('系统管理：管理员新建用户、停用并重设口令，在审计日志中看到改前改后；新建部门', async () => {
    current = admin;
    await Promise.all([admin.waitForEvent('load'), admin.click('#nav-admin')]);
    await admin.fill('#user-create [name=username]', 'qian');
    await admin.fill('#user-create [name=display_name]', '钱新');
    await admin.fill('#user-create [name=password]', password);
    await admin.selectOption('#user-create [name=role]', 'reviewer');
    assert.ok(await admin.isHidden('#user-create .department-pick'), '审核员不选部门');
    await admin.click('#user-create button[type=submit]');
    await admin.waitForSelector('#users tr[data-username=qian]');
    const row = '#users tr[data-username=qian]';
    await Promise.all([admin.waitForEvent('load'), admin.click(`${row} .user-active`)]);
    assert.match(await admin.textContent(`${row} .state`), /已停用/);
    await admin.click(`${row} .user-reset`);
    await admin.fill(`${row} .user-reset-form [name=password]`, '新口令-浏览器-2026');
    await Promise.all([admin.waitForEvent('load'), admin.click(`${row} .user-reset-go`)]);
    await Promise.all([admin.waitForEvent('load'), admin.click(`${row} .user-active`)]);
    assert.match(await admin.textContent(`${row} .state`), /在用/);
    await shot(admin, 'admin-users', false);
    await Promise.all([admin.waitForEvent('load'), admin.click(`${row} a:text("记录")`)]);
    assert.equal((await admin.textContent('#audit-total')).trim(), '4');
    const log = await admin.textContent('#audit');
    assert.match(log, /在用\s*是\s*→\s*否/);
    assert.match(log, /重设口令\s*→\s*是/);
    await shot(admin, 'admin-audit', false);
    // The new reviewer signs in with the new password.
    const qian = await newPage();
    await qian.goto(`${base}/login`);
    await qian.fill('input[name=username]', 'qian');
    await qian.fill('input[name=password]', '新口令-浏览器-2026');
    await Promise.all([qian.waitForURL(`${base}/`), qian.click('button[type=submit]')]);
    assert.match(await qian.textContent('#who'), /钱新（财政审核员）/);
    assert.equal(await qian.$('#nav-admin'), null);
    // Organisations: a new department under the bureau.
    await admin.goto(`${base}/admin/users`);
    await Promise.all([admin.waitForEvent('load'), admin.click('#nav-organisations')]);
    await admin.fill('#org-create [name=name]', '浏览器测试局');
    await admin.click('#org-create button[type=submit]');
    await admin.waitForSelector('#organisations input[value="浏览器测试局"]');
    assert.equal(await admin.getAttribute('#organisations tr:has(input[value="浏览器测试局"])', 'data-kind'), 'department');
  });
  await step('新建绩效目标表：填报员从空白起草，输入时实时审核，保存为草稿，确认审核发现后提交', async () => {
    current = filler;
    await Promise.all([filler.waitForEvent('load'), filler.click('#nav-draft')]);
    await filler.waitForSelector('#draft-indicators .draft-row');
    const rows = filler.locator('#draft-indicators .draft-row');
    await filler.fill('#draft-form [name=year]', '2027');
    await filler.fill('#draft-form [name=name]', '浏览器起草的应急演练项目');
    await filler.fill('#draft-form [name=unit]', '门源县应急服务中心');
    await filler.fill('#draft-form [name=purpose]', '组织全县应急演练。');
    await filler.fill('#draft-form [name=budget_total]', '12.50');
    await filler.fill('#draft-form [name=budget_fiscal]', '10');
    // 财政资金 + 其他资金 ≠ 预算数: the live review says so as it is typed.
    await filler.fill('#draft-form [name=budget_other]', '5');
    for (const [k, v] of ['20', '50', '80', '100'].entries()) await filler.locator('#draft-form [name=plan]').nth(k).fill(v);
    await filler.fill('#draft-form [name=goals]', '完成全县应急演练 4 次\n提升群众应急能力');
    const first = rows.nth(0);
    assert.equal(await first.locator('[name=level1]').inputValue(), '产出指标');
    assert.deepEqual(await first.locator('[name=level2] option').allTextContents(), ['数量指标', '质量指标', '时效指标', '成本指标']);
    await first.locator('[name=level3]').fill('应急演练次数');
    await first.locator('[name=op]').selectOption('≥');
    await first.locator('[name=number]').fill('4');
    await first.locator('[name=unit]').fill('次');
    await first.locator('[name=description]').fill('全年组织的综合演练次数');
    await first.locator('[name=basis]').fill('县级应急预案');
    await first.locator('.row-check .check-ok[data-printed="≥4次"]').waitFor();
    await filler.waitForFunction(() => /JX-A002/.test(document.querySelector('#draft-findings').textContent));
    assert.match(await filler.textContent('#draft-review-summary'), /错误 [1-9]\d* 条/);
    await filler.fill('#draft-form [name=budget_other]', '2.5');
    await filler.waitForFunction(() => !/JX-A002/.test(document.querySelector('#draft-findings').textContent));
    // A second row: the 二级 picker follows the 一级.
    await filler.click('#draft-add-row');
    const second = rows.nth(1);
    await second.locator('[name=level1]').selectOption('满意度指标');
    assert.deepEqual(await second.locator('[name=level2] option').allTextContents(), ['服务对象满意度指标']);
    await second.locator('[name=level3]').fill('参训群众满意度');
    await second.locator('[name=number]').fill('90');
    await second.locator('[name=unit]').fill('%');
    await second.locator('.row-check .check-ok[data-printed="≥90%"]').waitFor();
    // A third whose 指标值 only repeats its name: flagged on its row, and an error at submit.
    await filler.click('#draft-add-row');
    const third = rows.nth(2);
    await third.locator('[name=level1]').selectOption('效益指标');
    await third.locator('[name=level2]').selectOption('社会效益指标');
    await third.locator('[name=level3]').fill('演练覆盖乡镇');
    await third.locator('[name=op]').selectOption('定性');
    await third.locator('[name=text]').fill('演练覆盖乡镇');
    await filler.waitForFunction(() => /JX-M002/.test(document.querySelector('#draft-indicators .draft-row:nth-child(3) .row-findings').textContent));
    await shot(filler, 'draft-new');
    await Promise.all([filler.waitForURL(/\/projects\/\d+$/), filler.click('#draft-save')]);
    assert.equal((await filler.textContent('#project-name')).trim(), '浏览器起草的应急演练项目');
    assert.equal((await filler.textContent('#workflow .status')).trim(), '草稿');
    assert.equal(await filler.locator('#indicators tbody tr').count(), 3);
    assert.match(await filler.textContent('#spending-plan'), /80%/);
    const errors = Number(await filler.getAttribute('#submit-project', 'data-errors'));
    assert.ok(errors > 0, '照抄指标名称的指标值是错误级审核发现');
    await filler.click('#submit-project');
    await filler.waitForSelector('#flash.bad:not([hidden])');
    assert.ok(await filler.isHidden('#submit-confirm'), '没写理由不应进入确认');
    await filler.fill('#submit-comment', '覆盖乡镇以名单为准，已与审核员沟通。');
    await filler.click('#submit-project');
    await filler.waitForSelector('#submit-confirm:not([hidden])');
    await Promise.all([filler.waitForEvent('load'), filler.click('#submit-confirm-go')]);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '已提交');
    assert.match(await filler.textContent('#comments'), /覆盖乡镇以名单为准/);
  });
  await step('申报表模板：从项目页下载以本项目预填的申报表（.xlsx），起草页按已填内容下载，在上传导入页导入为本部门的草稿', async () => {
    const [download] = await Promise.all([filler.waitForEvent('download'), filler.click('#download-template')]);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const buffer = readFileSync(await download.path());
    assert.equal(buffer.subarray(0, 2).toString(), 'PK', '应为 .xlsx（zip）文件');
    await filler.goto(`${base}/drafts/new`);
    assert.equal(await filler.getAttribute('#draft-template', 'href'), '/drafts/template.xlsx');
    // What is typed on the drafting page, downloaded as the 申报表 to go on offline.
    await filler.fill('#draft-form [name=name]', '离线继续填写的项目');
    const row = filler.locator('#draft-indicators .draft-row').first();
    await row.locator('[name=level3]').fill('宣传次数');
    await row.locator('[name=number]').fill('3');
    await row.locator('[name=unit]').fill('次');
    const [typed] = await Promise.all([filler.waitForEvent('download'), filler.click('#draft-template-filled')]);
    assert.equal(typed.suggestedFilename(), '离线继续填写的项目申报表.xlsx');
    assert.equal(readFileSync(await typed.path()).subarray(0, 2).toString(), 'PK');
    assert.ok(await filler.isHidden('#draft-error'), '下载不应报错');
    await filler.goto(`${base}/upload`);
    assert.equal(await filler.getAttribute('#upload-template', 'href'), '/drafts/template.xlsx');
    const file = { name: '离线填写的申报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer };
    await filler.setInputFiles('#files', [file]);
    await filler.waitForFunction(() => document.querySelectorAll('.outcome[data-done=yes]').length === 1, null, { timeout: 30000 });
    const outcome = await filler.$eval('.outcome', (c) => ({ outcome: c.dataset.outcome, text: c.querySelector('.result').textContent }));
    assert.equal(outcome.outcome, 'ok', outcome.text);
    assert.match(outcome.text, /已导入：修订版 1，1 个项目，3 条指标/);
  });
  await step('指标建议：填报员在新建绩效目标表输入项目名称，相似项目的指标随即列出（常见值、来源项目），点“添加”加入一行并自动填好，实时审核后保存，草稿中有这一行', async () => {
    current = filler;
    await filler.goto(`${base}/drafts/new`);
    await filler.waitForSelector('#draft-indicators .draft-row');
    assert.equal((await filler.textContent('#draft-suggest h2')).trim(), '指标建议（相似项目的指标）');
    assert.ok(await filler.isHidden('#draft-suggest-table'), '未填写时没有建议');
    // Typed like a person: the panel asks once the typing pauses.
    await filler.locator('#draft-form [name=name]').pressSequentially('防震减灾宣传培训', { delay: 30 });
    await filler.waitForSelector('#draft-suggest[data-state=ready] tr.suggestion');
    assert.match(await filler.textContent('#draft-suggest-status'), /相似项目的指标 \d+ 条/);
    const heads = await filler.$$eval('#draft-suggest-table thead th', (ths) => ths.map((t) => t.textContent.trim()));
    assert.deepEqual(heads, ['指标', '一级 / 二级', '全库常见值', '相似项目的指标值', '来源项目', '操作']);
    // The earthquake training of the seed's 防震减灾工作经费, with its typical target and source.
    const label = '地震培训次数';
    const suggestion = filler.locator(`#draft-suggest tr.suggestion[data-label="${label}"]`);
    assert.equal(await suggestion.getAttribute('data-target'), '≥2次');
    const cells = await suggestion.locator('td').allTextContents();
    assert.equal(cells[1], '产出指标 / 数量指标');
    assert.match(cells[2], /中位数2次/);
    assert.match(cells[3], /≥2次/);
    assert.match(cells[4], /门源县应急管理局·2023年·防震减灾工作经费/);
    // 添加: the form's blank row gives way to a row filled from the suggestion.
    await filler.waitForFunction(() => document.querySelector('#draft-form').dataset.reviewed);
    const reviewed = await filler.getAttribute('#draft-form', 'data-reviewed');
    await suggestion.locator('.suggest-add').click();
    assert.equal((await suggestion.locator('.suggest-add').textContent()).trim(), '已添加');
    assert.ok(await suggestion.locator('.suggest-add').isDisabled());
    const rows = filler.locator('#draft-indicators .draft-row');
    assert.equal(await rows.count(), 1);
    const row = rows.first();
    assert.equal(await row.locator('[name=level1]').inputValue(), '产出指标');
    assert.equal(await row.locator('[name=level2]').inputValue(), '数量指标');
    assert.equal(await row.locator('[name=level3]').inputValue(), label);
    assert.equal(await row.locator('[name=op]').inputValue(), '≥');
    assert.equal(await row.locator('[name=number]').inputValue(), '2');
    assert.equal(await row.locator('[name=unit]').inputValue(), '次');
    // The row's check and the live review of the whole draft ran on it.
    await row.locator('.row-check .check-ok[data-printed="≥2次"]').waitFor();
    await filler.waitForFunction((before) => {
      const r = document.querySelector('#draft-form').dataset.reviewed;
      return r !== before && r !== 'invalid';
    }, reviewed);
    await shot(filler, 'draft-suggest');
    await Promise.all([filler.waitForURL(/\/projects\/\d+$/), filler.click('#draft-save')]);
    assert.equal((await filler.textContent('#project-name')).trim(), '防震减灾宣传培训');
    const stored = filler.locator('#indicators tbody tr');
    assert.equal(await stored.count(), 1);
    const storedText = await stored.first().textContent();
    assert.ok(storedText.includes(label) && storedText.includes('≥2次'), storedText);
    current = null;
  });
  await step('新建部门整体支出绩效目标表：填报员切换到部门整体，填写年度总体目标、部门预算和一条指标，实时审核，保存后在部门页看到', async () => {
    current = filler;
    await filler.goto(`${base}/drafts/new`);
    await filler.waitForSelector('#draft-indicators .draft-row');
    await filler.check('#draft-kind [value=department]');
    assert.ok(await filler.isHidden('#draft-form [name=name]'), '部门整体没有项目名称一栏');
    assert.ok(await filler.isHidden('#draft-form [name=purpose]'), '部门整体没有资金用途一栏');
    assert.ok(await filler.isHidden('#draft-template-filled'), '申报表模板只有项目支出一种');
    assert.ok(await filler.isHidden('#draft-start'), '从以往项目开始只用于项目支出');
    assert.equal((await filler.textContent('.sheet-title span:not([hidden])')).trim(), '部门整体支出绩效目标表');
    await filler.fill('#draft-form [name=year]', '2027');
    await filler.fill('#draft-form [name=budget_total]', '1200');
    await filler.fill('#draft-form [name=budget_fiscal]', '1000');
    // 财政拨款 + 其他资金 ≠ 部门预算总额: said as it is typed, under the department's own word.
    await filler.fill('#draft-form [name=budget_other]', '100');
    await filler.waitForFunction(() => /部门预算总额/.test(document.querySelector('#draft-budget-check').textContent));
    await filler.fill('#draft-form [name=budget_other]', '200');
    await filler.fill('#draft-form [name=goals]', '全面提升全县应急管理能力');
    // The same row editor as a project's: level pickers, operator / value / unit.
    const row = filler.locator('#draft-indicators .draft-row').first();
    await row.locator('[name=level1]').selectOption('效益指标');
    assert.deepEqual(await row.locator('[name=level2] option').allTextContents(), ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标']);
    await row.locator('[name=level2]').selectOption('社会效益指标');
    await row.locator('[name=level3]').fill('较大以上生产安全事故起数');
    await row.locator('[name=op]').selectOption('≤');
    await row.locator('[name=number]').fill('1');
    await row.locator('[name=unit]').fill('起');
    await row.locator('.row-check .check-ok[data-printed="≤1起"]').waitFor();
    await filler.waitForFunction(() => /审核发现：错误 \d+ 条/.test(document.querySelector('#draft-review-summary').textContent));
    await filler.waitForFunction(() => document.querySelector('#draft-budget-check').textContent === '');
    await shot(filler, 'draft-department');
    await Promise.all([filler.waitForURL(/\/departments\/\d+\?year=2027$/), filler.click('#draft-save')]);
    const table = await filler.textContent('.department-table');
    assert.match(table, /部门整体支出绩效目标表（2027 年度）/);
    assert.match(table, /全面提升全县应急管理能力/);
    assert.match(table, /1,200\.00/);
    assert.match(table, /较大以上生产安全事故起数/);
    assert.match(table, /≤1起/);
    // 提交本部门全部草稿 counts and lists the draft table with the projects (the next step
    // submits it from its own section instead).
    const drafts = await filler.$$eval('#projects tbody .status', (s) => s.filter((x) => x.textContent.trim() === '草稿').length);
    const what = [drafts ? `${drafts} 个项目` : '', '1 张部门整体表'].filter(Boolean).join('、');
    assert.equal((await filler.textContent('#submit-all')).trim(), `提交本部门全部草稿（${what}）`);
    await filler.click('#submit-all');
    await filler.waitForSelector('#submit-all-confirm:not([hidden])');
    assert.equal(await filler.locator('#submit-all-list li[data-api^="/api/v1/department-tables/"]').count(), 1);
    assert.match(await filler.textContent('#submit-all-list'), /部门整体支出绩效目标表（2027 年度）/);
    await filler.click('#submit-all-cancel');
  });
  await step('部门整体表的审核流程：填报员在部门页提交（先确认审核发现），审核员在待审核中看到并批准，公众随后看到', async () => {
    current = filler;
    const deptTableUrl = filler.url();
    const section = filler.locator('.department-table').first();
    assert.equal((await section.locator('.status').textContent()).trim(), '草稿');
    const errors = Number(await section.locator('.flow').getAttribute('data-errors'));
    // The same confirmation as a project's: errors need a justification before anything is sent.
    if (errors > 0) {
      await section.locator('.flow-submit').click();
      await filler.waitForSelector('#flash.bad:not([hidden])');
      assert.match(await filler.textContent('#flash'), /本部门整体支出绩效目标表有 \d+ 条错误级审核发现/);
      await section.locator('.flow-submit-comment').fill('部门预算已与财政局核对，按原表提交。');
    }
    await section.locator('.flow-submit').click();
    await section.locator('.flow-confirm:not([hidden])').waitFor();
    await Promise.all([filler.waitForEvent('load'), section.locator('.flow-confirm-go').click()]);
    assert.equal((await filler.locator('.department-table .status').first().textContent()).trim(), '已提交');
    // Not yet public.
    await anon.goto(deptTableUrl);
    assert.equal(await anon.locator('.department-table').count(), 0, '提交后尚未批准，公众看不到部门整体表');
    current = reviewer;
    await reviewer.goto(`${base}/`);
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#my-queues a[data-status=submitted]')]);
    const queued = reviewer.locator('#queue tbody tr.department-table-row');
    assert.equal(await queued.count(), 1, '待审核中应有这张部门整体表');
    assert.match(await queued.textContent(), /部门整体支出绩效目标表/);
    await Promise.all([reviewer.waitForEvent('load'), queued.locator('a').click()]);
    const own = reviewer.locator('.department-table').first();
    await own.locator('.flow-review-comment').fill('部门整体目标明确，同意。');
    await shot(reviewer, 'department-table-review');
    await Promise.all([reviewer.waitForEvent('load'), own.locator('.flow-approve').click()]);
    assert.equal((await reviewer.locator('.department-table .status').first().textContent()).trim(), '已批准');
    await anon.goto(deptTableUrl);
    assert.match(await anon.textContent('.department-table'), /全面提升全县应急管理能力/);
    await filler.reload();
    assert.match(await filler.textContent('.department-table .flow-comments'), /部门整体目标明确，同意。/);
    current = null;
  });
  await step('对比：从项目页打开跨年度对比，从首页打开部门对比，图表与表格都画出来，可下载 CSV', async () => {
    current = admin;
    // Last year's table of the same department (the seed with 2022 for 2023), uploaded through
    // the API with the page's session and CSRF token: the comparison then has two years.
    await admin.goto(projectUrl);
    const lastYear = readFileSync(seed, 'utf8').replaceAll('2023', '2022');
    const status = await admin.evaluate(async (text) => {
      const r = await fetch('/api/v1/documents?name=last-year.txt', { method: 'POST', body: text,
        headers: { 'content-type': 'text/plain', 'x-csrf-token': document.querySelector('meta[name=csrf-token]').content } });
      return r.status;
    }, lastYear);
    assert.equal(status, 201, '上年文档应能导入');
    await Promise.all([admin.waitForEvent('load'), admin.click('#compare-years')]);
    assert.match(admin.url(), /\/compare\/project\?id=\d+$/);
    await admin.waitForFunction(() => document.body.dataset.chartsReady === 'yes');
    assert.ok(await admin.locator('#chart-years svg').count() > 0, '跨年度图表应画出');
    assert.ok(await admin.locator('#chart-years svg path').count() > 0, '图表应有图形');
    assert.equal(await admin.locator('#compare-years tbody tr').count(), 2, '各年度表格：2022 与 2023');
    assert.match(await admin.textContent('#compare-years tbody tr:first-child'), /2022.*按/);
    assert.match(await admin.textContent('#compare-years tbody tr.current'), /本项目/);
    assert.ok(await admin.locator('#compare-indicators tbody tr').count() >= 1, '指标表格应有行');
    // The seed's quantitative targets of both years: the per-indicator chart is drawn too.
    assert.ok(await admin.locator('#chart-indicators svg path').count() > 0, '定量指标的目标值图表应画出');
    const csv = await admin.request.get(await admin.getAttribute('#compare-csv', 'href').then((h) => base + h));
    assert.equal(csv.status(), 200);
    assert.match(await csv.text(), /^\uFEFF年度,部门,项目编码,项目名称/);
    await shot(admin, 'compare-project');
    await admin.goto(`${base}/`);
    await Promise.all([admin.waitForEvent('load'), admin.click('#compare-departments')]);
    assert.match(admin.url(), /\/compare\/departments\?year=\d+$/);
    await admin.waitForFunction(() => document.body.dataset.chartsReady === 'yes');
    assert.ok(await admin.locator('#chart-departments svg path').count() > 0, '部门对比图表应画出');
    const rows = admin.locator('#compare-departments tbody tr');
    assert.ok(await rows.count() >= 1, '部门表格应有行');
    assert.match(await rows.first().textContent(), /应急管理局/);
    const departmentsCsv = await admin.request.get(await admin.getAttribute('#compare-csv', 'href').then((h) => base + h));
    assert.equal(departmentsCsv.status(), 200);
    assert.match(await departmentsCsv.text(), /^\uFEFF/, '部门对比 CSV 带 BOM');
    assert.match(await departmentsCsv.text(), /应急管理局/);
    await shot(admin, 'compare-departments');
  });
  await step('复制上一年度：填报员在项目页复制为下一年度草稿，在起草页从以往年度的项目开始；提交后审核员在待审核中批量退回，填报员看到同一条意见', async () => {
    current = filler;
    // The project page: 复制为下一年度草稿 with the year's budget kept.
    await filler.goto(projectUrl);
    const name = (await filler.textContent('#project-name')).trim();
    const year = Number(await filler.getAttribute('#copy-project', 'data-year'));
    const rows = await filler.locator('#indicators tbody tr').count();
    await filler.check('#copy-budget');
    await Promise.all([filler.waitForURL((u) => /\/projects\/\d+$/.test(u.pathname) && base + u.pathname !== projectUrl), filler.click('#copy-project')]);
    const copied = filler.url();
    assert.equal((await filler.textContent('#project-name')).trim(), name);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '草稿');
    assert.match(await filler.textContent('.crumbs'), new RegExp(`${year + 1} 年度`));
    assert.equal(await filler.locator('#indicators tbody tr').count(), rows, '指标行全部沿用');
    await shot(filler, 'copy-next-year', false);
    // 新建绩效目标表: start from another project of an earlier year of the department.
    await filler.goto(`${base}/drafts/new`);
    const options = await filler.$$eval('#draft-start select option', (o) => o.map((x) => ({ value: x.value, text: x.textContent })));
    const other = options.find((o) => o.value && o.text.startsWith(`${year} 年度`) && !o.text.endsWith(` · ${name}`));
    assert.ok(other, `起草页应列出本部门 ${year} 年度的其他项目：${JSON.stringify(options)}`);
    await Promise.all([filler.waitForEvent('load'), filler.selectOption('#draft-start select', other.value)]);
    assert.match(await filler.textContent('#draft-from'), /指标与年度目标已复制/);
    const otherName = other.text.replace(`${year} 年度 · `, '');
    assert.equal(await filler.inputValue('#draft-form [name=name]'), otherName);
    assert.equal(await filler.inputValue('#draft-form [name=year]'), String(year + 1));
    assert.equal(await filler.inputValue('#draft-form [name=budget_total]'), '', '预算数留空');
    assert.ok(await filler.locator('#draft-indicators .draft-row').count() >= 1);
    await filler.fill('#draft-form [name=budget_total]', '30');
    await filler.fill('#draft-form [name=budget_fiscal]', '30');
    await filler.fill('#draft-form [name=budget_other]', '0');
    await Promise.all([filler.waitForURL(/\/projects\/\d+$/), filler.click('#draft-save')]);
    const started = filler.url();
    assert.equal((await filler.textContent('#project-name')).trim(), otherName);
    assert.match(await filler.textContent('.crumbs'), new RegExp(`${year + 1} 年度`));
    // Both submitted, each confirmed with a 提交说明.
    for (const url of [copied, started]) {
      await filler.goto(url);
      await filler.fill('#submit-comment', '沿用上年指标，请审核。');
      await filler.click('#submit-project');
      await filler.waitForSelector('#submit-confirm:not([hidden])');
      await Promise.all([filler.waitForEvent('load'), filler.click('#submit-confirm-go')]);
      assert.equal((await filler.textContent('#workflow .status')).trim(), '已提交');
    }
    // The reviewer returns both at once, with one comment.
    current = reviewer;
    const ids = [copied, started].map((u) => u.split('/').pop());
    await reviewer.goto(`${base}/queue?status=submitted&year=${year + 1}`);
    for (const id of ids) await reviewer.check(`#queue tr[data-id="${id}"] .queue-pick`);
    const comment = '请按本年度的预算重新测算成本指标。';
    await reviewer.fill('#batch-comment', comment);
    await reviewer.click('#batch-return');
    await reviewer.waitForSelector('#flash:not(.bad):not([hidden])');
    assert.equal((await reviewer.textContent('#flash')).trim(), '已退回 2 项。');
    current = filler;
    await filler.goto(`${base}/queue?status=returned&year=${year + 1}`);
    for (const id of ids) assert.match(await filler.textContent(`#queue tr[data-id="${id}"] .last-comment`), new RegExp(comment));
    await filler.goto(copied);
    assert.equal((await filler.textContent('#workflow .status')).trim(), '已退回');
    assert.match(await filler.textContent('#comments'), new RegExp(comment));
    current = null;
  });
  await step('预算年度：管理员截止 2024 年度的申报，填报员随即不能修改被退回的该年度项目，页面说明原因；重新开放后又能修改', async () => {
    current = admin;
    await admin.goto(`${base}/admin/users`);
    await Promise.all([admin.waitForEvent('load'), admin.click('#nav-years')]);
    const row = '#years tr[data-year="2024"]';
    assert.match(await admin.textContent(`${row} .state`), /开放填报/);
    await admin.selectOption(`${row} [name=status]`, 'closed');
    await admin.click(`${row} .year-save`);
    await admin.waitForSelector('#flash:not(.bad):not([hidden])');
    await admin.waitForEvent('load');
    assert.match(await admin.textContent(`${row} .state`), /已截止/);
    await shot(admin, 'admin-years', false);
    current = filler;
    await filler.goto(`${base}/queue?status=returned&year=2024`);
    const id = await filler.getAttribute('#queue tr[data-id]', 'data-id');
    await filler.goto(`${base}/projects/${id}`);
    assert.match(await filler.textContent('#edit-denied'), /2024 年度的绩效目标申报已由财政局截止/);
    assert.equal(await filler.$('.edit-row'), null, '截止后不能编辑');
    assert.equal(await filler.$('#submit-project'), null, '截止后不能提交');
    // Reopened: the filler may change it again.
    current = admin;
    await admin.selectOption(`${row} [name=status]`, 'open');
    await admin.click(`${row} .year-save`);
    await admin.waitForSelector('#flash:not(.bad):not([hidden])');
    await admin.waitForEvent('load');
    current = filler;
    await filler.reload();
    assert.equal(await filler.$('#edit-denied'), null);
    assert.ok(await filler.$('.edit-row'), '重新开放后可以编辑');
    current = null;
  });
  await step('内容安全策略（CSP）：以上页面没有被拦截的脚本或样式', async () => {
    assert.deepEqual(cspViolations, []);
  });
} catch (e) {
  if (failed === 0) { failed++; console.error(`✗ 测试中断：${e.stack || e}`); }
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
