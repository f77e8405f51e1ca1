// The shapes of a SELECT answer for the views: countries for a map, items for a timeline, bars for a
// chart; null when the columns have none. `result` is {vars, rows} of SPARQL JSON terms.

export function countryCode(term, countries) {
  if (!term) return null;
  if (term.type === "uri") {
    const m = /\/id\/country\/([A-Z]{3})$/.exec(term.value);
    return m ? m[1] : null;
  }
  return /^[A-Z]{3}$/.test(term.value) && countries.includes(term.value) ? term.value : null;
}

// the rows' countries, coloured by the first other IRI column (e.g. the office that covers them)
// `countries`: the ISO alpha-3 codes of the dataset's countries (a literal column of codes counts too)
export function mapData(result, terms, countries) {
  const countryVar = result.vars.find((v) => result.rows.some((r) => countryCode(r[v], countries)));
  if (!countryVar) return null;
  const groupVar = result.vars.find((v) => v !== countryVar && result.rows.some((r) => r[v] && r[v].type === "uri" && !countryCode(r[v], countries)));
  const found = new Map();
  for (const row of result.rows) {
    const code = countryCode(row[countryVar], countries);
    if (!code) continue;
    const entry = found.get(code) || {
      label: terms.label(row[countryVar]), href: `/id/country/${code}`, details: [], group: null,
    };
    if (groupVar && row[groupVar] && !entry.group) entry.group = terms.label(row[groupVar]);
    for (const v of result.vars) {
      if (v !== countryVar && v !== groupVar && row[v] && entry.details.length < 6) entry.details.push(`${v}: ${terms.label(row[v])}`);
    }
    found.set(code, entry);
  }
  return found;
}

export function timelineData(result, terms, countries) {
  let dateVars = result.vars.filter((v) => result.rows.some((r) => terms.isDate(r[v])));
  if (!dateVars.length) return null;
  // a date that is the same on every row (a parameter, e.g. ?date) is not what the rows are about
  const varying = dateVars.filter((v) => new Set(result.rows.map((r) => r[v] && r[v].value)).size > 1);
  if (varying.length) dateVars = varying;
  const startVar = dateVars.find((v) => /start|begin|from/i.test(v)) || dateVars[0];
  const endVar = dateVars.find((v) => v !== startVar && /end|until|to$/i.test(v))
    || dateVars.find((v) => v !== startVar);
  const thingVar = result.vars.find((v) => result.rows.some((r) => r[v] && r[v].type === "uri" && !countryCode(r[v], countries)));
  const labelVar = result.vars.find((v) => !dateVars.includes(v) && result.rows.some((r) => r[v] && r[v].type === "literal" && !terms.isDate(r[v]) && !terms.isNumber(r[v])));
  const items = [];
  const seen = new Set();
  result.rows.forEach((row, n) => {
    if (!terms.isDate(row[startVar])) return;
    const thing = thingVar && row[thingVar] ? row[thingVar].value : null;
    const key = `${thing || n}|${row[startVar].value}`;
    if (seen.has(key)) return;
    seen.add(key);
    const text = (labelVar && row[labelVar] ? row[labelVar].value : thing ? terms.label(row[thingVar]) : row[startVar].value);
    const item = { id: items.length + 1, content: text.length > 80 ? text.slice(0, 77) + "…" : text, title: text, start: row[startVar].value };
    if (endVar && terms.isDate(row[endVar]) && row[endVar].value > row[startVar].value) item.end = row[endVar].value;
    if (thing) item.href = terms.href(thing);
    items.push(item);
  });
  return items.length ? items : null;
}

export function chartData(result, terms) {
  const numVar = result.vars.find((v) => result.rows.length && result.rows.every((r) => !r[v] || terms.isNumber(r[v])) && result.rows.some((r) => r[v]));
  const labelVar = result.vars.find((v) => v !== numVar && result.rows.some((r) => r[v] && !terms.isNumber(r[v])));
  if (!labelVar) return null;
  if (numVar) {
    return result.rows.filter((r) => r[numVar]).slice(0, 200).map((r) => ({
      label: terms.label(r[labelVar]), value: Number(r[numVar].value),
      href: r[labelVar].type === "uri" ? terms.href(r[labelVar].value) : null,
    }));
  }
  // no number: rows per value of the first column (e.g. countries per office)
  const counts = new Map();
  for (const r of result.rows) {
    if (!r[labelVar]) continue;
    const key = r[labelVar].value;
    const bar = counts.get(key) || { label: terms.label(r[labelVar]), value: 0, href: r[labelVar].type === "uri" ? terms.href(key) : null };
    bar.value += 1;
    counts.set(key, bar);
  }
  return [...counts.values()].sort((a, b) => b.value - a.value).slice(0, 200);
}

