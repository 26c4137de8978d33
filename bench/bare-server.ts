/**
 * The baseline for bench/load.ts: a bare Express 5 + EJS server that renders one page with the app's
 * own layout (views/layouts/top and bottom, same stylesheet links, a signed-in user's navigation)
 * and nothing else but the same response compression: no session, no database, no helmet, no logging. Prints `LISTENING <port>`.
 * The benchmark runs its build (dist/bench/bare-server.js) with NODE_ENV=production, like the app,
 * and it renders with EJS's template cache on, like the app's production view cache.
 */
import path from 'node:path';
import compression from 'compression';
import ejs from 'ejs';
import express from 'express';
import { createI18n, formatters } from '../src/platform/i18n';
import { navFor } from '../src/navigation';
import { projectRoot } from '../src/platform/paths';
import { assetsFor } from '../src/platform/http/assets';

const views = path.join(projectRoot(), 'views');
// Rendered as if it lived in views/bench/, so the layout includes resolve as in every page.
const TEMPLATE = `<%- include('../layouts/top', { title: 'Beranda saya' }) %>
<h1>Beranda saya</h1>
<p class="lead">Halaman pembanding: tata letak yang sama, tanpa basis data.</p>
<ul><% items.forEach(function (i) { %><li><%= i %></li><% }) %></ul>
<%- include('../layouts/bottom') %>`;

const i18n = createI18n();
const user = { id: '0', name: 'Ahmad Nurhadi', roles: ['worker'] as const, workshopId: null, language: 'id' };
const locals = {
  lng: 'id', t: i18n.getFixedT('id'), fmt: formatters('id'), currentUser: user, nav: navFor(user.roles), languageLinks: [
    { lng: 'id', href: '?lng=id', current: true }, { lng: 'en', href: '?lng=en', current: false }],
  unread: 0, flash: [], csrfToken: 'x'.repeat(43), currentPath: '/home/worker', errors: {}, values: {},
  items: ['Kelas SMAW 3G', 'Membubut Dasar', 'K3 di Bengkel Logam'],
  // The app's own asset() (app.locals.asset): the same fingerprinted links in the same layout.
  asset: assetsFor(path.join(projectRoot(), 'public'), { watch: false }).url,
};

const app = express();
app.disable('x-powered-by');
app.use(compression());
app.get('/', (_req, res) => {
  res.type('html').send(ejs.render(TEMPLATE, locals, { filename: path.join(views, 'bench', 'bare.ejs'), cache: true }));
});
const server = app.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`LISTENING ${typeof a === 'object' && a ? a.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
