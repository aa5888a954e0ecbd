/**
 * HTML of the hosted funnel, in French, with inline CSS and no external asset. Element ids and names are stable so
 * tests can drive the pages with plain HTTP:
 * - bank list: `<form id="search-form">` (input `q`), links `<a class="bank" id="bank-<id>" href="…">`;
 * - credentials: `<form id="credentials-form" method="post" action="…">` with hidden `provider_id`, inputs `login`
 *   and `password`; errors in `<p id="error">`;
 * - SCA: `<form id="sca-form" method="post" action="…">`, the code shown in `<strong id="sca-code">`, input `code`;
 * - every step: `<a id="cancel" href="…">Annuler</a>`.
 */
import type { Provider } from './catalog.js';
import { escapeHtml } from './http.js';

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f3f5f9; color: #1d2433; margin: 0; }
  main { max-width: 28rem; margin: 3rem auto; background: #fff; border-radius: 12px; box-shadow: 0 2px 12px rgba(0,0,0,.08); padding: 2rem; }
  header { font-size: .8rem; text-transform: uppercase; letter-spacing: .08em; color: #6b7489; margin-bottom: 1rem; }
  h1 { font-size: 1.35rem; margin: 0 0 1rem; }
  p { line-height: 1.5; }
  form { display: flex; flex-direction: column; gap: .75rem; }
  label { font-weight: 600; font-size: .9rem; }
  input[type=text], input[type=password], input[type=search] { padding: .6rem .75rem; border: 1px solid #c9cfdb; border-radius: 8px; font-size: 1rem; }
  button { padding: .7rem; border: 0; border-radius: 8px; background: #3056d3; color: #fff; font-size: 1rem; cursor: pointer; }
  ul.banks { list-style: none; padding: 0; margin: 1rem 0; }
  ul.banks li a { display: flex; align-items: center; gap: .75rem; padding: .6rem; border-radius: 8px; color: inherit; text-decoration: none; }
  ul.banks li a:hover { background: #eef2fb; }
  .logo { width: 2rem; height: 2rem; border-radius: 50%; color: #fff; display: inline-flex; align-items: center; justify-content: center; font-weight: 700; font-size: .8rem; }
  .error { background: #fde8e8; color: #a61b1b; padding: .6rem .75rem; border-radius: 8px; }
  .hint { background: #eef7ee; color: #1e6b2a; padding: .6rem .75rem; border-radius: 8px; }
  .cancel { display: inline-block; margin-top: 1.25rem; color: #6b7489; }
  .sandbox { font-size: .75rem; color: #98a0b3; margin-top: 1.5rem; }
`;

export function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Bridge (sandbox)</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>Bridge · connexion bancaire</header>
${content}
<p class="sandbox">Environnement de test (sandbox) : aucune donnée bancaire réelle n'est utilisée.</p>
</main>
</body>
</html>`;
}

function initials(name: string): string {
  return name
    .split(/[\s'’-]+/)
    .filter((word) => /^\p{Lu}/u.test(word))
    .map((word) => word[0])
    .join('')
    .slice(0, 3);
}

function logo(provider: Provider): string {
  return `<span class="logo" style="background:${provider.color}" aria-hidden="true">${escapeHtml(initials(provider.name))}</span>`;
}

function cancelLink(href: string): string {
  return `<a id="cancel" class="cancel" href="${escapeHtml(href)}">Annuler</a>`;
}

function errorBlock(error: string | null): string {
  return error ? `<p id="error" class="error" role="alert">${escapeHtml(error)}</p>` : '';
}

export function bankListPage(args: {
  searchAction: string;
  query: string;
  banks: { provider: Provider; href: string }[];
  cancelHref: string;
}): string {
  const items = args.banks.length
    ? args.banks
        .map(
          ({ provider, href }) =>
            `<li><a class="bank" id="bank-${provider.id}" href="${escapeHtml(href)}">${logo(provider)}<span>${escapeHtml(provider.name)}</span></a></li>`,
        )
        .join('\n')
    : '<li id="no-bank">Aucune banque ne correspond à votre recherche.</li>';
  return page(
    'Choisissez votre banque',
    `<h1>Choisissez votre banque</h1>
<form id="search-form" method="get" action="${escapeHtml(args.searchAction)}">
<label for="q">Rechercher une banque</label>
<input type="search" id="q" name="q" value="${escapeHtml(args.query)}" placeholder="Ex. : BNP Paribas">
<button type="submit">Rechercher</button>
</form>
<ul id="banks" class="banks">
${items}
</ul>
${cancelLink(args.cancelHref)}`,
  );
}

export function credentialsPage(args: {
  provider: Provider;
  action: string;
  intro: string | null;
  error: string | null;
  login: string;
  cancelHref: string;
}): string {
  return page(
    `Connexion à ${args.provider.name}`,
    `<h1>${logo(args.provider)} Connexion à ${escapeHtml(args.provider.name)}</h1>
${args.intro ? `<p id="intro">${escapeHtml(args.intro)}</p>` : ''}
${errorBlock(args.error)}
<form id="credentials-form" method="post" action="${escapeHtml(args.action)}">
<input type="hidden" name="provider_id" value="${args.provider.id}">
<label for="login">Identifiant</label>
<input type="text" id="login" name="login" value="${escapeHtml(args.login)}" autocomplete="username" required>
<label for="password">Mot de passe</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit" id="submit">Se connecter</button>
</form>
<p class="sandbox">Sandbox : tout identifiant est accepté ; le mot de passe « wrong » est refusé.</p>
${cancelLink(args.cancelHref)}`,
  );
}

export function scaPage(args: {
  provider: Provider;
  action: string;
  code: string;
  error: string | null;
  cancelHref: string;
}): string {
  return page(
    'Authentification forte',
    `<h1>${logo(args.provider)} Authentification forte</h1>
<p>${escapeHtml(args.provider.name)} vous a envoyé un code de confirmation.</p>
<p id="sca-hint" class="hint">Code reçu par SMS (sandbox) : <strong id="sca-code">${escapeHtml(args.code)}</strong></p>
${errorBlock(args.error)}
<form id="sca-form" method="post" action="${escapeHtml(args.action)}">
<label for="code">Code de confirmation</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit" id="submit">Valider</button>
</form>
${cancelLink(args.cancelHref)}`,
  );
}

export function messagePage(id: string, title: string, text: string): string {
  return page(title, `<h1 id="${escapeHtml(id)}">${escapeHtml(title)}</h1>\n<p>${escapeHtml(text)}</p>`);
}

/** A round logo with the bank's initials, served by the sandbox for `images.logo` / `logo_url`. */
export function logoSvg(provider: Provider): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64"><circle cx="32" cy="32" r="32" fill="${provider.color}"/><text x="32" y="39" font-family="Arial, sans-serif" font-size="20" font-weight="700" fill="#fff" text-anchor="middle">${escapeHtml(initials(provider.name))}</text></svg>`;
}
