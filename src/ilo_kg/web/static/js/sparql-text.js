// SPARQL text helpers of the query page: prefixes used and declared, parameter values as VALUES,
// the #defaultView comment, the position of an endpoint's syntax error. No library needed.

// the query text without comments, strings and <IRIs> (same length: positions are kept)
export function blankOut(text) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "#") {
      const end = text.indexOf("\n", i);
      const stop = end < 0 ? text.length : end;
      out += " ".repeat(stop - i);
      i = stop;
    } else if (c === '"' || c === "'") {
      const long = text.startsWith(c.repeat(3), i);
      const quote = long ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < text.length && !text.startsWith(quote, j)) {
        if (text[j] === "\\") j += 1;
        if (!long && text[j] === "\n") break;
        j += 1;
      }
      j = Math.min(text.length, j + quote.length);
      out += text.slice(i, j).replace(/[^\n]/g, " ");
      i = j;
    } else if (c === "<" && /^<[^\s<>"{}|^`\\]*>/.test(text.slice(i, i + 2048))) {
      const j = text.indexOf(">", i) + 1;
      out += " ".repeat(j - i);
      i = j;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

export function declaredPrefixes(text) {
  const found = new Set();
  for (const m of blankOut(text).matchAll(/\bPREFIX\s+([A-Za-z][\w.-]*)?:/gi)) found.add(m[1] || "");
  return found;
}

export function usedPrefixes(text) {
  const plain = blankOut(text).replace(/\bPREFIX\s+[A-Za-z][\w.-]*:/gi, "");
  const found = new Set();
  for (const m of plain.matchAll(/(^|[^\w?$:.-])([A-Za-z][\w-]*(?:\.[\w-]+)*):/g)) found.add(m[2]);
  return found;
}

// the text with a PREFIX line added for every known prefix used but not declared
export function addMissingPrefixes(text, known) {
  const declared = declaredPrefixes(text);
  const missing = [...usedPrefixes(text)].filter((p) => !declared.has(p) && known[p]).sort();
  if (!missing.length) return { text, added: [] };
  const lines = missing.map((p) => `PREFIX ${p}: <${known[p]}>`).join("\n") + "\n";
  // after the leading comment lines (#defaultView and the like) and existing PREFIX/BASE lines
  const head = text.match(/^(?:[ \t]*(?:#[^\n]*|(?:PREFIX|BASE)\b[^\n]*)?\n)*/i)[0];
  return { text: head + lines + text.slice(head.length), added: missing };
}

export function defaultView(text) {
  const m = text.match(/^[ \t]*#\s*defaultView\s*:\s*(\w+)/im);
  if (!m) return null;
  const name = m[1].toLowerCase();
  return { map: "map", timeline: "timeline", barchart: "chart", bar: "chart", table: "table" }[name] || null;
}

// a parameter value as a SPARQL term
export function termFor(param, value) {
  const XSD = "http://www.w3.org/2001/XMLSchema#";
  if (param.type === "iri") return `<${value}>`;
  if (param.type === "integer") return String(parseInt(value, 10));
  if (param.type === "date") return `"${value}"^^<${XSD}date>`;
  if (param.type === "enum" && param.namespace) return `<${param.namespace}${value}>`;
  return JSON.stringify(value);
}

const PARAMS_MARK = "# parameters:";

// the query with one VALUES line per given parameter at the start of its outermost WHERE group;
// a previous parameters block (written by this function) is replaced
export function withParameters(text, params, values) {
  const body = text.replace(/\n[ \t]*# parameters:[^\n]*\n(?:[ \t]*VALUES[^\n]*\n)*/, "\n");
  const lines = params
    .filter((p) => values[p.name] !== undefined && values[p.name] !== "")
    .map((p) => `  VALUES ?${p.name} { ${termFor(p, values[p.name])} }`);
  if (!lines.length) return body;
  const plain = blankOut(body);
  let at = -1;
  const where = plain.match(/\bWHERE\s*\{/i);
  if (where) at = where.index + where[0].length;
  else {
    const form = plain.match(/\b(SELECT|ASK|DESCRIBE)\b[^{]*\{/i);
    if (form) at = form.index + form[0].length;
  }
  if (at < 0) return body;
  // the block's lines end with a newline, so that the next change finds and replaces exactly them
  const block = `\n  ${PARAMS_MARK} set in the form above the editor\n${lines.join("\n")}\n`;
  const rest = body.slice(at).replace(/^[ \t]*\n/, "").replace(/^[ \t]*(?=\S)/, "  ");
  return body.slice(0, at) + block + rest;
}

// {line, column} (1-based) of an endpoint error message such as "... (line 2, column 7): ..."
export function errorPosition(message) {
  const m = /line (\d+),? column (\d+)/i.exec(message || "");
  return m ? { line: Number(m[1]), column: Number(m[2]) } : null;
}

// N-Triples (what the endpoint writes for CONSTRUCT and DESCRIBE) as rows of SPARQL JSON terms
// {subject, predicate, object}; a line that is not a triple is skipped.
const NT_TERM = /\s*(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;
const NT_ESCAPES = { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" };

function unescapeLiteral(text) {
  return text.replace(/\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))/g, (_, u4, u8, c) =>
    u4 || u8 ? String.fromCodePoint(parseInt(u4 || u8, 16)) : NT_ESCAPES[c] ?? c);
}

export function parseNTriples(text) {
  const rows = [];
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    NT_TERM.lastIndex = 0;
    const terms = [];
    for (let i = 0; i < 3; i += 1) {
      const m = NT_TERM.exec(line);
      if (!m) break;
      if (m[1] !== undefined) terms.push({ type: "uri", value: unescapeLiteral(m[1]) });
      else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
      else {
        const term = { type: "literal", value: unescapeLiteral(m[3]) };
        if (m[4]) term["xml:lang"] = m[4];
        else if (m[5]) term.datatype = m[5];
        terms.push(term);
      }
    }
    if (terms.length === 3) rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
  }
  return rows;
}
