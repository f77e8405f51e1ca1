// The parameters of a canned query on the query page: one input per parameter, a picker (names from
// /search) for a resource parameter; the values go into the query as VALUES (see sparql-text.js).

// a canned query's text without its "#+" header (title, description and parameters are in the form)
export function withoutHeader(text) {
  return text.replace(/^(?:#\+[^\n]*\n)+/, "");
}

function kindOf(param) {
  const m = /\/id\/([a-z]+)\/$/.exec(param.namespace || "");
  return m ? m[1] : null;
}

async function resolveName(input, kind, terms) {
  const text = input.value.trim();
  const note = input.parentElement.querySelector(".resolved");
  delete input.dataset.iri;
  note.textContent = "";
  note.classList.remove("error");
  if (!text) return;
  if (/^[a-z][\w+.-]*:\/\//i.test(text)) {
    input.dataset.iri = text;
    return;
  }
  const response = await fetch("/search?" + new URLSearchParams({ q: text, kind, limit: "5" }),
    { headers: { Accept: "application/json" } });
  const found = response.ok ? (await response.json()).results : [];
  const exact = found.filter((h) => h.label.toLowerCase() === text.toLowerCase() || h.key.toLowerCase() === text.toLowerCase());
  const hit = exact.length === 1 ? exact[0] : found.length === 1 ? found[0] : null;
  if (hit) {
    input.dataset.iri = hit.iri;
    input.value = hit.label;
    note.textContent = terms.curie(hit.iri) || hit.iri;
  } else {
    note.textContent = found.length ? "ambiguous: " + found.map((h) => h.label).join("; ") : `unknown ${kind}`;
    note.classList.add("error");
  }
}

// the form of a canned example's parameters, above the editor; `changed` is called on every change
export class ParamsForm {
  constructor(box, terms, changed) {
    this.box = box;
    this.terms = terms;
    this.changed = changed;
    this.example = null; // the canned query loaded, when it has parameters
    this.pending = []; // names being resolved (await them before running)
  }

  values() {
    const values = {};
    for (const input of this.box.querySelectorAll("[data-param]")) values[input.dataset.param] = input.dataset.iri || input.value;
    return values;
  }

  // the required parameters without a value
  missing() {
    if (!this.example) return [];
    const values = this.values();
    return this.example.params.filter((p) => p.required && !values[p.name]);
  }

  show(entry) {
    const { box: paramsBox, terms } = this;
    const applyParams = () => this.changed();
    paramsBox.textContent = "";
    this.pending = [];
    const later = []; // resolutions of names, once their inputs are in the form
    this.example = entry && entry.params.length ? entry : null;
    if (!this.example) { paramsBox.hidden = true; return; }
    paramsBox.hidden = false;
    const title = document.createElement("p");
    title.textContent = `“${entry.title}” takes ${entry.params.length === 1 ? "a parameter" : "parameters"}:`;
    paramsBox.appendChild(title);
    for (const p of entry.params) {
      const label = document.createElement("label");
      label.textContent = p.name + (p.required ? " *" : "") + " ";
      let input;
      if (p.type === "enum") {
        input = document.createElement("select");
        for (const v of [...(p.required ? [] : [""]), ...p.values]) {
          const o = document.createElement("option");
          o.value = v;
          o.textContent = v || "(any)";
          input.appendChild(o);
        }
        input.value = p.default || p.example || "";
      } else {
        input = document.createElement("input");
        input.type = p.type === "date" ? "date" : p.type === "integer" ? "number" : "text";
        const kind = kindOf(p);
        if (kind) {
          input.setAttribute("list", `picker-${p.name}`);
          input.placeholder = `a ${kind} name, e.g. ${kind === "country" ? "Ukraine" : "…"}`;
          const list = document.createElement("datalist");
          list.id = `picker-${p.name}`;
          label.appendChild(list);
          input.addEventListener("input", async () => {
            delete input.dataset.iri;
            if (input.value.length < 2) return;
            const r = await fetch("/search?" + new URLSearchParams({ q: input.value, kind, limit: "10" }),
              { headers: { Accept: "application/json" } });
            if (!r.ok) return;
            list.textContent = "";
            for (const hit of (await r.json()).results) {
              const o = document.createElement("option");
              o.value = hit.label;
              list.appendChild(o);
            }
          });
          input.addEventListener("change", async () => { await resolveName(input, kind, terms); applyParams(); });
          const value = p.example || p.default || "";
          if (/^[a-z][\w+.-]*:\/\//i.test(value)) {
            // an IRI, shown by its name (the page carries the names of the examples' resources)
            input.dataset.iri = value;
            input.value = (p.labels && p.labels[value]) || terms.labels.get(value) || value.slice(p.namespace.length);
          } else if (value) {
            input.value = value; // a name or key (from a shared URL): resolved as if typed
            later.push(() => resolveName(input, kind, terms));
          }
        } else {
          input.value = p.example || p.default || "";
          input.addEventListener("change", applyParams);
        }
      }
      input.dataset.param = p.name;
      input.name = p.name;
      if (p.required) input.required = true;
      if (input.tagName === "SELECT") input.addEventListener("change", applyParams);
      label.appendChild(input);
      const note = document.createElement("small");
      note.className = "resolved";
      label.appendChild(note);
      const help = document.createElement("small");
      help.textContent = p.description || "";
      label.appendChild(help);
      paramsBox.appendChild(label);
    }
    this.pending = later.map((resolve) => resolve());
  }
}
