#!/usr/bin/env node
// Accessibility audit of the pages that page-audit cannot reach: pages behind an account, form
// error pages, and pages opened from links sent by email. Run by .ci/run's audit step against the
// demonstration server (`emancipasso demo`), after the public pages.
//
// Usage: node .ci/audit-signed-in.mjs BASE_URL DATA_DIR SCREENSHOT_DIR
//   BASE_URL        the demo server, e.g. http://127.0.0.1:18080
//   DATA_DIR        its --data folder: emails are read from DATA_DIR/outbox/*.eml
//   SCREENSHOT_DIR  one full-page PNG per page and mode goes to SCREENSHOT_DIR/<lang>/
//
// It reuses what page-audit's setup.sh installs (playwright-core and axe-core in
// ${PAGE_AUDIT_HOME:-~/.cache/page-audit}/node_modules, Chromium at /usr/bin/chromium or
// $PAGE_AUDIT_CHROMIUM) and audits in French and English, desktop and mobile, with the same
// browser settings and axe rules (WCAG 2.0/2.1 A and AA) as page-audit.
//
// Each account signs in through the real form once (in the first mode); the other modes reuse
// its session cookie, because the server allows only 10 sign-ins per address in 15 minutes.
//
// Exit codes: 0 every page passed; 1 a page has an axe violation, answers an unexpected HTTP
// status (>= 400, or not the 422 expected from a form with bad input), or requested another
// host than the server's; 2 usage or script error (a flow could not be completed).
import { readFileSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import os from 'node:os';
import path from 'node:path';

// --- what page-audit installed (same fallback as its setup.sh) ---------------------------------
const AUDIT_HOME = process.env.PAGE_AUDIT_HOME
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'page-audit');
const MODULES = path.join(AUDIT_HOME, 'node_modules');
const PLAYWRIGHT = path.join(MODULES, 'playwright-core', 'index.mjs');
const AXE_PATH = path.join(MODULES, 'axe-core', 'axe.min.js');
const CHROMIUM = process.env.PAGE_AUDIT_CHROMIUM || '/usr/bin/chromium';

// --- the same browser settings as page-audit's audit.mjs ---------------------------------------
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MOBILE_UA =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
  'Chrome/126.0.0.0 Mobile Safari/537.36';
const LANGS = {
  fr: { locale: 'fr-FR', accept: 'fr-FR,fr;q=0.9' },
  en: { locale: 'en-US', accept: 'en-US,en;q=0.9' },
};
const DEVICES = ['desktop', 'mobile'];
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

const PASSWORD = 'demo-emancipasso';
const ACCOUNTS = {
  structure: 'structure@demo.example',
  moderation: 'moderation@demo.example',
  admin: 'admin@demo.example',
  asso: 'asso@demo.example',
};
const NAV_TIMEOUT = 30_000;
const MAIL_WAIT_MS = 15_000;

// --- arguments -------------------------------------------------------------------------------
const USAGE = 'Usage: node .ci/audit-signed-in.mjs BASE_URL DATA_DIR SCREENSHOT_DIR\n';
const argv = process.argv.slice(2);
if (argv.includes('-h') || argv.includes('--help')) { process.stdout.write(USAGE); process.exit(0); }
if (argv.length !== 3) { process.stderr.write(`audit-signed-in: three arguments expected\n${USAGE}`); process.exit(2); }
const BASE = argv[0].replace(/\/+$/, '');
const OUTBOX = path.join(argv[1], 'outbox');
const SHOTS = argv[2];
try { new URL(BASE); } catch { process.stderr.write(`audit-signed-in: invalid base URL ${BASE}\n`); process.exit(2); }

class FlowError extends Error {}

const line = (s = '') => process.stdout.write(`${s}\n`);
const firstLine = (e) => String((e && e.message) || e).split('\n')[0];

// --- one audited page --------------------------------------------------------------------------
const results = [];
const usedShots = new Set();

function shotName(lang, label, mode) {
  const slug = label.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '').slice(0, 100);
  let name = path.join(SHOTS, lang, `${slug}-${mode}.png`);
  let n = 2;
  while (usedShots.has(name)) name = path.join(SHOTS, lang, `${slug}-${mode}-${n++}.png`);
  usedShots.add(name);
  return name;
}

/// Audits the document now shown in `page`. `response` is its main response (null when unknown),
/// `expect` the HTTP status it must have (default: below 400).
async function audit(session, page, response, label, expect = null) {
  const { lang, mode } = session;
  const status = response ? response.status() : null;
  const url = page.url();
  const r = { label, url, lang, mode, status, axe: null, reasons: [], screenshot: null, thirdParty: [] };
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
  if (status === null) r.reasons.push('no HTTP response for the main document');
  else if (expect !== null && status !== expect) r.reasons.push(`HTTP ${status}, expected ${expect}`);
  else if (expect === null && status >= 400) r.reasons.push(`HTTP ${status}`);
  try {
    await page.addScriptTag({ path: AXE_PATH });
    const violations = await page.evaluate(async (tags) => {
      // eslint-disable-next-line no-undef
      const out = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return out.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.length,
        targets: v.nodes.slice(0, 3).map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : t)).join(' | ')),
      }));
    }, AXE_TAGS);
    r.axe = violations;
    if (violations.length) r.reasons.push(`axe ${violations.length} > 0`);
  } catch (e) {
    r.reasons.push(`axe could not run: ${firstLine(e)}`);
  }
  try {
    const file = shotName(lang, label, mode);
    mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file, fullPage: true });
    r.screenshot = file;
  } catch (e) {
    r.reasons.push(`screenshot failed: ${firstLine(e)}`);
  }
  // Requests to another host since this session's previous audit.
  r.thirdParty = [...session.foreign];
  session.foreign.clear();
  if (r.thirdParty.length) r.reasons.push(`request to another host: ${r.thirdParty.join(', ')}`);
  r.pass = r.reasons.length === 0;
  results.push(r);
  report(r);
  return r;
}

function report(r) {
  const axe = r.axe ? String(r.axe.length) : '-';
  line(`${String(r.status ?? 'ERR').padEnd(6)}  ${axe.padStart(3)}  ${(r.pass ? 'PASS' : 'FAIL').padEnd(6)}  ${r.url} [${r.mode}, ${r.lang}] ${r.label}`);
  const ind = '        ';
  if (!r.pass) line(`${ind}fail: ${r.reasons.join('; ')}`);
  for (const v of r.axe || []) {
    line(`${ind}axe ${v.impact || '-'} ${v.id}: ${v.help} (${v.nodes} node${v.nodes > 1 ? 's' : ''})`);
    for (const t of v.targets) line(`${ind}    ${t}`);
  }
}

function reportError(session, label, e) {
  const r = { label, url: '-', lang: session.lang, mode: session.mode, status: null, axe: null, error: firstLine(e), reasons: [firstLine(e)], pass: false };
  results.push(r);
  line(`ERR       -  ERROR   ${label} [${r.mode}, ${r.lang}]`);
  line(`        error: ${r.error}`);
}

// --- browser contexts ----------------------------------------------------------------------------
function contextOptions(lang, mobile, storageState) {
  return {
    viewport: mobile ? { width: 390, height: 844 } : { width: 1366, height: 768 },
    isMobile: mobile,
    hasTouch: mobile,
    deviceScaleFactor: mobile ? 2 : 1,
    ...(mobile ? { userAgent: MOBILE_UA } : {}),
    locale: LANGS[lang].locale,
    extraHTTPHeaders: { 'Accept-Language': LANGS[lang].accept },
    javaScriptEnabled: true,
    bypassCSP: true,
    ignoreHTTPSErrors: false,
    ...(storageState ? { storageState } : {}),
  };
}

/// A browser context for one account (or anonymous) in one mode, watching for foreign hosts.
async function openSession(browser, lang, mode, storageState) {
  const context = await browser.newContext(contextOptions(lang, mode === 'mobile', storageState));
  context.setDefaultTimeout(NAV_TIMEOUT);
  const session = { context, lang, mode, foreign: new Set(), page: null };
  context.on('request', (req) => {
    let u;
    try { u = new URL(req.url()); } catch { return; }
    if (!/^(https?|wss?):$/.test(u.protocol)) return;
    if (!LOCAL_HOSTS.has(u.hostname.toLowerCase())) session.foreign.add(u.host);
  });
  session.page = await context.newPage();
  return session;
}

/// The path of a page in `lang`: English pages live under /en (files, data and the API do not).
function localPath(lang, p) {
  if (lang !== 'en' || !p.startsWith('/')) return p;
  const bare = p.split(/[?#]/)[0];
  const neutral = bare === '/en' || bare === '/healthz' || bare === '/favicon.ico' || bare === '/robots.txt'
    || ['/en/', '/static/', '/medias/', '/api/', '/donnees/', '//'].some((x) => bare.startsWith(x));
  if (neutral) return p;
  if (bare === '/') return '/en' + p.slice(1);
  return '/en' + p;
}

async function goto(session, pathOrUrl) {
  const url = new URL(localPath(session.lang, pathOrUrl), BASE).href;
  return session.page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
}

/// Clicks the submit button of the form matched by `formSelector` and returns the response of the
/// document it leads to (after redirects).
async function submit(session, formSelector) {
  const page = session.page;
  // The form's action in the session's language; a page opened from a French emailed link
  // keeps its French action.
  const local = formSelector.replace(/action="(\/[^"]*)"/, (_, p) => `action="${localPath(session.lang, p)}"`);
  if ((await page.locator(local).count()) > 0) formSelector = local;
  const form = page.locator(formSelector);
  if ((await form.count()) !== 1) throw new FlowError(`form ${formSelector} not found once on ${page.url()}`);
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: NAV_TIMEOUT }),
    form.locator('button[type="submit"]').first().click(),
  ]);
  return response;
}

/// Signs `email` in through the form of /compte/connexion; returns the context's storage state.
async function signIn(session, email) {
  await goto(session, '/compte/connexion');
  await session.page.fill('#f-email', email);
  await session.page.fill('#f-password', PASSWORD);
  const response = await submit(session, 'main form[action="/compte/connexion"]');
  const status = response ? response.status() : null;
  const where = new URL(session.page.url());
  if (status === null || status >= 400 || where.pathname === localPath(session.lang, '/compte/connexion')) {
    throw new FlowError(`sign-in as ${email} failed (HTTP ${status}, now on ${where.pathname}${status === 429 ? ': rate limited, restart the demo server' : ''})`);
  }
  return session.context.storageState();
}

// --- emails --------------------------------------------------------------------------------------
function decodeQuotedPrintable(text) {
  const bytes = [];
  const s = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeWords(value) {
  // RFC 2047 encoded words of headers (=?UTF-8?Q?…?= or =?UTF-8?B?…?=).
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset, enc, data) => (
    enc.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' '))
  ));
}

/// Headers (lower-case names, unfolded) and body of one MIME entity.
function splitEntity(raw) {
  const m = raw.match(/\r?\n\r?\n/);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = {};
  for (const h of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = h.indexOf(':');
    if (i > 0) headers[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return { headers, body };
}

/// The decoded text of an entity: every text part of a multipart message, joined.
function entityText({ headers, body }) {
  const type = headers['content-type'] || 'text/plain';
  const boundary = type.match(/boundary="?([^";]+)"?/i);
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary[1]}`).slice(1).filter((p) => !p.startsWith('--'));
    return parts.map((p) => entityText(splitEntity(p.replace(/^\r?\n/, '')))).join('\n');
  }
  if (!/^text\//i.test(type)) return '';
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return Buffer.from(body, 'latin1').toString('utf8');
}

function readMails() {
  if (!existsSync(OUTBOX)) return [];
  return readdirSync(OUTBOX)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => {
      const file = path.join(OUTBOX, f);
      try {
        // Read as latin1 to keep the bytes; the decoders turn them into UTF-8 text.
        const entity = splitEntity(readFileSync(file, 'latin1'));
        return {
          file,
          mtime: statSync(file).mtimeMs,
          to: decodeWords(Buffer.from(entity.headers.to || '', 'latin1').toString('utf8')),
          text: entityText(entity),
        };
      } catch {
        return null; // being written: read again at the next poll
      }
    })
    .filter(Boolean);
}

/// Polls the outbox for the newest email to `address` containing a link to `linkPath`; returns
/// that link as a path with its query.
async function waitForLink(address, linkPath) {
  const pattern = new RegExp(`https?://[^\\s"'<>]*${linkPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\?jeton=[A-Za-z0-9_%-]+`);
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const mails = readMails()
      .filter((m) => m.to.toLowerCase().includes(address.toLowerCase()))
      .sort((a, b) => b.mtime - a.mtime);
    for (const m of mails) {
      const found = m.text.match(pattern);
      if (found) {
        const link = new URL(found[0]);
        return `${link.pathname}${link.search}`;
      }
    }
    if (Date.now() > deadline) {
      throw new FlowError(`no email to ${address} with a ${linkPath}?jeton= link in ${OUTBOX} after ${MAIL_WAIT_MS / 1000} s (${mails.length} email(s) to that address)`);
    }
    await new Promise((res) => setTimeout(res, 250));
  }
}

/// Waits for an email (to anyone) holding a link that matches `pattern` (a RegExp on the path and
/// query); returns that path and query.
async function waitForPattern(pattern, what) {
  const deadline = Date.now() + MAIL_WAIT_MS;
  for (;;) {
    const mails = readMails().sort((a, b) => b.mtime - a.mtime);
    for (const m of mails) {
      const found = m.text.match(pattern);
      if (found) {
        const link = new URL(found[0]);
        return `${link.pathname}${link.search}`;
      }
    }
    if (Date.now() > deadline) throw new FlowError(`no email with ${what} in ${OUTBOX} after ${MAIL_WAIT_MS / 1000} s`);
    await new Promise((res) => setTimeout(res, 250));
  }
}

// --- the pages of one mode -----------------------------------------------------------------------
async function step(session, label, fn) {
  try {
    await fn();
  } catch (e) {
    reportError(session, label, e);
  }
}

async function auditMode(browser, lang, mode, states, shared) {
  line();
  line(`---- signed-in audit: ${lang}, ${mode}`);
  line('STATUS  AXE  RESULT  URL [mode, lang] page');
  const sessions = [];
  const open = async (account) => {
    if (account && !states[account]) {
      // First use of the account: sign in through the real form.
      const s = await openSession(browser, lang, mode, null);
      sessions.push(s);
      states[account] = await signIn(s, ACCOUNTS[account]);
      return s;
    }
    const s = await openSession(browser, lang, mode, account ? states[account] : null);
    sessions.push(s);
    return s;
  };
  const page = async (session, label, where, expect) => audit(session, session.page, await goto(session, where), label, expect);

  try {
    // Structure team member.
    await step({ lang, mode }, 'structure pages', async () => {
      const s = await open('structure');
      await page(s, 'compte', '/compte');
      await page(s, 'espace-structure', '/espace/structure');
      await page(s, 'accompagnement-nouveau', '/espace/structure/accompagnements/nouveau');
      // An empty form: the page again, with messages next to the fields.
      await audit(s, s.page, await submit(s, 'main form[action="/espace/structure/accompagnements/nouveau"]'), 'accompagnement-nouveau-erreurs', 422);
      // The self-diagnoses associations attached to their messages (the demo attaches one).
      await page(s, 'diagnostics-recus', '/espace/structure/diagnostics');
      const shared = await s.page.locator(`main a[href^="${localPath(lang, '/espace/structure/diagnostics/')}"]`).first().getAttribute('href').catch(() => null);
      if (!shared) throw new FlowError('no attached self-diagnosis on /espace/structure/diagnostics');
      await page(s, 'diagnostic-recu', shared);
    });

    // Moderator.
    await step({ lang, mode }, 'moderation pages', async () => {
      const s = await open('moderation');
      await page(s, 'moderation', '/moderation');
    });

    // Administrator.
    await step({ lang, mode }, 'admin pages', async () => {
      const s = await open('admin');
      await page(s, 'admin-utilisateurs', '/admin/utilisateurs');
      const href = await s.page.locator(`main a[href^="${localPath(lang, '/admin/utilisateurs/')}"]`).first().getAttribute('href').catch(() => null);
      if (!href || !/^(\/en)?\/admin\/utilisateurs\/\d+$/.test(href)) throw new FlowError('no /admin/utilisateurs/<id> link on /admin/utilisateurs');
      await page(s, 'admin-utilisateur', href);
      await page(s, 'admin-taxonomies', '/admin/taxonomies');
      await page(s, 'admin-pages', '/admin/pages');
      await page(s, 'admin-page-confidentialite', '/admin/pages/confidentialite');
      await page(s, 'admin-journal', '/admin/journal');
      await page(s, 'admin-questionnaire', '/admin/questionnaire');
      // Without a reason: the page again, with the message next to the field (nothing saved).
      await audit(s, s.page, await submit(s, 'main form[action="/admin/questionnaire"]'), 'admin-questionnaire-erreurs', 422);
      await page(s, 'admin-diagnostics', '/admin/diagnostics');
    });

    // Association.
    await step({ lang, mode }, 'association pages', async () => {
      const s = await open('asso');
      await page(s, 'recommander', `/annuaire/${shared.slug}/recommander`);
      await page(s, 'annonce-nouvelle', '/annonces/nouvelle');
      // An empty form: the page again, with messages next to the fields.
      await audit(s, s.page, await submit(s, 'main form[action="/annonces/nouvelle"]'), 'annonce-nouvelle-erreurs', 422);
      await page(s, 'mes-annonces', '/annonces/mes-annonces');
      // Its own ads: the author's view (offers to accept, lifecycle actions, edit form).
      const own = await s.page.locator(`main a[href^="${localPath(lang, '/annonces/')}"]`).evaluateAll((links) => links.map((a) => a.getAttribute('href')).filter((h) => /^(\/en)?\/annonces\/\d+-/.test(h)));
      if (!own.length) throw new FlowError('no ad of the association account on /annonces/mes-annonces');
      for (const [i, href] of own.slice(0, 3).entries()) await page(s, `annonce-auteur-${i + 1}`, href);
      await page(s, 'annonce-modifier', `${own[0].split('-')[0]}/modifier`);
    });

    // A structure member on an open ad: the offer and pledge forms.
    await step({ lang, mode }, 'ads as a structure', async () => {
      const s = await open('structure');
      await goto(s, '/annonces?statut=ouverte');
      const href = await s.page.locator('main .ad-card a').first().getAttribute('href').catch(() => null);
      if (!href) throw new FlowError('no open ad on /annonces?statut=ouverte');
      await page(s, 'annonce-structure', href);
      // A comment: the ad's followers get an email with a one-click unsubscribe link.
      await s.page.fill('#f-comment', `Question fictive de l'audit d'accessibilité (${lang}, ${mode}) : le projet est-il toujours ouvert ?`);
      const posted = await submit(s, `main form[action$="/commentaires"]`);
      if (!posted || posted.status() >= 400) throw new FlowError(`posting a comment answered HTTP ${posted && posted.status()}`);
      await audit(s, s.page, posted, 'annonce-commentaire-publie');
      const id = href.match(/^(?:\/en)?\/annonces\/(\d+)/)[1];
      const unsubscribe = await waitForPattern(new RegExp(`https?://[^\\s"'<>]*/annonces/${id}/desabonnement\\?u=\\d+&t=[0-9a-f]+`), 'an unsubscribe link');
      const a = await open(null);
      await page(a, 'annonce-desabonnement', unsubscribe);
      await audit(a, a.page, await submit(a, 'main form'), 'annonce-desabonnee', 200);
    });

    // Anonymous sign-up with an empty form.
    await step({ lang, mode }, 'sign-up errors', async () => {
      const s = await open(null);
      await goto(s, '/compte/inscription');
      await audit(s, s.page, await submit(s, 'main form[action="/compte/inscription"]'), 'inscription-erreurs', 422);
    });

    // A new account: the page of the verification link and its button, then the change of
    // address and the page of its confirmation link.
    await step({ lang, mode }, 'account email links', async () => {
      const s = await open(null);
      const address = `audit-${randomBytes(6).toString('hex')}@audit.example`;
      await goto(s, '/compte/inscription');
      await s.page.fill('#f-email', address);
      await s.page.fill('#f-display_name', "Compte d'audit (fictif)");
      await s.page.fill('#f-password', PASSWORD);
      const signedUp = await submit(s, 'main form[action="/compte/inscription"]');
      if (!signedUp || signedUp.status() >= 400) throw new FlowError(`signing up answered HTTP ${signedUp && signedUp.status()}`);
      await page(s, 'verification', await waitForLink(address, '/compte/verifier'));
      await audit(s, s.page, await submit(s, 'main form[action="/compte/verifier"]'), 'verification-faite', 200);
      await signIn(s, address);
      const renamed = `audit-${randomBytes(6).toString('hex')}@audit.example`;
      await goto(s, '/compte');
      await s.page.fill('#f-new_email', renamed);
      await s.page.fill('#f-email_password', PASSWORD);
      const asked = await submit(s, 'main form[action="/compte/email"]');
      if (!asked || asked.status() >= 400) throw new FlowError(`asking for a new address answered HTTP ${asked && asked.status()}`);
      await page(s, 'confirmer-email', await waitForLink(renamed, '/compte/confirmer-email'));
      await audit(s, s.page, await submit(s, 'main form[action="/compte/confirmer-email"]'), 'email-confirme', 200);
    });

    // A team invitation opened by another account: the page says why it cannot be used.
    await step({ lang, mode }, 'team invitation', async () => {
      const s = await open('structure');
      const address = `audit-${randomBytes(6).toString('hex')}@audit.example`;
      await goto(s, '/espace/structure');
      await s.page.fill('#f-invite_email', address);
      const sent = await submit(s, 'main form[action="/espace/structure/invitations"]');
      if (!sent || sent.status() >= 400) throw new FlowError(`inviting answered HTTP ${sent && sent.status()}`);
      const other = await open('asso');
      await page(other, 'rejoindre-refus', await waitForLink(address, '/espace/structure/rejoindre'), 403);
    });

    // A visitor's message to a listed structure: the receipt shows the copy.
    await step({ lang, mode }, 'contact receipt', async () => {
      const s = await open(null);
      await goto(s, `/annuaire/${shared.contact}`);
      await s.page.fill('#f-name', "Visiteur d'audit (fictif)");
      await s.page.fill('#f-email', 'visiteur@audit.example');
      await s.page.fill('#f-message', "Message fictif de l'audit d'accessibilité : nous voulons quitter Google Drive.");
      // The form refuses what is sent faster than a person types.
      await new Promise((res) => setTimeout(res, 3500));
      await audit(s, s.page, await submit(s, `main form[action="/annuaire/${shared.contact}/contact"]`), 'message-envoye', 200);
    });

    // A step of the self-diagnosis left empty (the demo's draft: nothing is saved on refusal).
    await step({ lang, mode }, 'diagnosis step errors', async () => {
      const s = await open(null);
      const step = '/diagnostic/reponses/demo-brouillon-diagnostic/3';
      await goto(s, step);
      await audit(s, s.page, await submit(s, `main form[action="${step}"]`), 'diagnostic-etape-erreurs', 422);
    });

    // Pages reached from emailed links.
    await step({ lang, mode }, 'email-link pages', async () => {
      const s = await open('structure');
      const address = `audit-${randomBytes(6).toString('hex')}@audit.example`;
      const form = `main form[action="${localPath(lang, '/espace/structure/accompagnements/nouveau')}"]`;
      await goto(s, '/espace/structure/accompagnements/nouveau');
      await s.page.fill('#f-association_name', "Association d'audit (fictive)");
      await s.page.fill('#f-contact_email', address);
      await s.page.fill('#f-summary', "Accompagnement fictif déclaré par l'audit d'accessibilité de l'intégration continue.");
      await s.page.locator(`${form} input[type="checkbox"][name="services"]`).first().check();
      await s.page.fill('#f-period_start', '2025-01');
      await s.page.fill('#f-period_end', '2025-02');
      const sent = await submit(s, form);
      if (!sent || sent.status() >= 400) throw new FlowError(`declaring the accompaniment answered HTTP ${sent && sent.status()}`);
      await audit(s, s.page, sent, 'accompagnement-envoye');

      const answerLink = await waitForLink(address, '/recommandation');
      const a = await open(null);
      await page(a, 'recommandation', answerLink);
      await a.page.fill('#f-body', "Un accompagnement fictif, clair et patient, qui nous a rendus autonomes sur nos outils libres.");
      for (const id of ['#listening-oui', '#clarity-oui', '#autonomy-oui', '#would-oui']) await a.page.check(id);
      await audit(a, a.page, await submit(a, 'main form[action="/recommandation"]'), 'recommandation-merci', 200);

      const withdrawLink = await waitForLink(address, '/recommandation/retirer');
      await page(a, 'recommandation-retirer', withdrawLink);

      // The reminder the demo's oldest profiles receive at start: the page of its link, then
      // its button.
      const confirmLink = await waitForPattern(/https?:\/\/[^\s"'<>]*\/annuaire\/[a-z0-9-]+\/confirmer\?signature=[0-9a-f]+/, 'a profile confirmation link');
      await page(a, 'fiche-a-confirmer', confirmLink);
      await audit(a, a.page, await submit(a, 'main form[action$="/confirmer"]'), 'fiche-confirmee', 200);
    });
  } finally {
    for (const s of sessions) {
      await s.context.close().catch(() => {});
      // Requests to another host made after the session's last audit.
      if (s.foreign.size) {
        const r = { label: 'after the last page', url: '-', lang, mode, status: null, axe: null, reasons: [`request to another host: ${[...s.foreign].join(', ')}`], pass: false };
        results.push(r);
        report(r);
      }
    }
  }
}

// --- main ----------------------------------------------------------------------------------------
async function main() {
  for (const [what, file] of [['playwright-core', PLAYWRIGHT], ['axe-core', AXE_PATH], ['Chromium', CHROMIUM]]) {
    if (!existsSync(file)) {
      process.stderr.write(`audit-signed-in: ${what} not found at ${file} (run page-audit's setup.sh)\n`);
      process.exit(2);
    }
  }
  const { chromium } = await import(pathToFileURL(PLAYWRIGHT).href);

  // A structure the association account may recommend: the first one the directory lists.
  const res = await fetch(`${BASE}/annuaire`);
  const slugs = [...new Set([...(await res.text()).matchAll(/href="\/annuaire\/([a-z0-9-]+)"/g)].map((m) => m[1]))]
    .filter((s) => s !== 'embed' && s !== 'carte');
  const slug = slugs[0];
  if (!res.ok || !slug) throw new FlowError(`no /annuaire/<slug> link on ${BASE}/annuaire (HTTP ${res.status})`);
  // Each mode writes to another structure: the site caps the messages one address receives.
  let turn = 0;

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const states = {};
  try {
    for (const lang of Object.keys(LANGS)) {
      for (const mode of DEVICES) await auditMode(browser, lang, mode, states, { slug, contact: slugs[turn++ % slugs.length] });
    }
  } finally {
    await browser.close().catch(() => {});
  }

  const errors = results.filter((r) => r.error).length;
  const fails = results.filter((r) => !r.pass && !r.error).length;
  const code = errors ? 2 : fails ? 1 : 0;
  line();
  line(`${results.length - errors} page(s) audited: ${results.length - fails - errors} pass, ${fails} fail, ${errors} flow error(s) -> exit ${code}`);
  line(`screenshots in ${SHOTS}`);
  process.exit(code);
}

main().catch((e) => {
  process.stderr.write(`audit-signed-in: ${e instanceof FlowError ? e.message : e.stack || e}\n`);
  process.exit(2);
});
