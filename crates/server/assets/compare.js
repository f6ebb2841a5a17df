// 对比页图表：数据来自页面中的 #compare-data（服务端生成），ECharts 由本服务提供。
(function () {
  function draw() {
    var el = document.getElementById('compare-data');
    if (!el || !window.echarts) return;
    var d = JSON.parse(el.textContent);
    var colors = ['#9b1c1c', '#1a56db', '#1e7b34', '#b7791f', '#616e7c', '#6b21a8', '#0e7490', '#be185d'];
    function chart(id, option) {
      var node = document.getElementById(id);
      if (!node) return;
      var c = echarts.init(node, null, { renderer: 'svg' });
      option.animation = false;
      option.color = option.color || colors;
      c.setOption(option);
      window.addEventListener('resize', function () { c.resize(); });
    }
    // 项目跨年度：预算（柱）、审核得分与预算执行率（折线）。
    chart('chart-years', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 60, right: 60, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: d.years },
      yAxis: [{ type: 'value', name: '万元' }, { type: 'value', name: '分 / %', max: function (v) { return Math.max(100, v.max); } }],
      series: [
        { name: '预算数（万元）', type: 'bar', barMaxWidth: 80, data: d.budget, itemStyle: { color: '#9b1c1c' }, label: { show: true, position: 'top' } },
        { name: '审核得分', type: 'line', yAxisIndex: 1, data: d.score, connectNulls: true },
        { name: '预算执行率（%）', type: 'line', yAxisIndex: 1, data: d.execution, connectNulls: true }
      ]
    });
    // 项目跨年度：定量指标的目标值（实线）与实际完成值（虚线）。
    if (d.indicators && d.indicators.length) {
      var series = [];
      d.indicators.forEach(function (s, i) {
        var color = colors[i % colors.length];
        series.push({ name: s.name, type: 'line', data: s.targets, connectNulls: true, itemStyle: { color: color } });
        if (s.actuals.some(function (v) { return v !== null; })) {
          series.push({ name: s.name + '实际', type: 'line', data: s.actuals, connectNulls: true, itemStyle: { color: color }, lineStyle: { type: 'dashed' } });
        }
      });
      chart('chart-indicators', {
        tooltip: { trigger: 'axis' }, legend: { type: 'scroll', top: 0 }, grid: { left: 60, right: 20, top: 40, bottom: 30 },
        xAxis: { type: 'category', data: d.years }, yAxis: { type: 'value', scale: true },
        series: series
      });
    }
    // 部门对比：定量指标占比、平均审核得分、预算执行率（每个部门一行，图随部门数加高）。
    var tall = document.getElementById('chart-departments');
    if (tall && d.names) tall.style.height = Math.max(320, 60 + d.names.length * 54) + 'px';
    chart('chart-departments', {
      tooltip: { trigger: 'axis' }, legend: { top: 0 }, grid: { left: 180, right: 30, top: 40, bottom: 30 },
      yAxis: { type: 'category', data: (d.names || []).slice().reverse(), axisLabel: { width: 170, overflow: 'truncate' } },
      xAxis: { type: 'value', max: function (v) { return Math.max(100, v.max); } },
      series: [
        { name: '定量指标占比（%）', type: 'bar', barMaxWidth: 24, data: (d.quantitative || []).slice().reverse() },
        { name: '平均审核得分', type: 'bar', barMaxWidth: 24, data: (d.score || []).slice().reverse() },
        { name: '预算执行率（%）', type: 'bar', barMaxWidth: 24, data: (d.execution || []).slice().reverse() }
      ]
    });
    document.body.dataset.chartsReady = 'yes';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
