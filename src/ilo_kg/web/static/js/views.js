// Map, timeline and bar chart, shared by the query page and the resource pages.
// The libraries are loaded on first use, from the package's own bundles (no network beyond this host).

const PALETTE = ["#1e5aa8", "#d9731a", "#2f9a4b", "#b8336a", "#7a52b3", "#0f8c8c", "#a58c12",
  "#c0392b", "#3d6b99", "#6f8f2f", "#9b5d2e", "#507080", "#d4508a", "#4a4ab0", "#888888"];
const SVG = "http://www.w3.org/2000/svg";

let worldShapes = null;

async function world() {
  if (!worldShapes) {
    const [lib, response] = await Promise.all([
      import("/static/vendor/map.js"),
      fetch("/static/vendor/world/countries-50m.json"),
    ]);
    const topology = await response.json();
    worldShapes = { lib, features: lib.feature(topology, topology.objects.countries).features };
  }
  return worldShapes;
}

export function colour(n) {
  return PALETTE[n % PALETTE.length];
}

// countries: Map ISO3 -> {label, group, href, details: [..]}; the view is fitted to them
export async function drawMap(container, countries, options = {}) {
  const { lib, features } = await world();
  container.textContent = "";
  const width = container.clientWidth || 800;
  const height = options.height || Math.max(360, Math.round(width * 0.55));
  const shown = features.filter((f) => countries.has(f.properties.iso3));
  const projection = lib.geoConicConformal().parallels([40, 65]).rotate([-40, 0]);
  // fitted to the shown countries' centroids (a country's whole shape, e.g. Russia's, would span
  // the globe), with a margin for their extent
  // (a box of at least 16 by 10 degrees around each, so that one small country is not a point)
  const around = ([lon, lat]) => [[lon - 8, lat - 5], [lon + 8, lat + 5], [lon - 8, lat + 5], [lon + 8, lat - 5]];
  const focus = shown.length
    ? { type: "MultiPoint", coordinates: shown.flatMap((f) => around(lib.geoCentroid(f))) }
    : { type: "Sphere" };
  const margin = Math.min(width, height) * 0.04;
  projection.fitExtent([[margin, margin], [width - margin, height - margin]], focus);
  const path = lib.geoPath(projection);
  const groups = [...new Set([...countries.values()].map((c) => c.group || ""))].sort();
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("class", "map");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", options.title || `map of ${countries.size} countries`);
  for (const f of features) {
    const d = path(f);
    if (!d) continue;
    const info = countries.get(f.properties.iso3);
    const shape = document.createElementNS(SVG, "path");
    shape.setAttribute("d", d);
    if (info) {
      shape.setAttribute("class", "country shown");
      shape.setAttribute("data-iso3", f.properties.iso3);
      shape.style.fill = colour(groups.indexOf(info.group || ""));
      const title = document.createElementNS(SVG, "title");
      title.textContent = [info.label || f.properties.name, info.group, ...(info.details || [])]
        .filter(Boolean).join("\n");
      shape.appendChild(title);
      if (info.href) {
        const a = document.createElementNS(SVG, "a");
        a.setAttribute("href", info.href);
        a.appendChild(shape);
        svg.appendChild(a);
        continue;
      }
    } else {
      shape.setAttribute("class", "country");
    }
    svg.appendChild(shape);
  }
  container.appendChild(svg);
  const named = groups.filter(Boolean);
  if (named.length) {
    const legend = document.createElement("ul");
    legend.className = "legend";
    named.forEach((g) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = colour(groups.indexOf(g));
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(g));
      legend.appendChild(li);
    });
    container.appendChild(legend);
  }
  const missing = [...countries.keys()].filter((k) => !features.some((f) => f.properties.iso3 === k));
  if (missing.length) {
    const note = document.createElement("p");
    note.className = "note";
    note.textContent = `Not on the map (no shape): ${missing.join(", ")}`;
    container.appendChild(note);
  }
  return svg;
}

let timelineCss = false;

const HTML_ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

// items: [{id, content, start, end?, title?, href?, group?}]
export async function drawTimeline(container, items, options = {}) {
  if (!timelineCss) {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = "/static/vendor/timeline.css";
    document.head.appendChild(link);
    timelineCss = true;
  }
  const { Timeline, DataSet } = await import("/static/vendor/timeline.js");
  container.textContent = "";
  // a point's label runs to its right, over its neighbours: kept short (the whole text is its tooltip)
  const short = (text) => (text.length > 45 ? text.slice(0, 44) + "…" : text);
  // vis-timeline reads content and title as HTML: the data's text is escaped
  const data = new DataSet(items.map((item) => ({
    ...item,
    title: escapeHtml(item.title || item.content),
    content: escapeHtml(item.end ? item.content : short(item.content)),
    type: item.end ? "range" : "point",
  })));
  // the window: every item, with a margin (a point's label is drawn to its right)
  const times = items.flatMap((i) => [Date.parse(i.start), Date.parse(i.end || i.start)]).filter((t) => !Number.isNaN(t));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const day = 86400000;
  const span = Math.max(last - first, 30 * day);
  // a point's label is drawn to its right: room for it after the last one
  const lastIsPoint = items.some((i) => !i.end && Date.parse(i.start) === last);
  const timeline = new Timeline(container, data, {
    start: new Date(first - span * 0.06),
    end: new Date(last + span * (lastIsPoint ? 0.4 : 0.06)),
    stack: true,
    maxHeight: options.maxHeight || 520,
    zoomKey: "ctrlKey",
    tooltip: { followMouse: true },
    orientation: { axis: "both" },
  });
  timeline.on("select", (event) => {
    const item = data.get(event.items[0]);
    if (item && item.href) window.location.href = item.href;
  });
  return timeline;
}

// bars: [{label, value, href?}]
export async function drawChart(container, bars, options = {}) {
  const { Chart } = await import("/static/vendor/chart.js");
  container.textContent = "";
  const canvas = document.createElement("canvas");
  container.appendChild(canvas);
  const horizontal = bars.length > 12;
  container.style.height = horizontal ? `${Math.max(300, bars.length * 22 + 60)}px` : "420px";
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: bars.map((b) => b.label),
      datasets: [{ label: options.title || "value", data: bars.map((b) => b.value), backgroundColor: colour(0) }],
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      onClick: (_event, elements) => {
        const bar = elements.length ? bars[elements[0].index] : null;
        if (bar && bar.href) window.location.href = bar.href;
      },
    },
  });
  return chart;
}
