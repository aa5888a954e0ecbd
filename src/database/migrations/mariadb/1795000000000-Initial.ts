import type { MigrationInterface, QueryRunner } from "typeorm";

export class Initial1795000000000 implements MigrationInterface {
    name = 'Initial1795000000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE \`api_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`at\` datetime(3) NOT NULL, \`bridgeConfigId\` int NULL, \`method\` varchar(10) NOT NULL, \`path\` varchar(1000) NOT NULL, \`status\` int NULL, \`durationMs\` int NOT NULL, \`requestBody\` text NULL, \`responseBody\` text NULL, \`error\` text NULL, INDEX \`IDX_api_log_at\` (\`at\`), INDEX \`IDX_api_log_config_at\` (\`bridgeConfigId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`company\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`siren\` varchar(9) NULL, \`subscriptionActive\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_company_siren\` (\`siren\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`api_key\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`prefix\` varchar(16) NOT NULL, \`hash\` varchar(64) NOT NULL, \`editor\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`lastUsedAt\` datetime(3) NULL, \`revokedAt\` datetime(3) NULL, UNIQUE INDEX \`UQ_api_key_hash\` (\`hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bank_account\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`journalCode\` varchar(16) NOT NULL, \`journalName\` varchar(200) NOT NULL, \`iban\` varchar(34) NULL, \`bic\` varchar(11) NULL, \`currency\` varchar(3) NOT NULL DEFAULT 'EUR', \`glAccount\` varchar(20) NOT NULL DEFAULT '512000', \`suspenseAccount\` varchar(20) NOT NULL DEFAULT '471000', \`cardClearingAccount\` varchar(20) NULL, \`accountTypes\` varchar(200) NOT NULL DEFAULT 'checking', \`bridgeBankId\` bigint NULL, \`bridgeAccountId\` bigint NULL, \`includeOlderLines\` tinyint NOT NULL DEFAULT 0, \`useCleanLabel\` tinyint NOT NULL DEFAULT 0, \`cardDatingMode\` varchar(12) NOT NULL DEFAULT 'transaction', \`cardKeepDeferredTotal\` tinyint NOT NULL DEFAULT 0, \`cardIncludeFuture\` tinyint NOT NULL DEFAULT 0, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_bank_account_iban\` (\`iban\`), UNIQUE INDEX \`UQ_bank_account_company_journal\` (\`companyId\`, \`journalCode\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`billing_report\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`bridgeConfigId\` int NOT NULL, \`period\` varchar(7) NOT NULL, \`kind\` varchar(10) NOT NULL, \`users\` text NOT NULL, \`userCount\` int NOT NULL, \`unitPrice\` decimal(18,2) NOT NULL, \`amount\` decimal(18,2) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_billing_report_period\` (\`companyId\`, \`bridgeConfigId\`, \`period\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bridge_config\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(200) NOT NULL, \`url\` varchar(500) NOT NULL DEFAULT 'https://api.bridgeapi.io', \`version\` varchar(10) NOT NULL DEFAULT '2025-01-15', \`clientId\` varchar(200) NOT NULL, \`clientSecretEncrypted\` text NOT NULL, \`webhookSecretEncrypted\` text NULL, \`countryCodes\` varchar(200) NOT NULL DEFAULT 'FR', \`preselectedBankIds\` varchar(500) NOT NULL DEFAULT '', \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`connection_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`at\` datetime(3) NOT NULL, \`companyId\` int NULL, \`bridgeConfigId\` int NULL, \`userId\` int NULL, \`email\` varchar(254) NULL, \`bridgeUserUuid\` varchar(64) NULL, \`action\` varchar(40) NOT NULL, \`itemId\` bigint NULL, \`bankId\` bigint NULL, \`result\` varchar(20) NOT NULL, \`message\` text NULL, \`ip\` varchar(45) NULL, INDEX \`IDX_connection_log_at\` (\`at\`), INDEX \`IDX_connection_log_config_at\` (\`bridgeConfigId\`, \`at\`), INDEX \`IDX_connection_log_company_at\` (\`companyId\`, \`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bank_statement\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bankAccountId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`dateStart\` date NOT NULL, \`dateEnd\` date NULL, \`balanceStart\` decimal(18,2) NOT NULL DEFAULT '0.00', \`bankBalance\` decimal(18,2) NULL, \`bankBalanceAt\` datetime(3) NULL, \`state\` varchar(10) NOT NULL DEFAULT 'open', \`closeComment\` text NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_bank_statement_account_start\` (\`bankAccountId\`, \`dateStart\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bank_transaction\` (\`id\` int NOT NULL AUTO_INCREMENT, \`bankAccountId\` int NOT NULL, \`bridgeAccountId\` bigint NOT NULL, \`bridgeTransactionId\` bigint NOT NULL, \`bridgeItemId\` bigint NULL, \`accountType\` varchar(30) NOT NULL, \`cleanLabel\` varchar(500) NOT NULL, \`originalLabel\` varchar(500) NOT NULL, \`amount\` decimal(18,2) NOT NULL, \`currency\` varchar(3) NOT NULL, \`date\` date NOT NULL, \`transactionDate\` date NULL, \`bookingDate\` date NULL, \`valueDate\` date NULL, \`operationType\` varchar(40) NULL, \`categoryId\` int NULL, \`future\` tinyint NOT NULL DEFAULT 0, \`deleted\` tinyint NOT NULL DEFAULT 0, \`bridgeUpdatedAt\` datetime(3) NOT NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_bank_transaction_account_date\` (\`bankAccountId\`, \`date\`), UNIQUE INDEX \`UQ_bank_transaction_bridge\` (\`bankAccountId\`, \`bridgeAccountId\`, \`bridgeTransactionId\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`statement_line\` (\`id\` int NOT NULL AUTO_INCREMENT, \`statementId\` int NOT NULL, \`bankTransactionId\` int NULL, \`date\` date NOT NULL, \`label\` varchar(500) NOT NULL, \`amount\` decimal(18,2) NOT NULL, \`currency\` varchar(3) NOT NULL, \`reviewRequired\` tinyint NOT NULL DEFAULT 0, \`reviewNote\` text NULL, \`postedAt\` datetime(3) NULL, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`UQ_statement_line_transaction\` (\`bankTransactionId\`), INDEX \`IDX_statement_line_statement_date\` (\`statementId\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`user\` (\`id\` int NOT NULL AUTO_INCREMENT, \`companyId\` int NOT NULL, \`name\` varchar(200) NOT NULL, \`login\` varchar(100) NOT NULL, \`email\` varchar(254) NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`createdAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updatedAt\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_user_email\` (\`email\`), UNIQUE INDEX \`UQ_user_company_login\` (\`companyId\`, \`login\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`api_key_company\` (\`apiKeyId\` int NOT NULL, \`companyId\` int NOT NULL, INDEX \`IDX_90a5829dd6b9406528d0dd73eb\` (\`apiKeyId\`), INDEX \`IDX_8c20e2fbe8e74e82ddb01c2492\` (\`companyId\`), PRIMARY KEY (\`apiKeyId\`, \`companyId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`CREATE TABLE \`bridge_config_company\` (\`bridgeConfigId\` int NOT NULL, \`companyId\` int NOT NULL, INDEX \`IDX_f5c5d34d975e16ba87e1738175\` (\`bridgeConfigId\`), INDEX \`IDX_7e3980a334293b376f47f095ef\` (\`companyId\`), PRIMARY KEY (\`bridgeConfigId\`, \`companyId\`)) ENGINE=InnoDB`);
        await queryRunner.query(`ALTER TABLE \`bank_account\` ADD CONSTRAINT \`FK_818486d661f4f605fe71b781b0c\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` ADD CONSTRAINT \`FK_6081b0a7c59696d8895e00397d7\` FOREIGN KEY (\`bankAccountId\`) REFERENCES \`bank_account\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` ADD CONSTRAINT \`FK_7e252920212bed3b1d7b401e0d9\` FOREIGN KEY (\`bankAccountId\`) REFERENCES \`bank_account\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD CONSTRAINT \`FK_43aed08961aa202ac9e19899108\` FOREIGN KEY (\`statementId\`) REFERENCES \`bank_statement\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`statement_line\` ADD CONSTRAINT \`FK_2dcbf9f1804bfa7952645a97818\` FOREIGN KEY (\`bankTransactionId\`) REFERENCES \`bank_transaction\`(\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`user\` ADD CONSTRAINT \`FK_86586021a26d1180b0968f98502\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE \`api_key_company\` ADD CONSTRAINT \`FK_90a5829dd6b9406528d0dd73eba\` FOREIGN KEY (\`apiKeyId\`) REFERENCES \`api_key\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE \`api_key_company\` ADD CONSTRAINT \`FK_8c20e2fbe8e74e82ddb01c24920\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE \`bridge_config_company\` ADD CONSTRAINT \`FK_f5c5d34d975e16ba87e1738175e\` FOREIGN KEY (\`bridgeConfigId\`) REFERENCES \`bridge_config\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
        await queryRunner.query(`ALTER TABLE \`bridge_config_company\` ADD CONSTRAINT \`FK_7e3980a334293b376f47f095ef5\` FOREIGN KEY (\`companyId\`) REFERENCES \`company\`(\`id\`) ON DELETE CASCADE ON UPDATE CASCADE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bridge_config_company\` DROP FOREIGN KEY \`FK_7e3980a334293b376f47f095ef5\``);
        await queryRunner.query(`ALTER TABLE \`bridge_config_company\` DROP FOREIGN KEY \`FK_f5c5d34d975e16ba87e1738175e\``);
        await queryRunner.query(`ALTER TABLE \`api_key_company\` DROP FOREIGN KEY \`FK_8c20e2fbe8e74e82ddb01c24920\``);
        await queryRunner.query(`ALTER TABLE \`api_key_company\` DROP FOREIGN KEY \`FK_90a5829dd6b9406528d0dd73eba\``);
        await queryRunner.query(`ALTER TABLE \`user\` DROP FOREIGN KEY \`FK_86586021a26d1180b0968f98502\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP FOREIGN KEY \`FK_2dcbf9f1804bfa7952645a97818\``);
        await queryRunner.query(`ALTER TABLE \`statement_line\` DROP FOREIGN KEY \`FK_43aed08961aa202ac9e19899108\``);
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` DROP FOREIGN KEY \`FK_7e252920212bed3b1d7b401e0d9\``);
        await queryRunner.query(`ALTER TABLE \`bank_statement\` DROP FOREIGN KEY \`FK_6081b0a7c59696d8895e00397d7\``);
        await queryRunner.query(`ALTER TABLE \`bank_account\` DROP FOREIGN KEY \`FK_818486d661f4f605fe71b781b0c\``);
        await queryRunner.query(`DROP INDEX \`IDX_7e3980a334293b376f47f095ef\` ON \`bridge_config_company\``);
        await queryRunner.query(`DROP INDEX \`IDX_f5c5d34d975e16ba87e1738175\` ON \`bridge_config_company\``);
        await queryRunner.query(`DROP TABLE \`bridge_config_company\``);
        await queryRunner.query(`DROP INDEX \`IDX_8c20e2fbe8e74e82ddb01c2492\` ON \`api_key_company\``);
        await queryRunner.query(`DROP INDEX \`IDX_90a5829dd6b9406528d0dd73eb\` ON \`api_key_company\``);
        await queryRunner.query(`DROP TABLE \`api_key_company\``);
        await queryRunner.query(`DROP INDEX \`UQ_user_company_login\` ON \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_user_email\` ON \`user\``);
        await queryRunner.query(`DROP TABLE \`user\``);
        await queryRunner.query(`DROP INDEX \`IDX_statement_line_statement_date\` ON \`statement_line\``);
        await queryRunner.query(`DROP INDEX \`UQ_statement_line_transaction\` ON \`statement_line\``);
        await queryRunner.query(`DROP TABLE \`statement_line\``);
        await queryRunner.query(`DROP INDEX \`UQ_bank_transaction_bridge\` ON \`bank_transaction\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_account_date\` ON \`bank_transaction\``);
        await queryRunner.query(`DROP TABLE \`bank_transaction\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_statement_account_start\` ON \`bank_statement\``);
        await queryRunner.query(`DROP TABLE \`bank_statement\``);
        await queryRunner.query(`DROP INDEX \`IDX_connection_log_company_at\` ON \`connection_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_connection_log_config_at\` ON \`connection_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_connection_log_at\` ON \`connection_log\``);
        await queryRunner.query(`DROP TABLE \`connection_log\``);
        await queryRunner.query(`DROP TABLE \`bridge_config\``);
        await queryRunner.query(`DROP INDEX \`UQ_billing_report_period\` ON \`billing_report\``);
        await queryRunner.query(`DROP TABLE \`billing_report\``);
        await queryRunner.query(`DROP INDEX \`UQ_bank_account_company_journal\` ON \`bank_account\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_account_iban\` ON \`bank_account\``);
        await queryRunner.query(`DROP TABLE \`bank_account\``);
        await queryRunner.query(`DROP INDEX \`UQ_api_key_hash\` ON \`api_key\``);
        await queryRunner.query(`DROP TABLE \`api_key\``);
        await queryRunner.query(`DROP INDEX \`UQ_company_siren\` ON \`company\``);
        await queryRunner.query(`DROP TABLE \`company\``);
        await queryRunner.query(`DROP INDEX \`IDX_api_log_config_at\` ON \`api_log\``);
        await queryRunner.query(`DROP INDEX \`IDX_api_log_at\` ON \`api_log\``);
        await queryRunner.query(`DROP TABLE \`api_log\``);
    }

}
