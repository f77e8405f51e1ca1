// RDF terms of SPARQL JSON results as the pages show them: labels, prefixed names, links, sort keys.

const XSD = "http://www.w3.org/2001/XMLSchema#";
const NUMERIC = new Set(["integer", "decimal", "double", "float", "int", "long", "short",
  "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
  "unsignedInt", "unsignedLong", "byte", "unsignedShort", "unsignedByte"].map((t) => XSD + t));
const PLAIN = new Set(["string", "boolean", "date", "dateTime", "integer", "decimal", "double", "gYear"]
  .map((t) => XSD + t));
const DATES = new Set(["date", "dateTime", "gYear", "gYearMonth", "dateTimeStamp"].map((t) => XSD + t));

export class Terms {
  constructor(prefixes, base) {
    this.base = base;
    // longest namespace first, so that country: wins over a shorter namespace
    this.prefixes = Object.entries(prefixes).sort((a, b) => b[1].length - a[1].length);
    this.labels = new Map();
  }

  curie(iri) {
    for (const [p, ns] of this.prefixes) {
      if (iri.startsWith(ns)) {
        const local = iri.slice(ns.length);
        if (/^[\w-][\w.-]*$/.test(local) && !local.endsWith(".")) return `${p}:${local}`;
      }
    }
    return null;
  }

  href(iri) {
    if (this.base && iri.startsWith(this.base + "id/")) return "/" + iri.slice(this.base.length);
    return iri;
  }

  label(term) {
    if (!term) return "";
    if (term.type === "uri") return this.labels.get(term.value) || this.curie(term.value) || term.value;
    return term.value;
  }

  // the IRIs of the dataset in some rows, whose labels are not known yet
  unlabelled(rows, vars) {
    const out = new Set();
    for (const row of rows) {
      for (const v of vars) {
        const t = row[v];
        if (t && t.type === "uri" && t.value.startsWith(this.base + "id/") && !this.labels.has(t.value)) out.add(t.value);
      }
    }
    return [...out];
  }

  async fetchLabels(iris) {
    for (let i = 0; i < iris.length; i += 500) {
      const response = await fetch("/labels", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(iris.slice(i, i + 500)),
      });
      if (!response.ok) return;
      const found = await response.json();
      for (const [iri, label] of Object.entries(found)) this.labels.set(iri, label);
    }
  }

  isNumber(term) {
    return !!term && term.type !== "uri" && NUMERIC.has(term.datatype);
  }

  isDate(term) {
    if (!term || term.type === "uri") return false;
    if (DATES.has(term.datatype)) return true;
    return !term.datatype && /^\d{4}-\d{2}-\d{2}/.test(term.value);
  }

  sortKey(term) {
    if (!term) return "";
    if (this.isNumber(term)) return Number(term.value);
    return this.label(term).toLocaleLowerCase();
  }

  // a DOM node for a term: a labelled link (prefixed name in small type) or a literal with its tag
  node(term) {
    const span = document.createElement("span");
    if (!term) return span;
    if (term.type === "uri") {
      const a = document.createElement("a");
      a.href = this.href(term.value);
      a.title = term.value;
      const label = this.labels.get(term.value);
      const curie = this.curie(term.value);
      a.textContent = label || curie || term.value;
      span.appendChild(a);
      if (label && curie) {
        const small = document.createElement("span");
        small.className = "curie";
        small.textContent = curie;
        span.appendChild(small);
      }
    } else if (term.type === "bnode") {
      span.textContent = "_:" + term.value;
      span.className = "bnode";
    } else {
      span.appendChild(document.createTextNode(term.value));
      if (term.datatype) span.title = this.curie(term.datatype) || term.datatype;
      // a language tag, or a datatype other than the plain ones (strings, numbers, dates, booleans)
      const tag = term["xml:lang"] ? "@" + term["xml:lang"] : term.datatype && !PLAIN.has(term.datatype)
        ? this.curie(term.datatype) || term.datatype : "";
      if (tag) {
        const small = document.createElement("span");
        small.className = "tag";
        small.textContent = tag;
        span.appendChild(small);
      }
    }
    return span;
  }
}
