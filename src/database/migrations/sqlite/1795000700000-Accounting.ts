import type { MigrationInterface, QueryRunner } from "typeorm";

export class Accounting1795000700000 implements MigrationInterface {
    name = 'Accounting1795000700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "counterpart_rule" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "companyId" integer NOT NULL, "bankAccountId" integer, "name" varchar(200) NOT NULL, "priority" integer NOT NULL DEFAULT (100), "labelContains" varchar(200), "labelRegex" varchar(500), "sign" varchar(10) NOT NULL DEFAULT ('any'), "amountMin" decimal(18,2), "amountMax" decimal(18,2), "account" varchar(20) NOT NULL, "accountLabel" varchar(200) NOT NULL, "active" boolean NOT NULL DEFAULT (1), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_counterpart_rule_company" ON "counterpart_rule" ("companyId", "priority") `);
        await queryRunner.query(`CREATE TABLE "entry_sequence" ("companyId" integer NOT NULL, "journalCode" varchar(16) NOT NULL, "fiscalYear" integer NOT NULL, "lastNumber" integer NOT NULL DEFAULT (0), PRIMARY KEY ("companyId", "journalCode", "fiscalYear"))`);
        await queryRunner.query(`CREATE TABLE "fiscal_year" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "companyId" integer NOT NULL, "year" integer NOT NULL, "startDate" date NOT NULL, "endDate" date NOT NULL, "state" varchar(10) NOT NULL DEFAULT ('open'), "closedAt" datetime(3), "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')), "updatedAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_fiscal_year_company_year" ON "fiscal_year" ("companyId", "year") `);
        await queryRunner.query(`CREATE TABLE "journal_entry" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "companyId" integer NOT NULL, "bankAccountId" integer NOT NULL, "statementId" integer NOT NULL, "statementLineId" integer NOT NULL, "journalCode" varchar(16) NOT NULL, "journalName" varchar(200) NOT NULL, "fiscalYear" integer NOT NULL, "number" integer NOT NULL, "ecritureNum" varchar(40) NOT NULL, "date" date NOT NULL, "pieceRef" varchar(40) NOT NULL, "pieceDate" date NOT NULL, "label" varchar(500) NOT NULL, "kind" varchar(10) NOT NULL, "reversalOfId" integer, "ruleId" integer, "postingKey" varchar(64) NOT NULL, "validatedAt" datetime(3) NOT NULL, "createdAt" datetime(6) NOT NULL DEFAULT (datetime('now')))`);
        await queryRunner.query(`CREATE INDEX "IDX_journal_entry_line" ON "journal_entry" ("statementLineId") `);
        await queryRunner.query(`CREATE INDEX "IDX_journal_entry_statement" ON "journal_entry" ("statementId") `);
        await queryRunner.query(`CREATE INDEX "IDX_journal_entry_company_year" ON "journal_entry" ("companyId", "fiscalYear", "validatedAt") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_journal_entry_posting_key" ON "journal_entry" ("postingKey") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "UQ_journal_entry_number" ON "journal_entry" ("companyId", "journalCode", "fiscalYear", "number") `);
        await queryRunner.query(`CREATE TABLE "journal_entry_line" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "entryId" integer NOT NULL, "position" integer NOT NULL, "account" varchar(20) NOT NULL, "accountLabel" varchar(200) NOT NULL, "debit" decimal(18,2) NOT NULL, "credit" decimal(18,2) NOT NULL, CONSTRAINT "FK_77825e21d0e79de7fa546175ac3" FOREIGN KEY ("entryId") REFERENCES "journal_entry" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
        await queryRunner.query(`CREATE INDEX "IDX_journal_entry_line_entry" ON "journal_entry_line" ("entryId", "position") `);
        await queryRunner.query(`CREATE TABLE "balance_snapshot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "bankAccountId" integer NOT NULL, "bridgeAccountId" bigint NOT NULL, "accountType" varchar(30) NOT NULL, "main" boolean NOT NULL DEFAULT (0), "balance" decimal(18,2) NOT NULL, "day" date NOT NULL, "takenAt" datetime(3) NOT NULL)`);
        await queryRunner.query(`CREATE INDEX "IDX_balance_snapshot_account_day" ON "balance_snapshot" ("bankAccountId", "day") `);
        // ADD COLUMN instead of rebuilding: these tables are referenced by others (see 1795000400000-LineStale).
        await queryRunner.query(`ALTER TABLE "company" ADD COLUMN "fiscalYearEnd" varchar(5) NOT NULL DEFAULT ('12-31')`);
        await queryRunner.query(`ALTER TABLE "bank_account" ADD COLUMN "glAccountLabel" varchar(200)`);
        await queryRunner.query(`ALTER TABLE "bank_account" ADD COLUMN "suspenseAccountLabel" varchar(200)`);
        await queryRunner.query(`ALTER TABLE "bank_account" ADD COLUMN "cardClearingAccountLabel" varchar(200)`);
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "forcedClose" boolean NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "bank_statement" ADD COLUMN "closedAt" datetime(3)`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "reviewDate" date`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "reviewLabel" varchar(500)`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "reviewAmount" decimal(18,2)`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "reviewDeleted" boolean NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "reviewResolution" text`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "bankDeleted" boolean NOT NULL DEFAULT (0)`);
        await queryRunner.query(`ALTER TABLE "statement_line" ADD COLUMN "revision" integer NOT NULL DEFAULT (0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "revision"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "bankDeleted"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "reviewResolution"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "reviewDeleted"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "reviewAmount"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "reviewLabel"`);
        await queryRunner.query(`ALTER TABLE "statement_line" DROP COLUMN "reviewDate"`);
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "closedAt"`);
        await queryRunner.query(`ALTER TABLE "bank_statement" DROP COLUMN "forcedClose"`);
        await queryRunner.query(`ALTER TABLE "bank_account" DROP COLUMN "cardClearingAccountLabel"`);
        await queryRunner.query(`ALTER TABLE "bank_account" DROP COLUMN "suspenseAccountLabel"`);
        await queryRunner.query(`ALTER TABLE "bank_account" DROP COLUMN "glAccountLabel"`);
        await queryRunner.query(`ALTER TABLE "company" DROP COLUMN "fiscalYearEnd"`);
        await queryRunner.query(`DROP INDEX "IDX_balance_snapshot_account_day"`);
        await queryRunner.query(`DROP TABLE "balance_snapshot"`);
        await queryRunner.query(`DROP INDEX "IDX_journal_entry_line_entry"`);
        await queryRunner.query(`DROP TABLE "journal_entry_line"`);
        await queryRunner.query(`DROP INDEX "UQ_journal_entry_number"`);
        await queryRunner.query(`DROP INDEX "UQ_journal_entry_posting_key"`);
        await queryRunner.query(`DROP INDEX "IDX_journal_entry_company_year"`);
        await queryRunner.query(`DROP INDEX "IDX_journal_entry_statement"`);
        await queryRunner.query(`DROP INDEX "IDX_journal_entry_line"`);
        await queryRunner.query(`DROP TABLE "journal_entry"`);
        await queryRunner.query(`DROP INDEX "UQ_fiscal_year_company_year"`);
        await queryRunner.query(`DROP TABLE "fiscal_year"`);
        await queryRunner.query(`DROP TABLE "entry_sequence"`);
        await queryRunner.query(`DROP INDEX "IDX_counterpart_rule_company"`);
        await queryRunner.query(`DROP TABLE "counterpart_rule"`);
    }

}
