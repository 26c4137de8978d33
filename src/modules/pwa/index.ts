export { pwaRoutes } from './pwa.routes';
export { webManifest, THEME_COLOR } from './manifest';
