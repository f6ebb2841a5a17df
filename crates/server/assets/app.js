// jixiao 页面脚本：写操作通过 /api/v1 完成（带会话的 CSRF 令牌），服务端按角色检查权限。
(function () {
  'use strict';
  var $ = function (sel, root) { return (root || document).querySelector(sel); };
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var csrf = function () { var m = $('meta[name="csrf-token"]'); return m ? m.content : ''; };

  // A JSON call to the API; resolves to {ok, status, body}.
  function api(method, url, body) {
    var init = { method: method, headers: { 'X-CSRF-Token': csrf() }, credentials: 'same-origin' };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (r) {
      return r.text().then(function (t) {
        var b = null; try { b = t ? JSON.parse(t) : null; } catch (e) { b = { detail: t }; }
        return { ok: r.ok, status: r.status, body: b };
      });
    });
  }
  function detail(res) { return (res.body && (res.body.detail || res.body.title)) || ('请求失败（' + res.status + '）'); }
  function flash(text, bad) {
    var f = $('#flash'); if (!f) { alert(text); return; }
    f.hidden = false; f.textContent = text; f.classList.toggle('bad', !!bad);
    f.scrollIntoView({ block: 'center' });
  }
  function reloadSoon() { setTimeout(function () { location.reload(); }, 400); }

  // Behaviour that pages once had inline (the Content-Security-Policy allows no inline script):
  // selects that submit their form on change, print buttons.
  $$('[data-autosubmit]').forEach(function (el) { el.addEventListener('change', function () { el.form.submit(); }); });
  $$('[data-print]').forEach(function (el) { el.addEventListener('click', function () { window.print(); }); });

  // Keep htmx requests (live validation) carrying the CSRF token too.
  document.addEventListener('htmx:configRequest', function (e) { e.detail.headers['X-CSRF-Token'] = csrf(); });

  // ------------------------------------------------------------ project page
  var sheet = $('#target-table');
  var projectId = sheet ? sheet.dataset.project : null;
  var editor = $('#editor');

  var OPS = ['≥', '>', '=', '≤', '<', '约'];
  // Splits a printed target (≥95%) into the typed input's parts.
  function splitTarget(printed) {
    printed = (printed || '').trim();
    var m = printed.match(/^(≥|>|=|≤|<|约)?\s*(\d+(?:\.\d+)?)\s*(.*)$/);
    if (m) return { op: m[1] || '=', number: m[2], unit: m[3], text: '' };
    return { op: '定性', number: '', unit: '', text: printed };
  }
  function showMode() {
    if (!editor) return;
    var qual = editor.querySelector('[name=op]').value === '定性';
    $$('.quant', editor).forEach(function (e) { e.hidden = qual; });
    $$('.qual', editor).forEach(function (e) { e.hidden = !qual; });
  }
  function recheck() { document.body.dispatchEvent(new Event('check-now')); }
  function openEditor(data) {
    var f = $('#editor-form');
    f.reset();
    $('#conflict').hidden = true; $('#editor-error').hidden = true;
    $('#editor-title').textContent = data ? '编辑指标' : '新增指标';
    var t = splitTarget(data && data.target_printed);
    var values = {
      id: data ? data.id : '', version: data ? data.version : '',
      level1: data ? data.level1_printed : '产出指标', level2: data ? data.level2_printed : '数量指标',
      level3: data ? (data.level3 || '') : '', op: t.op, number: t.number, unit: t.unit, text: t.text
    };
    Object.keys(values).forEach(function (k) { var el = f.elements[k]; if (el) el.value = values[k]; });
    showMode();
    editor.showModal();
    recheck();
  }
  function printedTarget() {
    var ok = $('#check-result .check-ok');
    return ok ? ok.dataset.printed : null;
  }
  function editorBody(f) {
    return { level1: f.elements.level1.value, level2: f.elements.level2.value, level3: f.elements.level3.value, target: printedTarget() };
  }
  function showConflict(mine, id) {
    api('GET', '/api/v1/indicators/' + id).then(function (res) {
      var box = $('#conflict');
      if (!res.ok) { box.hidden = false; box.textContent = '该指标已被他人删除：' + detail(res); return; }
      var theirs = res.body;
      var rows = [['一级指标', mine.level1, theirs.level1_printed], ['二级指标', mine.level2, theirs.level2_printed],
                  ['三级指标', mine.level3, theirs.level3 || ''], ['指标值', mine.target, theirs.target_printed || '']];
      var html = '<p><b>保存冲突：</b>在您编辑期间，他人已保存了这条指标（当前版本 ' + theirs.version + '）。请比较两个版本后选择：</p>' +
        '<table><tr><th></th><th>您的修改</th><th>他人已保存的版本</th></tr>' +
        rows.map(function (r) { return '<tr><th>' + r[0] + '</th><td>' + esc(r[1]) + '</td><td>' + esc(r[2]) + '</td></tr>'; }).join('') +
        '</table><p><button type="button" id="keep-mine" class="primary">用我的修改覆盖</button> <button type="button" id="take-theirs">放弃我的修改，采用对方版本</button></p>';
      box.innerHTML = html; box.hidden = false;
      $('#keep-mine').onclick = function () { $('#editor-form').elements.version.value = theirs.version; box.hidden = true; save(); };
      $('#take-theirs').onclick = function () { location.reload(); };
    });
  }
  function esc(s) { var d = document.createElement('div'); d.textContent = s == null ? '' : String(s); return d.innerHTML; }
  var FIX_FIRST = '请先改正指标值中的错误再保存。';
  // The check of what the form holds now (not of what it held 200 ms ago): the result
  // replaces #check-result; resolves to whether the value may be saved.
  function checkNow() {
    var f = $('#editor-form');
    var q = new URLSearchParams();
    ['level1', 'level2', 'level3', 'op', 'number', 'unit', 'text'].forEach(function (k) { q.set(k, f.elements[k] ? f.elements[k].value : ''); });
    return fetch('/ui/check-target?' + q.toString(), { credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (html) { $('#check-result').innerHTML = html; checked(); return printedTarget() !== null; });
  }
  // Once the value is valid again, the message asking to correct it goes away.
  function checked() {
    var err = $('#editor-error');
    if (err && !err.hidden && err.textContent === FIX_FIRST && printedTarget() !== null) err.hidden = true;
  }
  document.addEventListener('htmx:afterSwap', function (e) { if (e.target && e.target.id === 'check-result') checked(); });
  function save() {
    var err = $('#editor-error');
    err.hidden = true;
    checkNow().then(function (valid) {
      if (!valid) { err.hidden = false; err.textContent = FIX_FIRST; return; }
      send();
    });
  }
  function send() {
    var f = $('#editor-form');
    var err = $('#editor-error');
    var body = editorBody(f);
    var id = f.elements.id.value;
    var call = id
      ? api('PUT', '/api/v1/indicators/' + id, Object.assign({ version: Number(f.elements.version.value) }, body))
      : api('POST', '/api/v1/indicators', Object.assign({ project_id: Number(projectId) }, body));
    call.then(function (res) {
      if (res.ok) { editor.close(); flash('已保存。'); reloadSoon(); return; }
      if (res.status === 409 && id) { showConflict(body, id); return; }
      err.hidden = false; err.textContent = detail(res);
    });
  }
  if (editor) {
    editor.querySelector('[name=op]').addEventListener('change', showMode);
    $('#editor-save').addEventListener('click', save);
    $('#editor-cancel').addEventListener('click', function () { editor.close(); });
  }
  $$('.edit-row').forEach(function (b) { b.addEventListener('click', function () { openEditor(JSON.parse(b.dataset.indicator)); }); });
  var add = $('#add-row'); if (add) add.addEventListener('click', function () { openEditor(null); });
  $$('.delete-row').forEach(function (b) {
    b.addEventListener('click', function () {
      if (!confirm('确定删除指标“' + b.dataset.name + '”吗？')) return;
      api('DELETE', '/api/v1/indicators/' + b.dataset.id + '?version=' + b.dataset.version).then(function (res) {
        if (res.ok) { flash('已删除。'); reloadSoon(); } else flash(detail(res), true);
      });
    });
  });
  $$('.move-row').forEach(function (b) {
    b.addEventListener('click', function () {
      api('POST', '/projects/' + projectId + '/reorder', { indicator_id: Number(b.dataset.id), dir: b.dataset.dir }).then(function (res) {
        if (res.ok) location.reload(); else flash(detail(res), true);
      });
    });
  });
  // Row comments: an inline form under the row's review notes (no prompt()).
  $$('.comment-row').forEach(function (b) {
    b.addEventListener('click', function () {
      var form = $('.row-comment[data-id="' + b.dataset.id + '"]');
      if (!form) return;
      form.hidden = !form.hidden;
      if (!form.hidden) form.elements.body.focus();
    });
  });
  $$('.row-comment').forEach(function (form) {
    var err = $('.row-comment-error', form);
    $('.cancel-comment', form).addEventListener('click', function () { form.hidden = true; err.hidden = true; });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var text = form.elements.body.value.trim();
      if (!text) { err.hidden = false; err.textContent = '请填写意见内容。'; return; }
      err.hidden = true;
      api('POST', '/api/v1/projects/' + projectId + '/comments', { body: text, indicator_id: Number(form.dataset.id) }).then(function (res) {
        if (res.ok) { form.hidden = true; flash('意见已发表。'); reloadSoon(); }
        else { err.hidden = false; err.textContent = detail(res); }
      });
    });
  });

  // Budget: amounts in 万元 as exact decimals (compared as scaled integers, never floats).
  function scaled(text) {
    text = (text || '').trim();
    if (text === '') return null;
    if (!/^\d+(\.\d{1,6})?$/.test(text)) return NaN;
    var parts = text.split('.');
    return BigInt(parts[0]) * 1000000n + BigInt(((parts[1] || '') + '000000').slice(0, 6));
  }
  // `totalName`: what the form calls the total (年度资金总额, or a department's 部门预算总额).
  function budgetProblem(f, totalName) {
    var t = scaled(f.elements.budget_total.value), a = scaled(f.elements.budget_fiscal.value), o = scaled(f.elements.budget_other.value);
    var total = totalName || '年度资金总额';
    var names = [[total, t], ['财政拨款', a], ['其他资金', o]];
    for (var i = 0; i < names.length; i++) {
      if (typeof names[i][1] === 'number' && isNaN(names[i][1])) return names[i][0] + '应为不小于 0 的金额（万元，最多 6 位小数）。';
    }
    if (t !== null && a !== null && o !== null && a + o !== t) return '财政拨款与其他资金之和应等于' + total + '。';
    if (t !== null && a !== null && a > t) return '财政拨款不能大于' + total + '。';
    return null;
  }
  var bf = $('#budget-form');
  if (bf) {
    var bcheck = $('#budget-check');
    bf.addEventListener('input', function () { var p = budgetProblem(bf); bcheck.textContent = p ? '✗ ' + p : '✓'; bcheck.className = 'check ' + (p ? 'error' : 'ok'); });
    bf.addEventListener('submit', function (e) {
      e.preventDefault();
      var p = budgetProblem(bf);
      if (p) { bcheck.textContent = '✗ ' + p; bcheck.className = 'check error'; return; }
      api('PUT', '/api/v1/projects/' + projectId, {
        version: Number(bf.dataset.version), budget_total: bf.elements.budget_total.value,
        budget_fiscal: bf.elements.budget_fiscal.value, budget_other: bf.elements.budget_other.value
      }).then(function (res) {
        if (res.ok) { flash('资金已保存。'); reloadSoon(); }
        else if (res.status === 409) flash('保存冲突：' + detail(res) + ' 请刷新页面查看对方的修改后再改。', true);
        else flash(detail(res), true);
      });
    });
  }

  // Workflow: one behaviour for every item of the review flow on a page — the project page's
  // #workflow and each 部门整体 table on its department page —, a `.flow` block naming its API
  // item (data-api), the version read (data-version), its open error findings (data-errors)
  // and how messages name it (data-what).
  $$('.flow').forEach(function (box) {
    var one = function (cls) { return box.querySelector(cls); };
    var what = box.dataset.what || '本项';
    var transition = function (action, comment) {
      api('POST', box.dataset.api + '/' + action, { version: Number(box.dataset.version), comment: comment || null }).then(function (res) {
        var done = { submit: '已提交审核。', 'return': '已退回修改。', approve: '已批准，数据已公开。' }[action];
        if (res.ok) { flash(done); reloadSoon(); } else flash(detail(res), true);
      });
    };
    // Submitting asks for confirmation; with error findings, a justification must be written.
    var sp = one('.flow-submit');
    if (sp) {
      var reason = one('.flow-submit-comment'), confirm = one('.flow-confirm');
      sp.addEventListener('click', function () {
        var errors = Number(box.dataset.errors || 0);
        if (errors > 0 && !reason.value.trim()) {
          flash(what + '有 ' + errors + ' 条错误级审核发现：请先改正，或在提交说明中写明带着错误提交的理由。', true);
          reason.focus();
          return;
        }
        confirm.hidden = false; sp.disabled = true;
      });
      one('.flow-confirm-cancel').addEventListener('click', function () { confirm.hidden = true; sp.disabled = false; });
      one('.flow-confirm-go').addEventListener('click', function () { one('.flow-confirm-go').disabled = true; transition('submit', reason.value); });
    }
    var rp = one('.flow-return'); if (rp) rp.addEventListener('click', function () { transition('return', one('.flow-review-comment').value); });
    var ap = one('.flow-approve'); if (ap) ap.addEventListener('click', function () { transition('approve', one('.flow-review-comment').value); });
    var ac = one('.flow-add-comment');
    if (ac) ac.addEventListener('click', function () {
      api('POST', box.dataset.api + '/comments', { body: one('.flow-note').value }).then(function (res) {
        if (res.ok) { flash('意见已发表。'); reloadSoon(); } else flash(detail(res), true);
      });
    });
  });

  // Project page: 复制为下一年度草稿.
  var cp = $('#copy-project');
  if (cp) cp.addEventListener('click', function () {
    cp.disabled = true;
    api('POST', '/api/v1/projects/' + projectId + '/copy', { budget: $('#copy-budget').checked ? 'copy' : 'blank' }).then(function (res) {
      if (res.ok) { flash('已建立下一年度草稿。'); location.href = '/projects/' + res.body.project_id; }
      else { cp.disabled = false; flash(detail(res), true); }
    });
  });

  // ------------------------------------------------------------ 新建绩效目标表
  // One form for both tables: 项目支出 and 部门整体 share the budget block, the goals and the
  // indicator rows; what only one of them prints is marked data-kind and shown with it.
  var df = $('#draft-form');
  if (df) {
    var levels = JSON.parse($('#draft-levels').textContent);
    var initial = JSON.parse($('#draft-initial').textContent);
    var tbody = $('#draft-indicators tbody');
    var kindOf = function () { var k = $('[name=kind]:checked', df); return k ? k.value : 'project'; };
    var totalName = function () { return kindOf() === 'department' ? '部门预算总额' : '年度资金总额'; };
    var showKind = function () {
      var k = kindOf();
      $$('[data-kind]').forEach(function (e) { e.hidden = e.dataset.kind !== k; });
      $('#draft-template-filled').hidden = k !== 'project';
      var offline = $('#draft-offline'); if (offline) offline.hidden = k !== 'project';
      var start = $('#draft-start'); if (start) start.hidden = k !== 'project';
      // 部门名称 spans the row where a project's 实施单位 would be.
      $('#draft-department-cell').colSpan = k === 'project' ? 1 : 3;
    };
    var fillLevel2 = function (row, chosen) {
      var l1 = $('[name=level1]', row).value, sel = $('[name=level2]', row);
      var entry = levels.filter(function (l) { return l.name === l1; })[0] || levels[0];
      sel.innerHTML = '';
      entry.children.forEach(function (c) { var o = document.createElement('option'); o.value = c; o.textContent = c; sel.appendChild(o); });
      // Wording of an older table (a copy) is kept as an option of its own.
      if (chosen && entry.children.indexOf(chosen) < 0) { var x = document.createElement('option'); x.value = chosen; x.textContent = chosen; sel.appendChild(x); }
      if (chosen) sel.value = chosen;
    };
    var rowMode = function (row) {
      var qual = $('[name=op]', row).value === '定性';
      $$('.quant', row).forEach(function (e) { e.hidden = qual; });
      $$('.qual', row).forEach(function (e) { e.hidden = !qual; });
    };
    // The printed 指标值 of a row, as /ui/check-target composes it.
    var rowTarget = function (row) {
      var op = $('[name=op]', row).value;
      if (op === '定性') return $('[name=text]', row).value.trim();
      var n = $('[name=number]', row).value.trim();
      if (!n) return '';
      return (op === '=' ? '' : op) + n + $('[name=unit]', row).value.trim();
    };
    // Each row's value through the editor's live validation (/ui/check-target).
    // Answers may come back out of order: only the latest of a row is shown.
    var checkRow = function (row) {
      var seq = (row.checkSeq || 0) + 1;
      row.checkSeq = seq;
      var q = new URLSearchParams();
      ['level1', 'level2', 'level3', 'op', 'number', 'unit', 'text'].forEach(function (k) { q.set(k, $('[name=' + k + ']', row).value); });
      return fetch('/ui/check-target?' + q.toString(), { credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) { if (row.checkSeq === seq) $('.row-check', row).innerHTML = html; });
    };
    var addRow = function (data) {
      var row = $('#draft-row').content.firstElementChild.cloneNode(true);
      var l1 = $('[name=level1]', row);
      levels.forEach(function (l) { var o = document.createElement('option'); o.value = l.name; o.textContent = l.name; l1.appendChild(o); });
      data = data || {};
      if (data.level1) l1.value = data.level1 === '效果指标' ? '效益指标' : data.level1;
      if (!l1.value) l1.selectedIndex = 0;
      fillLevel2(row, data.level2);
      // A suggestion brings its target already split by the server (data.parts).
      var p = data.parts;
      var t = p ? { op: p.op, number: p.number || '', unit: p.unit || '', text: p.text || '' } : splitTarget(data.target);
      $('[name=level3]', row).value = data.level3 || '';
      $('[name=op]', row).value = (data.target || p) ? t.op : '≥';
      $('[name=number]', row).value = t.number; $('[name=unit]', row).value = t.unit; $('[name=text]', row).value = t.text;
      $('[name=description]', row).value = data.description || ''; $('[name=basis]', row).value = data.basis || '';
      l1.addEventListener('change', function () { fillLevel2(row); });
      $('[name=op]', row).addEventListener('change', function () { rowMode(row); });
      $('.remove-row', row).addEventListener('click', function () { row.remove(); reviewSoon(); });
      rowMode(row);
      tbody.appendChild(row);
      if (data.level3) checkRow(row);
      return row;
    };
    // The request body: a 部门整体 table sends none of the project's own fields.
    var draftBody = function () {
      var v = function (n) { var el = df.elements[n]; return el ? el.value : ''; };
      var dept = v('department_id'), kind = kindOf();
      var body = {
        kind: kind, department_id: dept ? Number(dept) : null, year: Number(v('year')),
        budget_total: v('budget_total'), budget_fiscal: v('budget_fiscal'), budget_other: v('budget_other'),
        goals: v('goals').split('\n').map(function (g) { return g.trim(); }).filter(function (g) { return g; }),
        indicators: $$('.draft-row', tbody).map(function (row) {
          return { level1: $('[name=level1]', row).value, level2: $('[name=level2]', row).value, level3: $('[name=level3]', row).value,
            target: rowTarget(row), description: $('[name=description]', row).value, basis: $('[name=basis]', row).value };
        })
      };
      if (kind === 'project') {
        body.name = v('name'); body.code = v('code'); body.unit = v('unit'); body.purpose = v('purpose');
        body.plan = $$('[name=plan]', df).map(function (i) { return i.value; });
      }
      return body;
    };
    // The whole draft reviewed by the server as it is typed (nothing stored).
    var reviewSeq = 0;
    var review = function () {
      var seq = ++reviewSeq;
      var p = budgetProblem(df, totalName()), bc = $('#draft-budget-check');
      bc.textContent = p ? '✗ ' + p : ''; bc.className = 'check' + (p ? ' error' : '');
      return api('POST', '/api/v1/drafts/review', draftBody()).then(function (res) {
        if (seq !== reviewSeq) return;
        var list = $('#draft-findings'), sum = $('#draft-review-summary');
        list.innerHTML = '';
        $$('.row-findings', tbody).forEach(function (c) { c.innerHTML = ''; });
        if (!res.ok) { sum.textContent = '暂不能审核：' + detail(res); sum.className = 'notice'; df.dataset.reviewed = 'invalid'; return; }
        var rows = $$('.draft-row', tbody);
        res.body.findings.forEach(function (f) {
          var text = '【' + f.severity_name + '】' + f.message + '（' + f.rule + '）';
          var li = document.createElement('li'); li.className = 'finding ' + f.severity; li.textContent = (f.row !== null ? '第 ' + (f.row + 1) + ' 条指标：' : '') + text;
          list.appendChild(li);
          if (f.row !== null && rows[f.row]) { var d = document.createElement('div'); d.className = 'finding'; d.textContent = text; $('.row-findings', rows[f.row]).appendChild(d); }
        });
        sum.textContent = '审核发现：错误 ' + res.body.errors + ' 条、警告 ' + res.body.warnings + ' 条。' + (res.body.errors ? '可以保存草稿，但提交审核时须改正或写明理由。' : '');
        sum.className = res.body.errors ? 'notice' : 'hint';
        df.dataset.reviewed = String(seq);
      });
    };
    var timer = null;
    var reviewSoon = function () { clearTimeout(timer); timer = setTimeout(review, 300); };

    // 指标建议（相似项目的指标）: what the most similar projects the user may see measure
    // (POST /api/v1/library/suggest, read-only), asked again once typing pauses; 添加 puts
    // one into the table as a row, its target split as the server parsed it.
    var suggestStatus = $('#draft-suggest-status'), suggestTable = $('#draft-suggest-table');
    var suggestHint = suggestStatus.textContent;
    var suggestSeq = 0, suggestTimer = null, suggestedFor = null;
    var suggestQuery = function () {
      var project = kindOf() === 'project';
      var v = function (n) { return project ? df.elements[n].value.trim() : ''; };
      var goals = df.elements.goals.value.split('\n').map(function (g) { return g.trim(); }).filter(function (g) { return g; });
      return { name: v('name'), purpose: v('purpose'), goals: goals.slice(0, 50), limit: 12 };
    };
    var hasRow = function (label) { return $$('.draft-row [name=level3]', tbody).some(function (i) { return i.value.trim() === label; }); };
    // Rows the form started with and nobody typed in: a suggestion takes their place.
    var blankRow = function (row) {
      return ['level3', 'number', 'text', 'description', 'basis'].every(function (k) { return !$('[name=' + k + ']', row).value.trim(); });
    };
    var addSuggestion = function (s) {
      // A 二级 listed under another 一级 (成本指标 of the older tables, under 产出指标) takes that 一级.
      var level1 = s.level1;
      var owners = levels.filter(function (l) { return s.level2 && l.children.indexOf(s.level2) >= 0; });
      if (owners.length && !owners.some(function (l) { return l.name === level1; })) level1 = owners[0].name;
      $$('.draft-row', tbody).filter(blankRow).forEach(function (r) { r.remove(); });
      addRow({ level1: level1, level2: s.level2, level3: s.label, parts: s.typical_target });
      reviewSoon();
    };
    var suggestionRow = function (s) {
      var tr = document.createElement('tr');
      tr.className = 'suggestion';
      tr.dataset.label = s.label;
      if (s.typical_target) tr.dataset.target = s.typical_target.printed;
      var cell = function (text) { var td = document.createElement('td'); td.textContent = text; tr.appendChild(td); return td; };
      // The entry opens beside the draft (leaving the page would lose what is typed).
      var a = document.createElement('a');
      a.href = '/library/' + encodeURIComponent(s.label); a.target = '_blank'; a.rel = 'noopener'; a.textContent = s.label;
      cell('').appendChild(a);
      cell((s.level1 || '未分类') + (s.level2 ? ' / ' + s.level2 : ''));
      cell(s.typical || '无定量值');
      cell(s.targets.join('、') || '—');
      cell(s.sources.join('；'));
      var b = document.createElement('button');
      b.type = 'button'; b.className = 'suggest-add';
      var added = function () { b.disabled = true; b.textContent = '已添加'; };
      b.textContent = '添加';
      b.title = '把“' + s.label + '”加入绩效指标表' + (s.typical_target ? '，指标值取常见值“' + s.typical_target.printed + '”' : '');
      if (hasRow(s.label)) added();
      b.addEventListener('click', function () { addSuggestion(s); added(); });
      cell('').appendChild(b);
      return tr;
    };
    var suggest = function () {
      var q = suggestQuery(), key = JSON.stringify(q);
      if (key === suggestedFor) return;
      suggestedFor = key;
      var seq = ++suggestSeq, box = $('#draft-suggest');
      if (!q.name && !q.purpose && !q.goals.length) {
        suggestTable.hidden = true; suggestStatus.textContent = suggestHint; box.dataset.state = 'idle';
        return;
      }
      suggestStatus.textContent = '正在查找相似项目的指标…';
      box.dataset.state = 'loading';
      var shown = function (text, items) {
        if (seq !== suggestSeq) return;
        var body = $('tbody', suggestTable);
        body.innerHTML = '';
        (items || []).forEach(function (s) { body.appendChild(suggestionRow(s)); });
        suggestTable.hidden = !(items && items.length);
        suggestStatus.textContent = text;
        box.dataset.state = items ? 'ready' : 'error';
      };
      api('POST', '/api/v1/library/suggest', q).then(function (res) {
        if (!res.ok) { shown('暂不能给出建议：' + detail(res), null); return; }
        var items = res.body.items;
        shown(items.length ? '相似项目的指标 ' + items.length + ' 条，最相似的在前：' : '没有找到相似的项目。', items);
      }, function () { shown('暂不能给出建议：网络错误。', null); });
    };
    var suggestSoon = function () { clearTimeout(suggestTimer); suggestTimer = setTimeout(suggest, 500); };

    df.addEventListener('input', function (e) {
      var row = e.target.closest && e.target.closest('.draft-row');
      if (row) checkRow(row);
      if (['name', 'purpose', 'goals'].indexOf(e.target.name) >= 0) suggestSoon();
      reviewSoon();
    });
    df.addEventListener('change', function (e) {
      if (e.target.name === 'kind') { showKind(); suggestSoon(); }
      var row = e.target.closest && e.target.closest('.draft-row');
      if (row) checkRow(row);
      reviewSoon();
    });
    $('#draft-add-row').addEventListener('click', function () { $('[name=level3]', addRow()).focus(); reviewSoon(); });
    // Start: the initial draft (blank, or a project of an earlier year).
    ['name', 'code', 'unit', 'purpose', 'budget_total', 'budget_fiscal', 'budget_other'].forEach(function (k) { if (initial[k]) df.elements[k].value = initial[k]; });
    df.elements.goals.value = (initial.goals || []).join('\n');
    $$('[name=plan]', df).forEach(function (i, k) { i.value = (initial.plan || [])[k] || ''; });
    (initial.indicators && initial.indicators.length ? initial.indicators : [null]).forEach(function (d) { addRow(d); });
    showKind();
    if (initial.name || initial.kind === 'department') review();
    suggest();
    // 按已填内容下载申报表: the draft as typed, written by the server as the 申报表 (.xlsx).
    $('#draft-template-filled').addEventListener('click', function () {
      var err = $('#draft-error'); err.hidden = true;
      fetch('/api/v1/drafts/template', { method: 'POST', credentials: 'same-origin',
        headers: { 'X-CSRF-Token': csrf(), 'Content-Type': 'application/json' }, body: JSON.stringify(draftBody()) })
        .then(function (r) {
          if (!r.ok) {
            return r.json().catch(function () { return null; }).then(function (b) { err.hidden = false; err.textContent = detail({ status: r.status, body: b }); });
          }
          return r.blob().then(function (blob) {
            var a = document.createElement('a');
            a.href = URL.createObjectURL(blob); a.download = (df.elements.name.value.trim() || '项目支出绩效目标') + '申报表.xlsx';
            document.body.appendChild(a); a.click();
            setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
          });
        });
    });
    $('#draft-save').addEventListener('click', function () {
      var err = $('#draft-error'); err.hidden = true;
      var bad = $$('.draft-row', tbody).filter(function (row) { return $('.row-check .check-errors', row); });
      if (bad.length) { err.hidden = false; err.textContent = '请先改正指标值中的错误（第 ' + bad.map(function (r) { return $$('.draft-row', tbody).indexOf(r) + 1; }).join('、') + ' 条）。'; return; }
      var p = budgetProblem(df, totalName());
      if (p) { err.hidden = false; err.textContent = p; return; }
      $('#draft-save').disabled = true;
      var body = draftBody();
      api('POST', '/api/v1/drafts', body).then(function (res) {
        if (res.ok) {
          flash('草稿已保存。');
          // A project draft opens as its project; a 部门整体 table is shown on its department's page.
          location.href = res.body.project_id ? '/projects/' + res.body.project_id
            : '/departments/' + res.body.department_id + '?year=' + body.year;
          return;
        }
        $('#draft-save').disabled = false; err.hidden = false; err.textContent = detail(res);
      });
    });
  }

  // ------------------------------------------------------------ department page
  // 提交本部门全部草稿: the button opens a confirmation listing what will be submitted.
  var sa = $('#submit-all'), sc = $('#submit-all-confirm');
  if (sa && sc) {
    sa.addEventListener('click', function () { sc.hidden = false; sa.disabled = true; $('#submit-all-go').focus(); });
    $('#submit-all-cancel').addEventListener('click', function () { sc.hidden = true; sa.disabled = false; });
    $('#submit-all-go').addEventListener('click', function () {
      // Projects and 部门整体 tables, each through its own workflow endpoint.
      var items = $$('#submit-all-list li').map(function (li) { return { api: li.dataset.api, version: Number(li.dataset.version) }; });
      var reason = $('#submit-all-reason').value.trim(), errors = Number($('#submit-all-go').dataset.errors || 0);
      if (errors > 0 && !reason) {
        flash('所选项目中共有 ' + errors + ' 条错误级审核发现：请先改正，或在提交说明中写明理由。', true);
        $('#submit-all-reason').focus();
        return;
      }
      var failed = [];
      $('#submit-all-go').disabled = true;
      items.reduce(function (p, it) {
        return p.then(function () {
          return api('POST', it.api + '/submit', { version: it.version, comment: reason || null }).then(function (res) { if (!res.ok) failed.push(detail(res)); });
        });
      }, Promise.resolve()).then(function () {
        sc.hidden = true;
        if (failed.length) { flash('有 ' + failed.length + ' 项未能提交：' + failed.join('；'), true); $('#submit-all-go').disabled = false; sa.disabled = false; }
        else { flash('已提交 ' + items.length + ' 项。'); reloadSoon(); }
      });
    });
  }

  // ------------------------------------------------------------ queue: batch review
  var qb = $('#queue-batch');
  if (qb) {
    var all = $('#queue-all');
    if (all) all.addEventListener('change', function () { $$('.queue-pick').forEach(function (c) { c.checked = all.checked; }); });
    var batch = function (action) {
      var picked = $$('.queue-pick:checked');
      if (!picked.length) { flash('请先勾选要审核的项目。', true); return; }
      var comment = $('#batch-comment').value.trim();
      if (action === 'return' && !comment) { flash('退回时须填写意见（comment），说明需要修改什么。', true); return; }
      var done = 0, failed = [];
      $$('#queue-batch button').forEach(function (b) { b.disabled = true; });
      picked.reduce(function (p, c) {
        return p.then(function () {
          return api('POST', c.dataset.api + '/' + action, { version: Number(c.dataset.version), comment: comment || null }).then(function (res) {
            var cell = $('tr[data-key="' + c.dataset.api + '"] .batch-result');
            if (res.ok) { done++; if (cell) cell.textContent = action === 'approve' ? '已批准' : '已退回'; }
            else { failed.push(detail(res)); if (cell) { cell.textContent = detail(res); cell.classList.add('error'); } }
          });
        });
      }, Promise.resolve()).then(function () {
        var verb = action === 'approve' ? '批准' : '退回';
        if (failed.length) { flash('已' + verb + ' ' + done + ' 项，' + failed.length + ' 项未能' + verb + '：' + failed.join('；'), true); $$('#queue-batch button').forEach(function (b) { b.disabled = false; }); }
        else { flash('已' + verb + ' ' + done + ' 项。'); reloadSoon(); }
      });
    };
    $('#batch-approve').addEventListener('click', function () { batch('approve'); });
    $('#batch-return').addEventListener('click', function () { batch('return'); });
  }

  // ------------------------------------------------------------ 系统管理: users
  // A department is chosen only for a filler.
  function syncDepartment(roleSelect, scope) {
    var pick = $('.department-pick', scope);
    if (!pick) return;
    var filler = roleSelect.value === 'filler';
    var select = pick.tagName === 'SELECT' ? pick : $('select', pick);
    if (pick.tagName === 'SELECT') pick.disabled = !filler; else pick.hidden = !filler;
    if (!filler && select && select.querySelector('option[value=""]')) select.value = '';
  }
  var uc = $('#user-create');
  if (uc) {
    var ucRole = $('.role-pick', uc);
    ucRole.addEventListener('change', function () { syncDepartment(ucRole, uc); });
    syncDepartment(ucRole, uc);
    uc.addEventListener('submit', function (e) {
      e.preventDefault();
      var err = $('#user-create-error'); err.hidden = true;
      var role = uc.elements.role.value;
      var body = { username: uc.elements.username.value.trim(), display_name: uc.elements.display_name.value.trim() || null,
        password: uc.elements.password.value, role: role };
      if (role === 'filler') body.department_id = Number(uc.elements.department_id.value);
      api('POST', '/api/v1/users', body).then(function (res) {
        if (res.ok) { flash('已建立用户“' + body.username + '”。'); reloadSoon(); }
        else { err.hidden = false; err.textContent = detail(res); }
      });
    });
  }
  $$('#users tbody tr').forEach(function (row) {
    var role = $('.role-pick', row), err = $('.user-error', row);
    role.addEventListener('change', function () { syncDepartment(role, row); });
    syncDepartment(role, row);
    var put = function (body, done) {
      err.hidden = true;
      body.version = Number(row.dataset.version);
      api('PUT', '/api/v1/users/' + row.dataset.id, body).then(function (res) {
        if (res.ok) { flash(done); reloadSoon(); }
        else { err.hidden = false; err.textContent = detail(res); }
      });
    };
    $('.user-save', row).addEventListener('click', function () {
      var body = { display_name: $('[name=display_name]', row).value.trim(), role: role.value };
      if (role.value === 'filler') body.department_id = Number($('[name=department_id]', row).value) || null;
      put(body, '已保存用户“' + row.dataset.username + '”。');
    });
    $('.user-active', row).addEventListener('click', function (e) {
      var on = e.target.dataset.active === 'true';
      put({ active: on }, (on ? '已启用' : '已停用') + '用户“' + row.dataset.username + '”。');
    });
    $('.user-reset', row).addEventListener('click', function () { var f = $('.user-reset-form', row); f.hidden = !f.hidden; if (!f.hidden) $('[name=password]', f).focus(); });
    $('.user-reset-go', row).addEventListener('click', function () {
      put({ password: $('.user-reset-form [name=password]', row).value }, '已重设用户“' + row.dataset.username + '”的口令，其登录会话已结束。');
    });
  });

  // ------------------------------------------------------------ 系统管理: organisations
  var oc = $('#org-create');
  if (oc) {
    oc.addEventListener('submit', function (e) {
      e.preventDefault();
      var err = $('#org-create-error'); err.hidden = true;
      var parent = oc.elements.parent_id.selectedOptions[0];
      var body = { parent_id: Number(parent.value), kind: parent.dataset.kind === 'bureau' ? 'department' : 'unit',
        name: oc.elements.name.value.trim(), code: oc.elements.code.value.trim() || null };
      api('POST', '/api/v1/organisations', body).then(function (res) {
        if (res.ok) { flash('已建立“' + body.name + '”。'); reloadSoon(); }
        else { err.hidden = false; err.textContent = detail(res); }
      });
    });
  }
  $$('#organisations tbody tr').forEach(function (row) {
    var err = $('.org-error', row);
    var fail = function (res) { err.hidden = false; err.textContent = detail(res); };
    $('.org-save', row).addEventListener('click', function () {
      err.hidden = true;
      api('PUT', '/api/v1/organisations/' + row.dataset.id, { version: Number(row.dataset.version),
        name: $('[name=name]', row).value.trim(), code: $('[name=code]', row).value.trim() }).then(function (res) {
        if (res.ok) { flash('已保存。'); reloadSoon(); } else fail(res);
      });
    });
    var del = $('.org-delete', row);
    if (del) {
      var box = $('.org-delete-confirm', row);
      del.addEventListener('click', function () { box.hidden = false; del.hidden = true; });
      $('.org-delete-cancel', row).addEventListener('click', function () { box.hidden = true; del.hidden = false; });
      $('.org-delete-go', row).addEventListener('click', function () {
        err.hidden = true;
        api('DELETE', '/api/v1/organisations/' + row.dataset.id + '?version=' + row.dataset.version).then(function (res) {
          if (res.ok) { flash('已删除。'); reloadSoon(); } else { fail(res); box.hidden = true; del.hidden = false; }
        });
      });
    }
  });

  // ------------------------------------------------------------ 系统管理: fiscal years
  var yc = $('#year-create');
  if (yc) {
    yc.addEventListener('submit', function (e) {
      e.preventDefault();
      var err = $('#year-create-error'); err.hidden = true;
      var body = { year: Number(yc.elements.year.value), deadline: yc.elements.deadline.value || null };
      api('POST', '/api/v1/fiscal-years', body).then(function (res) {
        if (res.ok) { flash('已建立 ' + body.year + ' 年度。'); reloadSoon(); }
        else { err.hidden = false; err.textContent = detail(res); }
      });
    });
  }
  $$('#years tbody tr[data-year]').forEach(function (row) {
    var err = $('.year-error', row);
    $('.year-save', row).addEventListener('click', function () {
      err.hidden = true;
      api('PUT', '/api/v1/fiscal-years/' + row.dataset.year, { version: Number(row.dataset.version),
        status: $('[name=status]', row).value, deadline: $('[name=deadline]', row).value }).then(function (res) {
        if (res.ok) { flash('已保存。'); reloadSoon(); } else { err.hidden = false; err.textContent = detail(res); }
      });
    });
  });

  // ------------------------------------------------------------ upload page
  var drop = $('#drop');
  function upload(file) {
    var card = $('#outcome-template').content.firstElementChild.cloneNode(true);
    $('.file', card).textContent = file.name;
    $('#outcomes').appendChild(card);
    var bar = $('progress', card), result = $('.result', card);
    result.textContent = '正在上传…';
    var listInto = function (sel, notes) {
      var ul = $(sel + ' ul', card);
      notes.forEach(function (n) { var li = document.createElement('li'); li.textContent = '【' + n.severity + '】' + n.place + '：' + n.message; ul.appendChild(li); });
      $(sel + ' summary', card).textContent += '（' + notes.length + '）';
    };
    return new Promise(function (resolve) {
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/documents?name=' + encodeURIComponent(file.name));
      xhr.setRequestHeader('X-CSRF-Token', csrf());
      xhr.upload.onprogress = function (e) { if (e.lengthComputable) bar.value = Math.round(e.loaded * 90 / e.total); };
      xhr.onload = function () {
        bar.value = 100;
        var b = {}; try { b = JSON.parse(xhr.responseText); } catch (e) {}
        if (xhr.status === 200 || xhr.status === 201) {
          result.textContent = (b.result === 'unchanged' ? '内容未变，未重复保存' : '已导入') + '：修订版 ' + b.revision + '，' + b.projects + ' 个项目，' + b.indicators + ' 条指标，' + b.findings + ' 条审核意见。';
          card.dataset.outcome = 'ok';
          card.dataset.document = b.document_id;
        } else {
          result.textContent = '未导入：' + (b.detail || ('错误 ' + xhr.status));
          result.classList.add('bad');
          card.dataset.outcome = 'failed';
        }
        fetch('/upload/diagnose?name=' + encodeURIComponent(file.name), { method: 'POST', headers: { 'X-CSRF-Token': csrf() }, body: file, credentials: 'same-origin' })
          .then(function (r) { return r.json(); })
          .then(function (d) {
            if (d.ok) { listInto('.diagnostics', d.diagnostics); listInto('.findings', d.findings); if (d.score !== null) result.textContent += ' 审核等级 ' + d.grade + '（得分 ' + d.score + '）' + (d.grade_reasons.length ? '：' + d.grade_reasons[d.grade_reasons.length - 1] : '。'); }
            else { listInto('.diagnostics', [{ severity: '错误', place: file.name, message: d.error }]); }
            if (d.ok && d.reading) { return showReading(card, d.reading); }
          })
          .then(function () { card.dataset.done = 'yes'; resolve(); }, function () { card.dataset.done = 'yes'; resolve(); });
      };
      xhr.onerror = function () { result.textContent = '上传失败：网络错误。'; card.dataset.done = 'yes'; resolve(); };
      xhr.send(file);
    });
  }
  // 读取报告: rows read, each project's confidence and the rows to check; once imported, each
  // project links to its page, where the filler corrects the rows before submitting.
  function showReading(card, r) {
    var box = $('.reading', card), body = $('.reading-projects tbody', card);
    box.hidden = false;
    $('.reading-rows', card).textContent = '读出 ' + r.rows + ' 条指标行，' + r.projects.length + ' 个项目' + (r.not_understood_total ? '；' + r.not_understood_total + ' 处表格内容未能识别。' : '。');
    var cells = r.projects.map(function (p) {
      var tr = document.createElement('tr');
      tr.dataset.level = p.level;
      var name = document.createElement('td'); name.textContent = p.name; tr.appendChild(name);
      var rows = document.createElement('td'); rows.textContent = p.rows; tr.appendChild(rows);
      var conf = document.createElement('td'); conf.className = 'confidence confidence-' + ({ '高': 'high', '中': 'medium', '低': 'low' }[p.level] || 'low'); conf.textContent = p.level + '（' + p.confidence + '%）'; tr.appendChild(conf);
      var doubt = document.createElement('td'); doubt.textContent = p.doubtful_rows.length ? p.doubtful_rows.map(function (n) { return '第 ' + n + ' 行'; }).join('、') : '—'; tr.appendChild(doubt);
      body.appendChild(tr);
      return { project: p, cell: name };
    });
    var ul = $('.unread ul', card);
    r.not_understood.forEach(function (u) { var li = document.createElement('li'); li.textContent = u.place + '：' + u.text; ul.appendChild(li); });
    $('.unread summary', card).textContent += '（' + r.not_understood_total + '）';
    $('.unread', card).hidden = r.not_understood_total === 0;
    if (!card.dataset.document) return Promise.resolve();
    // The imported projects, by the line each starts on.
    return fetch('/api/v1/projects?per_page=200&document=' + encodeURIComponent(card.dataset.document), { credentials: 'same-origin' })
      .then(function (res) { return res.ok ? res.json() : { items: [] }; })
      .then(function (page) {
        cells.forEach(function (c) {
          var stored = page.items.filter(function (s) { return s.line === c.project.line; })[0];
          if (!stored) return;
          var a = document.createElement('a');
          a.href = '/projects/' + stored.id;
          a.textContent = c.project.name;
          a.className = 'reading-project';
          c.cell.textContent = '';
          c.cell.appendChild(a);
          if (c.project.level !== '高' || c.project.doubtful_rows.length) {
            // To the first row to check (the project page's rows are numbered as read).
            var fix = document.createElement('a');
            fix.href = a.href + (c.project.doubtful_rows.length ? '#row-' + c.project.doubtful_rows[0] : '');
            fix.className = 'reading-fix'; fix.textContent = ' 核对与更正 →'; c.cell.appendChild(fix);
          }
        });
      }, function () {});
  }
  function uploadAll(files) {
    Array.prototype.slice.call(files).reduce(function (p, f) { return p.then(function () { return upload(f); }); }, Promise.resolve());
  }
  if (drop) {
    drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
    drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
    drop.addEventListener('drop', function (e) { e.preventDefault(); drop.classList.remove('over'); uploadAll(e.dataTransfer.files); });
    $('#files').addEventListener('change', function (e) { uploadAll(e.target.files); });
  }

  // ------------------------------------------------------------ monitoring: errors at the field
  document.addEventListener('htmx:afterSwap', function (e) {
    if (!e.target || e.target.id !== 'lights') return;
    var form = $('#entry-form'); if (!form) return;
    $$('.field-error', form).forEach(function (x) { x.remove(); });
    $$('.invalid', form).forEach(function (x) { x.classList.remove('invalid'); });
    var first = null;
    $$('#lights li[data-field]').forEach(function (li) {
      var input = form.querySelector('[name="' + li.dataset.field + '"]');
      if (!input) return;
      input.classList.add('invalid');
      var note = document.createElement('span'); note.className = 'field-error error'; note.textContent = li.textContent;
      input.insertAdjacentElement('afterend', note);
      if (!first) first = input;
    });
    if (first) { first.scrollIntoView({ block: 'center' }); first.focus(); }
  });

  // ------------------------------------------------------------ monitoring preview
  var mf = $('#monitor-file');
  if (mf && $('#monitor-template')) {
    var tpl = $('#monitor-template');
    var updateLink = function () { tpl.href = '/monitoring/template/' + $('#monitor-document').value + '?month=' + $('#monitor-month').value; };
    $('#monitor-document').addEventListener('change', updateLink); $('#monitor-month').addEventListener('input', updateLink); updateLink();
    mf.addEventListener('change', function () {
      var file = mf.files[0]; if (!file) return;
      fetch('/monitoring?document=' + $('#monitor-document').value + '&month=' + $('#monitor-month').value,
        { method: 'POST', headers: { 'X-CSRF-Token': csrf() }, body: file, credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) { $('#lights').innerHTML = html; $('#lights').dataset.done = 'yes'; });
    });
  }
})();
