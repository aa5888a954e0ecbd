import type { MigrationInterface, QueryRunner } from "typeorm";

export class Accounting1795000700000 implements MigrationInterface {
    name = 'Accounting1795000700000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`counterpart_rule\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`bankAccountId\` int NULL, \`name\` varchar(200) NOT NULL, \`priority\` int NOT NULL DEFAULT '100', \`labelContains\` varchar(200) NULL, \`labelRegex\` varchar(500) NULL, \`sign\` varchar(10) NOT NULL DEFAULT 'any', \`amountMin\` decimal(18,2) NULL, \`amountMax\` decimal(18,2) NULL, \`account\` varchar(20) NOT NULL, \`accountLabel\` varchar(200) NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_counterpart_rule_company\` (\`companyId\`, \`priority\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`entry_sequence\` (\`companyId\` int NOT NULL, \`journalCode\` varchar(16) NOT NULL, \`fiscalYear\` int NOT NULL, \`lastNumber\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`companyId\`, \`journalCode\`, \`fiscalYear\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`fiscal_year\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`year\` int NOT NULL, \`startDate\` date NOT NULL, \`endDate\` date NOT NULL, \`state\` varchar(10) NOT NULL DEFAULT 'open', \`closedAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_fiscal_year_company_year\` (\`companyId\`, \`year\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`journal_entry\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`bankAccountId\` int NOT NULL, \`statementId\` int NOT NULL, \`statementLineId\` int NOT NULL, \`journalCode\` varchar(16) NOT NULL, \`journalName\` varchar(200) NOT NULL, \`fiscalYear\` int NOT NULL, \`number\` int NOT NULL, \`ecritureNum\` varchar(40) NOT NULL, \`date\` date NOT NULL, \`pieceRef\` varchar(40) NOT NULL, \`pieceDate\` date NOT NULL, \`label\` varchar(500) NOT NULL, \`kind\` varchar(10) NOT NULL, \`reversalOfId\` int NULL, \`ruleId\` int NULL, \`postingKey\` varchar(64) NOT NULL, \`validatedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_journal_entry_line\` (\`statementLineId\`), INDEX \`IDX_journal_entry_statement\` (\`statementId\`), INDEX \`IDX_journal_entry_company_year\` (\`companyId\`, \`fiscalYear\`, \`validatedAt\`), UNIQUE INDEX \`UQ_journal_entry_posting_key\` (\`postingKey\`), UNIQUE INDEX \`UQ_journal_entry_number\` (\`companyId\`, \`journalCode\`, \`fiscalYear\`, \`number\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`journal_entry_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`entryId\` int NOT NULL, \`position\` int NOT NULL, \`account\` varchar(20) NOT NULL, \`accountLabel\` varchar(200) NOT NULL, \`debit\` decimal(18,2) NOT NULL, \`credit\` decimal(18,2) NOT NULL, INDEX \`IDX_journal_entry_line_entry\` (\`entryId\`, \`position\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`balance_snapshot\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bankAccountId\` int NOT NULL, \`bridgeAccountId\` bigint NOT NULL, \`accountType\` varchar(30) NOT NULL, \`main\` tinyint NOT NULL DEFAULT 0, \`balance\` decimal(18,2) NOT NULL, \`day\` date NOT NULL, \`takenAt\` datetime(3) NOT NULL, INDEX \`IDX_balance_snapshot_account_day\` (\`bankAccountId\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`company\` ADD \`fiscalYearEnd\` varchar(5) NOT NULL DEFAULT '12-31'`);
        await queryRunner.query(`ALTER TABLE \`bank_account\` ADD \`glAccountLabel\` varchar(200) NULL`);
        await queryRunner.query(`ALTER TABLE \`bank_account\` ADD \`suspenseAccountLabel\` varchar(200) NULL`);
        await queryRunner.query(`ALTER TABLE \`bank_account\` ADD \`cardClearingAccountLabel\` varchar(200) NULL`);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` ADD \`forcedClose\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` ADD \`closedAt\` datetime(3) NULL`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`reviewDate\` date NULL`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`reviewLabel\` varchar(500) NULL`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`reviewAmount\` decimal(18,2) NULL`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`reviewDeleted\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`reviewResolution\` text NULL`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`bankDeleted\` tinyint NOT NULL DEFAULT 0`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD \`revision\` int NOT NULL DEFAULT '0'`);
        await queryRunner.query(`ALTER TABLE \`journal_entry_line\` ADD CONSTRAINT \`FK_77825e21d0e79de7fa546175ac3\` FOREIGN KEY (\`entryId\`) REFERENCES \`journal_entry\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`journal_entry_line\` DROP FOREIGN KEY \`FK_77825e21d0e79de7fa546175ac3\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`revision\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`bankDeleted\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`reviewResolution\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`reviewDeleted\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`reviewAmount\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`reviewLabel\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP COLUMN \`reviewDate\``);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` DROP COLUMN \`closedAt\``);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` DROP COLUMN \`forcedClose\``);
        await queryRunner.query(`ALTER TABLE \`bank_account\` DROP COLUMN \`cardClearingAccountLabel\``);
        await queryRunner.query(`ALTER TABLE \`bank_account\` DROP COLUMN \`suspenseAccountLabel\``);
        await queryRunner.query(`ALTER TABLE \`bank_account\` DROP COLUMN \`glAccountLabel\``);
        await queryRunner.query(`ALTER TABLE \`company\` DROP COLUMN \`fiscalYearEnd\``);
        await queryRunner.query(`DROP INDEX \`IDX_balance_snapshot_account_day\` ON \`balance_snapshot\``);
        await queryRunner.query(`DROP TABLE \`balance_snapshot\``);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_line_entry\` ON \`journal_entry_line\``);
        await queryRunner.query(`DROP TABLE \`journal_entry_line\``);
        await queryRunner.query(`DROP INDEX \`UQ_journal_entry_number\` ON \`journal_entry\``);
        await queryRunner.query(`DROP INDEX \`UQ_journal_entry_posting_key\` ON \`journal_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_company_year\` ON \`journal_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_statement\` ON \`journal_entry\``);
        await queryRunner.query(`DROP INDEX \`IDX_journal_entry_line\` ON \`journal_entry\``);
        await queryRunner.query(`DROP TABLE \`journal_entry\``);
        await queryRunner.query(`DROP INDEX \`UQ_fiscal_year_company_year\` ON \`fiscal_year\``);
        await queryRunner.query(`DROP TABLE \`fiscal_year\``);
        await queryRunner.query(`DROP TABLE \`entry_sequence\``);
        await queryRunner.query(`DROP INDEX \`IDX_counterpart_rule_company\` ON \`counterpart_rule\``);
        await queryRunner.query(`DROP TABLE \`counterpart_rule\``);
    }

}
