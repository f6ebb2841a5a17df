// 首页图表：数据来自页面中的 #chart-data（服务端生成），ECharts 由本服务提供。
(function () {
  function draw() {
    var el = document.getElementById('chart-data');
    if (!el || !window.echarts) return;
    var d = JSON.parse(el.textContent);
    var colors = ['#9b1c1c', '#b7791f', '#1a56db', '#1e7b34', '#616e7c'];
    function chart(id, option) {
      var node = document.getElementById(id);
      if (!node) return;
      var c = echarts.init(node, null, { renderer: 'svg' });
      option.animation = false;
      option.color = option.color || colors;
      c.setOption(option);
      window.addEventListener('resize', function () { c.resize(); });
    }
    chart('chart-status', {
      tooltip: { trigger: 'item' },
      color: ['#616e7c', '#1a56db', '#c53030', '#1e7b34'],
      series: [{ type: 'pie', radius: ['40%', '70%'], data: d.status, label: { formatter: '{b}\n{c}' } }]
    });
    chart('chart-quality', {
      tooltip: {}, grid: { left: 40, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: d.quality.names, axisLabel: { interval: 0 } }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: d.quality.values, itemStyle: { color: '#1e7b34' }, label: { show: true, position: 'top' } }]
    });
    chart('chart-severity', {
      tooltip: {}, grid: { left: 50, right: 10, top: 20, bottom: 30 },
      xAxis: { type: 'category', data: d.severity.names }, yAxis: { type: 'value' },
      series: [{ type: 'bar', data: d.severity.values.map(function (v, i) { return { value: v, itemStyle: { color: ['#c53030', '#b7791f', '#616e7c'][i] } }; }), label: { show: true, position: 'top' } }]
    });
    chart('chart-budget', {
      tooltip: {}, grid: { left: 180, right: 30, top: 10, bottom: 30 },
      yAxis: { type: 'category', data: d.budget.names.slice().reverse(), axisLabel: { width: 170, overflow: 'truncate' } },
      xAxis: { type: 'value' },
      series: [{ type: 'bar', data: d.budget.values.slice().reverse().map(Number), itemStyle: { color: '#9b1c1c' } }]
    });
    document.body.dataset.chartsReady = 'yes';
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', draw); else draw();
})();
