// The timeline chart: incidents per period stacked by quad class, dead and injured as
// lines, alerting periods marked. Data carried by the page (data-chart, escaped JSON); the table
// below the chart holds the same numbers for readers without JavaScript.
"use strict";

(function () {
  const container = document.getElementById("timeline-chart");
  if (!container || typeof uPlot === "undefined") return;

  const QUAD_COLOURS = {
    statement: "#9aa5b1",
    verbal_cooperation: "#8ec5e8",
    material_cooperation: "#2b7bb9",
    verbal_conflict: "#f2a541",
    material_conflict: "#c8372d",
  };

  try {
    draw(JSON.parse(container.dataset.chart));
  } catch (problem) {
    container.textContent = "The chart could not be drawn; the table below has its numbers.";
  }

  function draw(data) {
    const periods = data.periods;
    if (!periods.length) return;
    const xs = periods.map((_, index) => index);
    // Stacked bars: each quad class is drawn as the running total up to it, the tallest
    // first, so that each lower class paints over the one above it.
    const quads = data.quad_classes.filter((quad) => periods.some((p) => p.by_quad[quad] > 0));
    const running = new Array(periods.length).fill(0);
    const stacked = quads.map((quad) =>
      periods.map((period, index) => (running[index] += period.by_quad[quad]))
    );
    const bars = uPlot.paths.bars({ size: [0.8, 60] });
    const quadSeries = quads
      .map((quad, index) => ({
        label: quad.replace("_", " "),
        scale: "incidents",
        fill: QUAD_COLOURS[quad],
        stroke: QUAD_COLOURS[quad],
        paths: bars,
        points: { show: false },
        value: (u, value, seriesIndex, index) =>
          index == null ? "–" : periods[index].by_quad[quad],
      }))
      .reverse();
    const options = {
      width: container.clientWidth || 800,
      height: 300,
      scales: { x: { time: false, range: [-0.5, periods.length - 0.5] }, incidents: {}, people: {} },
      axes: [
        {
          values: (u, ticks) => ticks.map((tick) => (periods[tick] ? periods[tick].period : "")),
          space: 70,
        },
        { scale: "incidents", label: "incidents" },
        { scale: "people", side: 1, label: "dead, injured", grid: { show: false } },
      ],
      series: [
        { label: "period", value: (u, index) => (periods[index] ? periods[index].period : "–") },
        ...quadSeries,
        { label: "dead", scale: "people", stroke: "#111", width: 2 },
        { label: "injured", scale: "people", stroke: "#7a4fb3", width: 2, dash: [6, 4] },
      ],
      hooks: { draw: [markAlerts] },
    };
    const columns = [
      xs,
      ...stacked.reverse(),
      periods.map((p) => p.dead),
      periods.map((p) => p.injured),
    ];
    const chart = new uPlot(options, columns, container);
    chart.over.classList.add("clickable");
    chart.over.addEventListener("click", () => {
      const period = periods[chart.cursor.idx];
      if (period && period.incidents > 0) window.location.assign(period.incidents_url);
    });
    window.addEventListener("resize", () =>
      chart.setSize({ width: container.clientWidth, height: 300 })
    );

    function markAlerts(u) {
      const context = u.ctx;
      const size = 7 * devicePixelRatio;
      context.save();
      context.fillStyle = "#c8372d";
      periods.forEach((period, index) => {
        if (!period.alerts.length) return;
        const x = u.valToPos(index, "x", true);
        const y = u.bbox.top + size;
        context.beginPath();
        context.moveTo(x, y - size);
        context.lineTo(x - size, y + size * 0.6);
        context.lineTo(x + size, y + size * 0.6);
        context.closePath();
        context.fill();
      });
      context.restore();
    }
  }
})();
