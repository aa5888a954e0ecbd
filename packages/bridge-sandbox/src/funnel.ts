/**
 * The hosted Connect funnel: bank list → credentials → SCA code → redirect to the callback. Mounted at `/connect`,
 * so session URLs are `<origin><mount prefix>/connect/session/<uuid>`.
 */
import { Router, type ErrorRequestHandler, type Request, type Response } from 'express';

import { findProvider, PROVIDERS, type Provider } from './catalog.js';
import type { SandboxContext } from './context.js';
import { bankListPage, credentialsPage, logoSvg, messagePage, scaPage } from './funnel-pages.js';
import { queryValue, readBody, sandboxBase } from './http.js';
import type { ConnectSession, FunnelStep } from './store.js';

const STEPS: FunnelStep[] = [
  'list_banks',
  'bank_creds_form',
  'edit_bank_creds_form',
  'otp_form',
  'pro_validation_form',
];

/** Accent- and case-insensitive form for the bank search. */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

async function formFields(req: Request): Promise<Record<string, string>> {
  const read = await readBody(req);
  if (read.kind === 'text') return Object.fromEntries(new URLSearchParams(read.text));
  if (read.kind === 'parsed' && read.value && typeof read.value === 'object') {
    return Object.fromEntries(
      Object.entries(read.value as Record<string, unknown>).map(([key, value]) => [key, String(value)]),
    );
  }
  return {};
}

function html(res: Response, status: number, body: string): void {
  res.status(status).type('text/html; charset=utf-8').setHeader('Cache-Control', 'no-store');
  res.send(body);
}

export function funnelRouter(ctx: SandboxContext): Router {
  const router = Router();
  const { sessions } = ctx;

  const links = (res: Response, session: ConnectSession) => {
    const root = `${sandboxBase(res)}/connect/session/${session.id}`;
    return {
      root,
      bank: (provider: Provider) => `${root}/banks/${provider.id}`,
      credentials: `${root}/credentials`,
      sca: `${root}/sca`,
      cancel: (step: FunnelStep) => `${root}/cancel?step=${step}`,
    };
  };

  /** The session, or an error page (unknown, expired, already used). */
  const activeSession = (req: Request, res: Response): ConnectSession | null => {
    const id = String(req.params.id ?? '');
    const lookup = sessions.lookup(id);
    if (lookup.ok) return lookup.session;
    if (lookup.reason === 'unknown')
      html(
        res,
        404,
        messagePage(
          'session-error',
          'Session introuvable',
          "Ce lien de connexion n'existe pas. Recommencez depuis votre application.",
        ),
      );
    else if (lookup.reason === 'expired')
      html(
        res,
        410,
        messagePage(
          'session-error',
          'Session expirée',
          'Ce lien de connexion a expiré. Recommencez depuis votre application.',
        ),
      );
    else
      html(
        res,
        410,
        messagePage(
          'session-error',
          'Session déjà utilisée',
          'Ce lien de connexion a déjà été utilisé. Recommencez depuis votre application.',
        ),
      );
    return null;
  };

  const intro = (session: ConnectSession): string | null => {
    switch (session.purpose) {
      case 'sync':
        return 'Votre banque demande une nouvelle authentification forte pour continuer la synchronisation.';
      case 'edit':
        return 'Vos identifiants ont changé : saisissez les nouveaux.';
      case 'pro':
        return 'Connectez-vous pour valider vos comptes professionnels.';
      case 'add':
        return null;
    }
  };

  const showCredentials = (
    res: Response,
    session: ConnectSession,
    provider: Provider,
    error: string | null,
    login = '',
  ): void => {
    const link = links(res, session);
    html(
      res,
      200,
      credentialsPage({
        provider,
        action: link.credentials,
        intro: intro(session),
        error,
        login,
        cancelHref: link.cancel(sessions.credentialsStep(session)),
      }),
    );
  };

  const showSca = (res: Response, session: ConnectSession, provider: Provider, error: string | null): void => {
    const link = links(res, session);
    html(
      res,
      200,
      scaPage({ provider, action: link.sca, code: session.scaCode!, error, cancelHref: link.cancel('otp_form') }),
    );
  };

  router.get('/session/:id', (req, res) => {
    const session = activeSession(req, res);
    if (!session) return;
    const providerId = sessions.providerOf(session);
    const provider = providerId !== null ? findProvider(providerId) : undefined;
    if (provider && session.scaCode) return showSca(res, session, provider, null);
    if (provider) return showCredentials(res, session, provider, null);
    const query = queryValue(req, 'q') ?? '';
    const wanted = fold(query.trim());
    const link = links(res, session);
    const banks = PROVIDERS.filter(
      (candidate) => candidate.countryCode === session.countryCode && fold(candidate.name).includes(wanted),
    )
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
      .map((candidate) => ({ provider: candidate, href: link.bank(candidate) }));
    html(res, 200, bankListPage({ searchAction: link.root, query, banks, cancelHref: link.cancel('list_banks') }));
  });

  router.get('/session/:id/banks/:providerId', (req, res) => {
    const session = activeSession(req, res);
    if (!session) return;
    const provider = findProvider(Number(req.params.providerId));
    if (!provider)
      return html(res, 404, messagePage('bank-error', 'Banque inconnue', "Cette banque n'est pas disponible."));
    // A preselected bank or a managed item cannot be swapped for another one.
    if (session.providerId === null) session.chosenProviderId = provider.id;
    return showCredentials(res, session, findProvider(sessions.providerOf(session)!)!, null);
  });

  router.post('/session/:id/credentials', async (req, res) => {
    const session = activeSession(req, res);
    if (!session) return;
    const fields = await formFields(req);
    if (session.providerId === null && fields.provider_id && findProvider(Number(fields.provider_id))) {
      session.chosenProviderId = Number(fields.provider_id);
    }
    const providerId = sessions.providerOf(session);
    const provider = providerId !== null ? findProvider(providerId) : undefined;
    if (!provider) return res.redirect(303, links(res, session).root);
    const login = (fields.login ?? '').trim();
    const password = fields.password ?? '';
    if (login === '' || password === '')
      return showCredentials(res, session, provider, 'Veuillez saisir votre identifiant et votre mot de passe.', login);
    if (password === 'wrong') return showCredentials(res, session, provider, 'Identifiants incorrects', login);
    sessions.newScaCode(session);
    return showSca(res, session, provider, null);
  });

  router.post('/session/:id/sca', async (req, res) => {
    const session = activeSession(req, res);
    if (!session) return;
    const providerId = sessions.providerOf(session);
    const provider = providerId !== null ? findProvider(providerId) : undefined;
    if (!provider || !session.scaCode) return res.redirect(303, links(res, session).root);
    const fields = await formFields(req);
    if ((fields.code ?? '').trim() !== session.scaCode)
      return showSca(res, session, provider, 'Code incorrect, veuillez réessayer.');
    const outcome = sessions.complete(session, provider.id);
    if (outcome.redirectUrl) return res.redirect(302, outcome.redirectUrl);
    return html(
      res,
      200,
      messagePage(
        'sync-success',
        'Synchronisation effectuée',
        `Votre compte ${provider.name} est connecté. Vous pouvez fermer cette page.`,
      ),
    );
  });

  router.get('/session/:id/cancel', (req, res) => {
    const session = activeSession(req, res);
    if (!session) return;
    const asked = queryValue(req, 'step') as FunnelStep | undefined;
    const step = asked && STEPS.includes(asked) ? asked : sessions.currentStep(session);
    const outcome = sessions.cancel(session, step);
    if (outcome.redirectUrl) return res.redirect(302, outcome.redirectUrl);
    return html(
      res,
      200,
      messagePage(
        'sync-cancelled',
        'Connexion annulée',
        "Aucun compte n'a été connecté. Vous pouvez fermer cette page.",
      ),
    );
  });

  const onError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    html(
      res,
      500,
      messagePage('funnel-error', 'Erreur', `La connexion n'a pas pu aboutir : ${(error as Error).message}`),
    );
  };
  router.use(onError);
  return router;
}

/** Provider logos (`/assets/providers/<id>.svg`). */
export function assetsRouter(): Router {
  const router = Router();
  router.get('/providers/:file', (req, res) => {
    const match = /^(\d+)\.svg$/.exec(String(req.params.file));
    const provider = match ? findProvider(Number(match[1])) : undefined;
    if (!provider) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res.type('image/svg+xml').setHeader('Cache-Control', 'public, max-age=86400');
    res.send(logoSvg(provider));
  });
  return router;
}
