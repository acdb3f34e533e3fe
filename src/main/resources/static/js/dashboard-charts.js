// Draws each dashboard figure's chart (div.chart[data-chart]) with Apache ECharts, from the same rows
// as the table beside it. Not by colour alone: every series has its own decal pattern (and, on lines,
// its own symbol) and every bar or point carries its value as a label. SVG, so that a print is sharp.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var symbols = ['circle', 'rect', 'triangle', 'diamond', 'pin', 'arrow'];
  var palette = ['#1f4e79', '#b35900', '#2e7d32', '#6a1b9a', '#8c2d19', '#37474f'];
  function numberFormat(language, kind) {
    var locale = language === 'en' ? 'en-GB' : (language === 'sv' ? 'sv-FI' : 'fi-FI');
    var options = kind === 'euros' ? { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }
      : { maximumFractionDigits: kind === 'count' ? 0 : 1 };
    var format = new Intl.NumberFormat(locale, options);
    return function (value) {
      return value === null || value === undefined ? '' : format.format(value) + (kind === 'percent' ? ' %' : '');
    };
  }
  function draw(element) {
    var spec = JSON.parse(element.getAttribute('data-chart'));
    var horizontal = spec.type === 'bar' && spec.labels.length > 6;
    element.style.height = (horizontal ? Math.max(240, 36 * spec.labels.length * Math.max(1, spec.series.length) + 80) : 320) + 'px';
    var chart = echarts.init(element, null, { renderer: 'svg' });
    // long names wrap: beside horizontal bars in up to 240 px, under vertical ones in their own share of the width
    var labelWidth = horizontal ? 240 : Math.max(60, Math.floor(element.clientWidth / Math.max(1, spec.labels.length)) - 12);
    var categoryAxis = { type: 'category', data: spec.labels, axisLabel: { interval: 0, width: labelWidth, overflow: 'break' }, inverse: horizontal };
    var kind = spec.series[0].kind;
    // whole steps for counts (no axis of 0, 0, 0, 1, 1, 1 when every value is 0 or 1), 0–100 for percentages
    var valueAxis = { type: 'value', minInterval: kind === 'count' ? 1 : 0, max: kind === 'percent' ? 100 : null,
                      axisLabel: { formatter: numberFormat(spec.language, kind) } };
    chart.setOption({
      animation: false,
      color: palette,
      aria: { enabled: true, decal: { show: true } },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 48, top: spec.series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: spec.series.map(function (s, i) {
        return {
          name: s.name,
          type: spec.type,
          data: s.values,
          symbol: symbols[i % symbols.length],
          symbolSize: 8,
          label: { show: true, position: spec.type === 'bar' ? (horizontal ? 'right' : 'top') : 'top',
                   formatter: function (p) { return numberFormat(spec.language, s.kind)(p.value); } }
        };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
  }
  document.querySelectorAll('div.chart[data-chart]').forEach(draw);
  document.querySelectorAll('a.print-link').forEach(function (link) {
    link.addEventListener('click', function (event) { event.preventDefault(); window.print(); });
  });
}());
