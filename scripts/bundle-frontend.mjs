#!/usr/bin/env node
// Bundles the pages' front-end libraries (pinned in package.json / package-lock.json) into
// src/ilo_kg/web/static/vendor/, with every bundled package's licence and a README of versions.
// The output is committed: serving the pages needs neither npm nor the network.
//
//   npm ci && npm run bundle
import { build } from "esbuild";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NODE_MODULES = path.join(ROOT, "node_modules");
const OUT = path.join(ROOT, "src", "ilo_kg", "web", "static", "vendor");
const require = createRequire(import.meta.url);

// one ES module per library group; the pages import them by URL (/static/vendor/NAME.js)
const ENTRIES = ["codemirror", "tabulator", "map", "timeline", "chart"];
// files used as they are shipped (package, file inside it, name under vendor/)
const COPIES = [
  ["tabulator-tables", "dist/css/tabulator_simple.min.css", "tabulator.css"],
  ["vis-timeline", "styles/vis-timeline-graph2d.min.css", "timeline.css"],
  ["swagger-ui-dist", "swagger-ui-bundle.js", "swagger-ui/swagger-ui-bundle.js"],
  ["swagger-ui-dist", "swagger-ui.css", "swagger-ui/swagger-ui.css"],
  ["swagger-ui-dist", "favicon-32x32.png", "swagger-ui/favicon-32x32.png"],
];
// packages whose data (not code) is used: the Natural Earth shapes and the ISO 3166 code table
const DATA_PACKAGES = ["world-atlas", "i18n-iso-countries"];
// packages imported as a prebuilt "standalone" file that embeds their peer dependencies
const STANDALONE = { "vis-timeline": "timeline.js" };

function packageOf(file) {
  const rel = path.relative(NODE_MODULES, path.resolve(ROOT, file));
  if (rel.startsWith("..")) return null;
  const parts = rel.split(path.sep);
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

function manifest(name) {
  return JSON.parse(fs.readFileSync(path.join(NODE_MODULES, name, "package.json"), "utf8"));
}

function licenceFiles(name) {
  const dir = path.join(NODE_MODULES, name);
  return fs
    .readdirSync(dir)
    .filter((f) => /^(licen[cs]e|copying|notice)/i.test(f))
    .sort();
}

// The world map: Natural Earth 1:50m countries (world-atlas), each shape given its ISO 3166-1
// alpha-3 code (from its numeric code; Kosovo, which has none, as XKX, the code the graph uses).
function worldShapes() {
  const atlas = JSON.parse(
    fs.readFileSync(path.join(NODE_MODULES, "world-atlas", "countries-50m.json"), "utf8"),
  );
  const codes = require("i18n-iso-countries/codes.json");
  const alpha3 = new Map(codes.map(([, a3, numeric]) => [numeric, a3]));
  for (const shape of atlas.objects.countries.geometries) {
    const props = shape.properties || (shape.properties = {});
    if (shape.id && alpha3.has(shape.id)) props.iso3 = alpha3.get(shape.id);
    else if (props.name === "Kosovo") props.iso3 = "XKX";
  }
  const target = path.join(OUT, "world", "countries-50m.json");
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(atlas));
  return target;
}

async function main() {
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const used = new Map(); // package -> files under vendor/ that include it
  const note = (pkg, file) => {
    if (!used.has(pkg)) used.set(pkg, new Set());
    used.get(pkg).add(file);
  };
  for (const entry of ENTRIES) {
    const outfile = path.join(OUT, `${entry}.js`);
    const result = await build({
      entryPoints: [path.join(ROOT, "frontend", `${entry}.js`)],
      bundle: true,
      format: "esm",
      minify: true,
      target: ["es2020"],
      legalComments: "none", // the licences are copied whole into vendor/licenses/
      outfile,
      metafile: true,
      logLevel: "warning",
    });
    for (const input of Object.keys(result.metafile.inputs)) {
      const pkg = packageOf(input);
      if (pkg) note(pkg, `${entry}.js`);
    }
  }
  for (const [pkg, file, target] of COPIES) {
    const dest = path.join(OUT, target);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.copyFileSync(path.join(NODE_MODULES, pkg, file), dest);
    note(pkg, target);
  }
  worldShapes();
  for (const [pkg, file] of Object.entries(STANDALONE)) {
    for (const peer of Object.keys(manifest(pkg).peerDependencies || {})) note(peer, file);
  }
  for (const pkg of DATA_PACKAGES) note(pkg, "world/countries-50m.json");

  const rows = [];
  for (const pkg of [...used.keys()].sort()) {
    const meta = manifest(pkg);
    const files = licenceFiles(pkg);
    if (files.length === 0) throw new Error(`${pkg} ships no licence file: add it by hand`);
    const dir = path.join(OUT, "licenses", pkg);
    fs.mkdirSync(dir, { recursive: true });
    for (const f of files) fs.copyFileSync(path.join(NODE_MODULES, pkg, f), path.join(dir, f));
    const licence = typeof meta.license === "string" ? meta.license : JSON.stringify(meta.license);
    rows.push(`| ${pkg} | ${meta.version} | ${licence} | ${[...used.get(pkg)].sort().join(", ")} |`);
  }
  const readme = [
    "# Bundled front-end libraries",
    "",
    "Generated by `npm run bundle` (scripts/bundle-frontend.mjs) from the versions pinned in",
    "package-lock.json; do not edit by hand. Licences are in `licenses/<package>/`.",
    "The map shapes are Natural Earth 1:50m (public domain) as packaged by world-atlas.",
    "",
    "| package | version | licence | used in |",
    "| --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
  fs.writeFileSync(path.join(OUT, "README.md"), readme);
  console.log(`bundled ${ENTRIES.length} modules and ${COPIES.length} files from ${used.size} packages into ${path.relative(ROOT, OUT)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
