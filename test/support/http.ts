import type { Express } from 'express';
import request from 'supertest';
import { expect } from 'chai';

export type Agent = ReturnType<typeof request.agent>;

/** The `_csrf` value of the first form in a page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no CSRF token in page');
  return m[1]!;
}

/** Fetches a page as a person would before posting its form, and returns the form's CSRF token. */
export async function formToken(agent: Agent, path: string): Promise<string> {
  const res = await agent.get(path).expect(200);
  return csrfFrom(res.text);
}

/** Posts a form the way a browser does: first GET the page for its token, then POST urlencoded. */
export async function submitForm(agent: Agent, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  const _csrf = await formToken(agent, pagePath);
  return agent.post(action).type('form').send(formBody({ ...fields, _csrf }));
}

/** urlencoded like a browser: repeated keys for several values (checkbox groups), no `a[0]=` indices. */
export function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return body.toString();
}

/** A supertest agent signed in through the real login form. */
export async function signIn(app: Express, identifier: string, password: string): Promise<Agent> {
  const agent = request.agent(app);
  const res = await submitForm(agent, '/login', '/login', { identifier, password });
  expect(res.status, `login as ${identifier}`).to.equal(303);
  return agent;
}

/** Text of the page's <main>, tags stripped: what a reader sees. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? html;
  return main.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&#34;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
