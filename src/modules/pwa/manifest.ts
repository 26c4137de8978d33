import type { TFunction } from 'i18next';
import type { Language } from '../../platform/i18n';

/** The brand colour of the header and icons (public/favicon.svg). */
export const THEME_COLOR = '#0b4f6c';

/**
 * The web app manifest in one language: what a phone needs to install Takaru Skills as an app
 * (name, icons of 192 and 512 px, a start page inside the scope, standalone display).
 */
export function webManifest(lng: Language, t: TFunction) {
  return {
    id: '/',
    name: 'Takaru Skills',
    short_name: 'Takaru',
    description: t('pwa:manifest.description'),
    lang: lng === 'id' ? 'id-ID' : 'en-GB',
    dir: 'ltr',
    start_url: '/?source=app',
    scope: '/',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: THEME_COLOR,
    icons: [
      { src: '/public/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/public/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/public/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
    shortcuts: [
      { name: t('nav.my_schedule'), url: '/my/schedule' },
      { name: t('nav.my_certificates'), url: '/my/certificates' },
    ],
  };
}
