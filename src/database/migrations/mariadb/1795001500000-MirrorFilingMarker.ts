import type { MigrationInterface, QueryRunner } from "typeorm";

export class MirrorFilingMarker1795001500000 implements MigrationInterface {
    name = 'MirrorFilingMarker1795001500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` ADD \`unfiled\` tinyint NOT NULL DEFAULT 0, ADD \`latestDate\` date NULL`);
        // GREATEST() is NULL when one of its values is: each optional date falls back on the date.
        await queryRunner.query(`UPDATE \`bank_transaction\` SET \`unfiled\` = NOT EXISTS (SELECT 1 FROM \`statement_line\` WHERE \`statement_line\`.\`bankTransactionId\` = \`bank_transaction\`.\`id\`), \`latestDate\` = GREATEST(\`date\`, COALESCE(\`transactionDate\`, \`date\`), COALESCE(\`bookingDate\`, \`date\`), COALESCE(\`valueDate\`, \`date\`))`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_unfiled\` ON \`bank_transaction\` (\`bankAccountId\`, \`unfiled\`, \`deleted\`, \`latestDate\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_operation\` ON \`bank_transaction\` (\`bankAccountId\`, \`operationType\`, \`deleted\`, \`date\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_account_id\` ON \`bank_transaction\` (\`bankAccountId\`, \`id\`)`);
        await queryRunner.query(`CREATE TABLE \`mirror_filing_cursor\` (\`bankAccountId\` int NOT NULL, \`examinedThroughId\` int NOT NULL DEFAULT 0, PRIMARY KEY (\`bankAccountId\`)) ENGINE=InnoDB`);
        // Every row mirrored so far has been through filing: the rows without a line are the ones it left out.
        await queryRunner.query(`INSERT INTO \`mirror_filing_cursor\` (\`bankAccountId\`, \`examinedThroughId\`) SELECT \`bankAccountId\`, MAX(\`id\`) FROM \`bank_transaction\` GROUP BY \`bankAccountId\``);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE \`mirror_filing_cursor\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_account_id\` ON \`bank_transaction\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_operation\` ON \`bank_transaction\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_unfiled\` ON \`bank_transaction\``);
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` DROP COLUMN \`latestDate\`, DROP COLUMN \`unfiled\``);
    }

}
