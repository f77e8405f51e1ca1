// The query page: a CodeMirror SPARQL editor (highlighting, completion of prefixes, terms and this
// graph's resources by label, Ctrl+Enter, the syntax error marked), results as a sortable, paged
// table, and map, timeline and bar chart views (chosen, or by a #defaultView: comment).
import {
  EditorState, EditorView, Prec, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter,
  drawSelection, StreamLanguage, syntaxHighlighting, defaultHighlightStyle, bracketMatching,
  indentOnInput, sparql, autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap,
  defaultKeymap, history, historyKeymap, indentWithTab, searchKeymap, highlightSelectionMatches,
  lintGutter, setDiagnostics,
} from "/static/vendor/codemirror.js";
import {
  addMissingPrefixes, blankOut, defaultView, errorPosition, parseNTriples, withParameters,
} from "./sparql-text.js";
import { ParamsForm, withoutHeader } from "./params.js";
import { chartData, mapData, timelineData } from "./shapes.js";
import { Terms } from "./terms.js";
import { drawChart, drawMap, drawTimeline } from "./views.js";

const page = JSON.parse(document.getElementById("page-data").textContent);
const textarea = document.getElementById("query");
const status = document.getElementById("status");
const results = document.getElementById("results");
const downloads = document.getElementById("downloads");
const paramsBox = document.getElementById("params");
const viewButtons = [...document.querySelectorAll("#views button")];
const terms = new Terms(page.prefixes, page.base);
const RESULT_FORMATS = ["json", "xml", "csv", "tsv"];
const GRAPH_FORMATS = ["ttl", "nt", "jsonld", "rdf", "trig", "nq"];
const KEYWORDS = ["SELECT", "DISTINCT", "WHERE", "OPTIONAL", "FILTER", "UNION", "MINUS", "GRAPH", "BIND",
  "VALUES", "ORDER BY", "GROUP BY", "HAVING", "LIMIT", "OFFSET", "ASK", "CONSTRUCT", "DESCRIBE",
  "PREFIX", "COUNT", "SAMPLE", "GROUP_CONCAT", "STR", "LANG", "LANGMATCHES", "CONTAINS", "STRSTARTS",
  "REGEX", "YEAR", "NOT EXISTS", "EXISTS", "DESC", "ASC", "AS"];

let current = null; // {vars, rows, kind}
let currentView = "table";
let requestedView = new URLSearchParams(window.location.search).get("view"); // a shared URL's, once

// --- the editor -------------------------------------------------------------------------------

function wordBefore(context) {
  return context.matchBefore(/[\w:.-]*$/);
}

function inIriOrString(context) {
  const plain = blankOut(context.state.doc.toString().slice(0, context.pos));
  const raw = context.state.doc.toString().slice(0, context.pos);
  return plain.length && plain[plain.length - 1] === " " && raw[raw.length - 1] !== " ";
}

// prefixes, SPARQL keywords and the vocabulary's terms (ilo:, schema:, ... as used in the graph)
function vocabularySource(context) {
  const word = wordBefore(context);
  if (!word || (word.from === word.to && !context.explicit) || inIriOrString(context)) return null;
  const before = context.state.sliceDoc(word.from - 1, word.from);
  if (before === "?" || before === "$") return null;
  const text = word.text;
  const colon = text.indexOf(":");
  if (colon >= 0) {
    const prefix = text.slice(0, colon);
    const ns = page.prefixes[prefix];
    if (!ns) return null;
    const options = page.vocabulary
      .filter((t) => t.iri.startsWith(ns))
      .map((t) => ({ label: `${prefix}:${t.iri.slice(ns.length)}`, type: t.kind, detail: t.label || "" }));
    return { from: word.from, options, validFor: /^[\w:.-]*$/ };
  }
  // after PREFIX, the whole declaration; elsewhere the prefix (its declaration is added on running)
  const line = context.state.doc.lineAt(word.from);
  const declaring = /^\s*PREFIX\s+$/i.test(context.state.sliceDoc(line.from, word.from));
  const options = Object.entries(page.prefixes).map(([p, ns]) => ({
    label: `${p}:`, type: "namespace", detail: ns, boost: 1, apply: declaring ? `${p}: <${ns}>` : `${p}:`,
  }));
  if (declaring) return { from: word.from, options, validFor: /^\w*$/ };
  for (const k of KEYWORDS) options.push({ label: k, type: "keyword" });
  return { from: word.from, options, validFor: /^\w*$/ };
}

// this graph's resources by label (typo tolerant, from /search): "ukra" -> country:UKR
async function resourceSource(context) {
  const word = context.matchBefore(/[\w-]*(?::[\w-]*)?$/);
  if (!word || inIriOrString(context)) return null;
  let text = word.text;
  let kind = null;
  const colon = text.indexOf(":");
  if (colon >= 0) {
    kind = page.kinds.includes(text.slice(0, colon)) ? text.slice(0, colon) : null;
    if (!kind) return null;
    text = text.slice(colon + 1);
  }
  const before = context.state.sliceDoc(word.from - 1, word.from);
  if (before === "?" || before === "$" || (text.length < 3 && !context.explicit) || !text) return null;
  const params = new URLSearchParams({ q: text.replace(/[-_]/g, " "), limit: "12" });
  if (kind) params.set("kind", kind);
  const response = await fetch("/search?" + params, { headers: { Accept: "application/json" } });
  if (!response.ok) return null;
  const found = await response.json();
  const options = found.results.map((hit) => {
    const curie = terms.curie(hit.iri);
    terms.labels.set(hit.iri, hit.label);
    return {
      label: hit.label,
      detail: `${hit.kind} · ${curie || hit.iri}`,
      info: hit.matched ? `matched “${hit.matched}”` : undefined,
      type: "variable",
      apply: curie || `<${hit.iri}>`,
      boost: -1,
    };
  });
  return { from: word.from, options, filter: false };
}

function run() {
  document.getElementById("query-form").requestSubmit();
  return true;
}

const view = new EditorView({
  parent: document.getElementById("editor"),
  state: EditorState.create({
    doc: textarea.value,
    extensions: [
      Prec.highest(keymap.of([{ key: "Mod-Enter", run }, { key: "Shift-Enter", run }])),
      lineNumbers(), highlightActiveLineGutter(), history(), drawSelection(), indentOnInput(),
      bracketMatching(), closeBrackets(), highlightActiveLine(), highlightSelectionMatches(),
      StreamLanguage.define(sparql), syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      autocompletion({ override: [vocabularySource, resourceSource], activateOnTyping: true }),
      lintGutter(),
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
        ...completionKeymap, indentWithTab]),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) {
          textarea.value = update.state.doc.toString();
          update.view.dispatch(setDiagnostics(update.state, []));
        }
      }),
      EditorView.lineWrapping,
    ],
  }),
});
textarea.hidden = true;
document.getElementById("editor").hidden = false;
window.workbench = { view, text: () => view.state.doc.toString() };
performance.mark("editor-ready"); // read by bench/first_paint.py

function setText(text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function markError(message) {
  const at = errorPosition(message);
  if (!at) return;
  const doc = view.state.doc;
  const line = doc.line(Math.min(Math.max(at.line, 1), doc.lines));
  let pos = Math.min(line.from + Math.max(at.column - 1, 0), line.to);
  // the token that ends (or starts) at the position
  const text = line.text;
  let start = pos - line.from;
  while (start > 0 && /[\w:?$.-]/.test(text[start - 1])) start -= 1;
  let end = pos - line.from;
  while (end < text.length && /[\w:?$.-]/.test(text[end])) end += 1;
  if (end === start) end = Math.min(text.length, start + 1);
  const from = line.from + start;
  const to = Math.max(line.from + end, from);
  view.dispatch(setDiagnostics(view.state, [{ from, to, severity: "error", message }]));
  view.dispatch({ selection: { anchor: from }, scrollIntoView: true });
}

// --- parameters of a canned example -----------------------------------------------------------

const params = new ParamsForm(paramsBox, terms, applyParams);

function applyParams() {
  if (!params.example) return;
  setText(withParameters(view.state.doc.toString(), params.example.params, params.values()));
}

function describeExample(entry) {
  const info = document.getElementById("example-info");
  info.textContent = entry.description ? entry.description + " " : "";
  const a = document.createElement("a");
  a.href = entry.url;
  a.textContent = "Its form and API operation";
  info.appendChild(a);
  info.hidden = false;
}

document.getElementById("examples").addEventListener("change", (event) => {
  const entry = page.examples[Number(event.target.value)];
  if (!entry) return;
  setText(withoutHeader(entry.sparql));
  describeExample(entry);
  params.show(entry);
  applyParams();
});

// --- results ----------------------------------------------------------------------------------

function downloadLinks(query, formats) {
  downloads.textContent = "Download: ";
  for (const f of formats) {
    const a = document.createElement("a");
    a.href = "/sparql?" + new URLSearchParams({ query, format: f });
    a.textContent = f;
    downloads.appendChild(a);
    downloads.appendChild(document.createTextNode(" "));
  }
}

let tabulator = null;

function dropTable() {
  if (!tabulator) return;
  try { tabulator.destroy(); } catch (_) { /* its element is gone already */ }
  tabulator = null;
}

async function showTable() {
  const { Tabulator } = await import("/static/vendor/tabulator.js");
  const box = document.createElement("div");
  box.id = "table";
  results.appendChild(box);
  const fields = current.vars.map((v, i) => ({ v, f: "c" + i }));
  const data = current.rows.map((row, n) => {
    const out = { _n: n + 1 };
    for (const { v, f } of fields) out[f] = row[v] || null;
    return out;
  });
  // a column's share of the width: by the length of the values it shows (in its first rows), 1 to 5
  const sample = current.rows.slice(0, 200);
  const grow = (v) => {
    const lengths = sample.filter((r) => r[v]).map((r) => terms.label(r[v]).length + (r[v].type === "uri" ? 8 : 0));
    const mean = lengths.reduce((a, b) => a + b, 0) / Math.max(lengths.length, 1);
    return Math.min(5, Math.max(1, Math.round(mean / 12)));
  };
  tabulator = new Tabulator(box, {
    data,
    layout: "fitColumns", // the page's width; long values end in an ellipsis (the IRI is the link's title)
    pagination: true,
    paginationMode: "local",
    paginationSize: 100,
    paginationSizeSelector: [25, 50, 100, 500, 1000],
    paginationCounter: "rows",
    columnDefaults: { headerSortTristate: true, resizable: true },
    columns: [
      { title: "#", field: "_n", sorter: "number", hozAlign: "right", width: 60, widthGrow: 0, cssClass: "rownum" },
      ...fields.map(({ v, f }) => ({
        title: v,
        field: f,
        formatter: (cell) => terms.node(cell.getValue()),
        sorter: (a, b) => {
          const ka = terms.sortKey(a);
          const kb = terms.sortKey(b);
          if (typeof ka === "number" && typeof kb === "number") return ka - kb;
          return String(ka).localeCompare(String(kb), undefined, { numeric: true });
        },
        minWidth: 90,
        widthGrow: grow(v),
      })),
    ],
  });
  window.workbench.table = tabulator;
}

const VIEWS = {
  table: null,
  map: () => mapData(current, terms, page.countries),
  timeline: () => timelineData(current, terms, page.countries),
  chart: () => chartData(current, terms),
};

async function show(viewName) {
  if (!current) return;
  let data = null;
  if (viewName !== "table") {
    data = VIEWS[viewName]();
    if (!data) {
      status.textContent += ` — no ${viewName} for these columns`;
      viewName = "table";
    }
  }
  currentView = viewName;
  dropTable();
  for (const b of viewButtons) b.setAttribute("aria-pressed", String(b.dataset.view === viewName));
  results.textContent = "";
  results.dataset.view = viewName;
  const box = document.createElement("div");
  box.className = `view view-${viewName}`;
  if (viewName !== "table") results.appendChild(box);
  if (viewName === "table") await showTable();
  else if (viewName === "map") await drawMap(box, data);
  else if (viewName === "timeline") await drawTimeline(box, data);
  else await drawChart(box, data, { title: current.vars.join(", ") });
  const url = new URL(window.location.href);
  if (viewName === (defaultView(view.state.doc.toString()) || "table")) url.searchParams.delete("view");
  else url.searchParams.set("view", viewName);
  window.history.replaceState(null, "", url);
}

for (const b of viewButtons) b.addEventListener("click", () => show(b.dataset.view));

function availableViews() {
  for (const b of viewButtons) {
    const make = VIEWS[b.dataset.view];
    b.disabled = !current || current.kind !== "select" || (make !== null && !make());
  }
}

async function execute(event) {
  event.preventDefault();
  const missing = params.missing();
  if (missing.length) {
    status.textContent = `“${params.example.title}” needs ${missing.map((p) => p.name).join(", ")}: fill in the form above the editor`;
    return;
  }
  const fixed = addMissingPrefixes(view.state.doc.toString(), page.prefixes);
  if (fixed.added.length) setText(fixed.text);
  const query = fixed.text;
  const url = new URL("/query", window.location.href);
  url.searchParams.set("query", query);
  const wanted = defaultView(query) || requestedView;
  requestedView = null;
  window.history.replaceState(null, "", url);
  status.textContent = "running…";
  dropTable();
  results.textContent = "";
  downloads.textContent = "";
  current = null;
  availableViews();
  const started = performance.now();
  let response;
  try {
    response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: "application/sparql-results+json, application/n-triples;q=0.9, application/json;q=0.5" },
      body: new URLSearchParams({ query }),
    });
  } catch (error) {
    status.textContent = "request failed: " + error;
    return;
  }
  const took = ((performance.now() - started) / 1000).toFixed(2) + " s";
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok) {
    const body = await response.text();
    let message = body;
    try { message = JSON.parse(body).error || body; } catch (_) { /* a plain-text body */ }
    status.textContent = `error ${response.status} (${took})`;
    const box = document.createElement("pre");
    box.className = "error";
    box.textContent = message;
    results.appendChild(box);
    markError(message);
    return;
  }
  const truncated = response.headers.get("X-Result-Truncated");
  if (type.startsWith("application/sparql-results+json")) {
    const data = await response.json();
    downloadLinks(query, RESULT_FORMATS);
    if ("boolean" in data) {
      status.textContent = `answer: ${data.boolean} (${took})`;
      current = { kind: "ask", vars: [], rows: [] };
      availableViews();
      return;
    }
    current = { kind: "select", vars: data.head.vars, rows: data.results.bindings };
    status.textContent = `${current.rows.length} row(s) in ${took}` + (truncated ? " — truncated at the row limit" : "");
    await terms.fetchLabels(terms.unlabelled(current.rows, current.vars));
    availableViews();
    const chosen = wanted || "table";
    await show(chosen in VIEWS ? chosen : "table");
  } else {
    // a graph (CONSTRUCT, DESCRIBE): its triples as rows, with the same table and views
    downloadLinks(query, GRAPH_FORMATS);
    const rows = type.startsWith("application/n-triples") ? parseNTriples(await response.text()) : null;
    if (!rows) {
      status.textContent = `graph result in ${took}` + (truncated ? " — truncated" : "");
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      results.appendChild(pre);
      return;
    }
    current = { kind: "select", vars: ["subject", "predicate", "object"], rows };
    status.textContent = `${rows.length} triple(s) in ${took}` + (truncated ? " — truncated at the row limit" : "");
    await terms.fetchLabels(terms.unlabelled(current.rows, current.vars));
    availableViews();
    const chosen = wanted || "table";
    await show(chosen in VIEWS ? chosen : "table");
  }
}

document.getElementById("query-form").addEventListener("submit", execute);
document.getElementById("share").addEventListener("click", async () => {
  const url = new URL("/query", window.location.href);
  url.searchParams.set("query", view.state.doc.toString());
  if (currentView !== (defaultView(view.state.doc.toString()) || "table")) url.searchParams.set("view", currentView);
  window.history.replaceState(null, "", url);
  try { await navigator.clipboard.writeText(url.href); status.textContent = "link copied"; } catch (_) { status.textContent = "link in the address bar"; }
});

// a shared URL runs its query; /query?example=NAME&param=value loads a canned query with values
const shared = new URLSearchParams(window.location.search);
const named = shared.get("example");
if (named) {
  const index = page.examples.findIndex((e) => e.name === named);
  if (index >= 0) {
    const entry = page.examples[index];
    document.getElementById("examples").value = String(index);
    setText(withoutHeader(entry.sparql));
    describeExample(entry);
    params.show({ ...entry, params: entry.params.map((p) => ({ ...p, example: shared.get(p.name) || p.example })) });
    await Promise.all(params.pending); // names in the URL, resolved to IRIs first
    applyParams();
  }
}
if (shared.get("query") || named) run();
