/**
 * Drives the sandbox's hosted funnel over plain HTTP (fetch), the way a browser would: pick the bank, post the
 * credentials, read the SCA code shown on the page and post it. For e2e tests of the product and for demos.
 * Works against any sandbox URL, mounted or not, because it only follows the links and form actions of the pages.
 */

export interface DriveFunnelOptions {
  /** Bank to pick when the session shows the bank list (default: the first bank listed). */
  providerId?: number;
  login?: string;
  /** "wrong" makes the sandbox refuse the credentials. */
  password?: string;
  /** Stop by clicking "Annuler" on this page instead of going through. */
  cancelAt?: 'list_banks' | 'credentials' | 'otp_form';
}

export interface DriveFunnelResult {
  /** HTTP status of the last answer (302 when redirected to the callback). */
  status: number;
  /** The callback URL with its query (user_uuid, item_id, success, …), when the session has a callback. */
  location: string | null;
  /** HTML of the last page, when there was no redirect. */
  html: string;
  /** The SCA code read on the page, if that step was reached. */
  scaCode: string | null;
}

/** `action` of the form with this id. */
export function formAction(html: string, formId: string): string | null {
  const match =
    new RegExp(`<form[^>]*id="${formId}"[^>]*action="([^"]*)"`).exec(html) ??
    new RegExp(`<form[^>]*action="([^"]*)"[^>]*id="${formId}"`).exec(html);
  return match ? decodeEntities(match[1]!) : null;
}

/** Hidden inputs of the page, as name → value. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[match[1]!] = decodeEntities(match[2]!);
  return fields;
}

/** The SCA code the sandbox shows on its OTP page ("Code reçu par SMS (sandbox) : 482913"). */
export function scaCodeOf(html: string): string | null {
  return /<strong id="sca-code">(\d+)<\/strong>/.exec(html)?.[1] ?? null;
}

export function cancelHref(html: string): string | null {
  const match = /<a id="cancel"[^>]*href="([^"]*)"/.exec(html);
  return match ? decodeEntities(match[1]!) : null;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

async function request(
  url: URL,
  body?: Record<string, string>,
): Promise<{ status: number; location: string | null; html: string }> {
  const response = await fetch(url, {
    method: body ? 'POST' : 'GET',
    redirect: 'manual',
    headers: body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
    body: body ? new URLSearchParams(body).toString() : undefined,
  });
  return { status: response.status, location: response.headers.get('location'), html: await response.text() };
}

export async function driveConnectFunnel(
  sessionUrl: string,
  options: DriveFunnelOptions = {},
): Promise<DriveFunnelResult> {
  const at = (path: string): URL => new URL(path, sessionUrl);
  const finish = (
    answer: { status: number; location: string | null; html: string },
    scaCode: string | null = null,
  ): DriveFunnelResult => ({ ...answer, scaCode });
  const cancel = async (html: string): Promise<DriveFunnelResult> => finish(await request(at(cancelHref(html)!)));

  let page = await request(new URL(sessionUrl));
  if (page.status !== 200) return finish(page);
  if (!page.html.includes('id="credentials-form"') && !page.html.includes('id="sca-form"')) {
    if (options.cancelAt === 'list_banks') return cancel(page.html);
    const bank =
      options.providerId !== undefined
        ? new RegExp(`id="bank-${options.providerId}" href="([^"]*)"`).exec(page.html)
        : /class="bank" id="bank-\d+" href="([^"]*)"/.exec(page.html);
    if (!bank) throw new Error(`Bank ${options.providerId ?? '(any)'} is not on the list of the session`);
    page = await request(at(decodeEntities(bank[1]!)));
  }
  if (page.html.includes('id="credentials-form"')) {
    if (options.cancelAt === 'credentials') return cancel(page.html);
    page = await request(at(formAction(page.html, 'credentials-form')!), {
      ...hiddenFields(page.html),
      login: options.login ?? 'sandbox-user',
      password: options.password ?? 'sandbox-password',
    });
    if (!page.html.includes('id="sca-form"')) return finish(page);
  }
  const code = scaCodeOf(page.html);
  if (options.cancelAt === 'otp_form') return { ...(await cancel(page.html)), scaCode: code };
  const done = await request(at(formAction(page.html, 'sca-form')!), { ...hiddenFields(page.html), code: code ?? '' });
  return finish(done, code);
}
