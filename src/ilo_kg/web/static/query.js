// The query page: run the editor's query against /sparql and show a results table.
(function () {
  "use strict";
  const form = document.getElementById("query-form");
  const editor = document.getElementById("query");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const downloads = document.getElementById("downloads");
  const examples = JSON.parse(document.getElementById("examples-data").textContent);
  const base = results.dataset.base || "";
  const RESULT_FORMATS = ["json", "xml", "csv", "tsv"];
  const GRAPH_FORMATS = ["ttl", "nt", "jsonld", "rdf", "trig", "nq"];

  const shared = new URLSearchParams(window.location.search).get("query");
  if (shared) { editor.value = shared; }

  document.getElementById("examples").addEventListener("change", function (event) {
    const example = examples[Number(event.target.value)];
    if (example) { editor.value = example.sparql; }
  });

  function localHref(iri) {
    if (base && iri.startsWith(base + "id/")) { return "/" + iri.slice(base.length); }
    return iri;
  }

  function cell(term) {
    const td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = localHref(term.value);
      a.textContent = term.value;
      td.appendChild(a);
    } else {
      td.textContent = term.value;
      const tag = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype ? "^^" + term.datatype.split(/[#/]/).pop() : "";
      if (tag) {
        const span = document.createElement("span");
        span.className = "tag";
        span.textContent = " " + tag;
        td.appendChild(span);
      }
    }
    return td;
  }

  function table(data) {
    const t = document.createElement("table");
    t.className = "results";
    const head = t.createTHead().insertRow();
    data.head.vars.forEach(function (v) {
      const th = document.createElement("th");
      th.textContent = v;
      head.appendChild(th);
    });
    const body = t.createTBody();
    data.results.bindings.forEach(function (row) {
      const tr = body.insertRow();
      data.head.vars.forEach(function (v) { tr.appendChild(cell(row[v])); });
    });
    return t;
  }

  function links(query, formats) {
    downloads.textContent = "Download: ";
    formats.forEach(function (f) {
      const a = document.createElement("a");
      a.href = "/sparql?" + new URLSearchParams({ query: query, format: f }).toString();
      a.textContent = f;
      downloads.appendChild(a);
      downloads.appendChild(document.createTextNode(" "));
    });
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const query = editor.value;
    window.history.replaceState(null, "", "/query?" + new URLSearchParams({ query: query }).toString());
    status.textContent = "running…";
    results.textContent = "";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Accept": "application/sparql-results+json, text/turtle;q=0.9",
        },
        body: new URLSearchParams({ query: query }),
      });
      const took = ((performance.now() - started) / 1000).toFixed(2) + " s";
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok) {
        status.textContent = "error " + response.status + " (" + took + ")";
        const pre = document.createElement("pre");
        pre.className = "error";
        pre.textContent = await response.text();
        results.appendChild(pre);
        downloads.textContent = "";
        return;
      }
      const truncated = response.headers.get("X-Result-Truncated");
      if (type.startsWith("application/sparql-results+json")) {
        const data = await response.json();
        links(query, RESULT_FORMATS);
        if ("boolean" in data) {
          status.textContent = "answer: " + data.boolean + " (" + took + ")";
          return;
        }
        status.textContent = data.results.bindings.length + " row(s) in " + took + (truncated ? " — truncated at the row limit" : "");
        results.appendChild(table(data));
      } else {
        links(query, GRAPH_FORMATS);
        status.textContent = "graph result in " + took + (truncated ? " — truncated" : "");
        const pre = document.createElement("pre");
        pre.textContent = await response.text();
        results.appendChild(pre);
      }
    } catch (error) {
      status.textContent = "request failed: " + error;
    }
  });
})();
