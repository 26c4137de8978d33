import path from 'node:path';
import { Router } from 'express';
import type { i18n } from 'i18next';
import { LANGUAGES } from '../../platform/i18n';
import { projectRoot } from '../../platform/paths';
import { webManifest } from './manifest';

/**
 * The installable app: the manifest per language (`/manifest.id.webmanifest`: a browser fetches a
 * manifest without cookies, so the language is in the path), the service worker at `/sw.js` (its
 * place decides its scope: the whole site) and the offline page it shows for pages it has not kept.
 */
export function pwaRoutes(deps: { i18n: i18n }): Router {
  const r = Router();
  for (const lng of LANGUAGES) {
    const body = JSON.stringify(webManifest(lng, deps.i18n.getFixedT(lng)));
    r.get(`/manifest.${lng}.webmanifest`, (_req, res) => {
      res.type('application/manifest+json').set('Cache-Control', 'public, max-age=86400').send(body);
    });
  }
  const worker = path.join(projectRoot(), 'public', 'js', 'service-worker.js');
  r.get('/sw.js', (_req, res) => {
    // no-cache: the browser asks again each time, so a new worker reaches phones at once.
    res.set({ 'Cache-Control': 'no-cache', 'Service-Worker-Allowed': '/' }).type('text/javascript').sendFile(worker);
  });
  // Both languages on one page: it is kept once, and shown before anyone's language is known.
  r.get('/offline', (_req, res) => {
    res.set('Cache-Control', 'no-cache').render('pwa/offline', { id: deps.i18n.getFixedT('id'), en: deps.i18n.getFixedT('en') });
  });
  return r;
}
