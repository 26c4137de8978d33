/** What "Share" offers for a certificate: always its public verification link, never a page behind login. */
export interface ShareLinks {
  url: string;
  text: string;
  /** WhatsApp's click-to-chat link with the text and the link: works without JavaScript. */
  whatsapp: string;
}

/**
 * Share links for a certificate. `verifyUrl` must be the public `/verify/<code>` link (qr.ts): a
 * colleague or an employer who gets it sees what the verification page shows, and nothing else.
 */
export function shareLinks(verifyUrl: string, text: string): ShareLinks {
  return { url: verifyUrl, text, whatsapp: `https://wa.me/?text=${encodeURIComponent(`${text} ${verifyUrl}`)}` };
}
