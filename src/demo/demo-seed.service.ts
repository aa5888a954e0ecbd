import { Injectable, Logger } from '@nestjs/common';

import { CounterpartRulesService } from '../accounting/counterpart-rules.service.js';
import { AccessScope } from '../auth/access-scope.js';
import { BankAccountsService } from '../bank-accounts/bank-accounts.service.js';
import { BridgeConfigsService } from '../bridge-config/bridge-configs.service.js';
import { Clock } from '../common/clock/clock.js';
import { CompaniesService } from '../companies/companies.service.js';
import { AppConfig } from '../config/app-config.js';
import { StatementsService } from '../statements/statements.service.js';
import { UsersService } from '../users/users.service.js';

import type { BridgeSandbox } from './bridge-sandbox.loader.js';

export const DEMO_SIREN = '100000009';
export const DEMO_EMAIL = 'claire.dupont@boulangerie-martin.fr';
const DEMO_BANK = 574; // BNP Paribas in the sandbox catalogue

/**
 * The demo's counterpart rules: both match operations the sandbox produces every month (its account fees and its
 * URSSAF direct debit), so the README's tour ends with entries that are not all on the suspense account.
 */
export const DEMO_RULES = [
  {
    name: 'Frais bancaires',
    labelContains: 'frais',
    sign: 'debit',
    account: '627000',
    accountLabel: 'Services bancaires et assimilés',
  },
  {
    name: 'URSSAF',
    labelContains: 'urssaf',
    sign: 'debit',
    account: '431000',
    accountLabel: 'Sécurité sociale',
  },
] as const;

/**
 * Zero-configuration demo: on the embedded default with the sandbox mounted, one company ready for the Synchro —
 * subscription on, a Bridge configuration pointing at the sandbox, a user, a journal carrying the IBAN of a sandbox
 * account (with the card account of the same item), an open statement and two counterpart rules, so that the
 * statement posts to entries and a FEC (the company has a SIREN). Created once, through the domain services.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    private readonly companies: CompaniesService,
    private readonly configs: BridgeConfigsService,
    private readonly users: UsersService,
    private readonly bankAccounts: BankAccountsService,
    private readonly statements: StatementsService,
    private readonly rules: CounterpartRulesService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async seedOnce(
    sandbox: Pick<BridgeSandbox, 'previewAccounts' | 'clients'>,
    mountPath: string,
    today = this.clock.now(),
  ): Promise<boolean> {
    if (await this.companies.existsWithSiren(DEMO_SIREN)) {
      return false;
    }
    const [client] = sandbox.clients;
    if (!client) {
      throw new Error('The Bridge sandbox of the demo has no client app');
    }
    const scope = AccessScope.editor();
    const company = await this.companies.create(
      { name: 'Boulangerie Martin (démo)', siren: DEMO_SIREN, subscriptionActive: true },
      scope,
      undefined,
    );
    await this.configs.create(
      {
        companyIds: [company.id],
        name: 'Bridge sandbox (démo)',
        url: `${this.config.publicUrl}${mountPath}`,
        version: '2025-01-15',
        clientId: client.clientId,
        clientSecret: client.clientSecret,
        countryCodes: ['FR'],
      },
      scope,
    );
    const user = await this.users.create(
      { companyId: company.id, name: 'Claire Dupont', login: 'cdupont', email: DEMO_EMAIL },
      scope,
    );
    const checking = sandbox
      .previewAccounts(DEMO_EMAIL, DEMO_BANK)
      .accounts.find((account) => account.type === 'checking')!;
    const bankAccount = await this.bankAccounts.create(
      {
        companyId: company.id,
        journalCode: 'BQ1',
        journalName: 'BNP Paribas – compte courant',
        iban: checking.iban,
        bic: 'BNPAFRPP',
        accountTypes: ['checking', 'card'],
      },
      scope,
    );
    for (const rule of DEMO_RULES) {
      await this.rules.create({ companyId: company.id, ...rule }, scope);
    }
    const statement = await this.statements.create(
      { bankAccountId: bankAccount.id, dateStart: `${today.toISOString().slice(0, 7)}-01` },
      scope,
    );
    // Nobody knows the sandbox's history before the funnel: the first Synchro sets the opening that makes the computed
    // end balance the bank's, so the demo's statement page shows no gap.
    await this.statements.takeOpeningFromBank(statement.id);
    this.logger.log(
      `Demo seeded: company ${company.id}, user ${user.id} (${DEMO_EMAIL}), journal BQ1 (IBAN ${checking.iban}), statement ${statement.id}: run POST /api/v1/statements/${statement.id}/sync with {"userId": ${user.id}}`,
    );
    return true;
  }
}
