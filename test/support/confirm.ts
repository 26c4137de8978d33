import { expect } from 'chai';
import { formBody, formToken, mainText, type Agent } from './http';

const decode = (s: string) => s.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The fields the confirmation page's form posts (hidden inputs, the CSRF token and marker included). */
export function confirmFormFields(html: string): Record<string, string[]> {
  const form = /<section class="panel confirm-page"[\s\S]*?<form[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  if (!form) throw new Error('no confirmation form in page');
  const fields: Record<string, string[]> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) (fields[decode(m[1]!)] ??= []).push(decode(m[2]!));
  return fields;
}

/**
 * A person's two clicks: the action's form (GET its page for the token, POST) answers with the
 * confirmation page; then its "yes" button posts that page's form. Returns both answers.
 */
export async function throughConfirm(agent: Agent, pagePath: string, action: string, fields: Record<string, string | string[]>) {
  const _csrf = await formToken(agent, pagePath);
  const step = await agent.post(action).type('form').send(formBody({ ...fields, _csrf }));
  expect(step.status, `confirmation step of ${action}: ${mainText(step.text ?? '').slice(0, 300)}`).to.equal(200);
  const done = await agent.post(action).type('form').send(formBody(confirmFormFields(step.text)));
  return { step, stepText: mainText(step.text), done };
}

