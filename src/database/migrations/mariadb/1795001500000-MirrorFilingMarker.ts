import type { MigrationInterface, QueryRunner } from "typeorm";

export class MirrorFilingMarker1795001500000 implements MigrationInterface {
    name = 'MirrorFilingMarker1795001500000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` ADD \`unfiled\` tinyint NOT NULL DEFAULT 1, ADD \`latestDate\` date NULL`);
        // GREATEST() is NULL when one of its values is: each optional date falls back on the date.
        await queryRunner.query(`UPDATE \`bank_transaction\` SET \`unfiled\` = NOT EXISTS (SELECT 1 FROM \`statement_line\` WHERE \`statement_line\`.\`bankTransactionId\` = \`bank_transaction\`.\`id\`), \`latestDate\` = GREATEST(\`date\`, COALESCE(\`transactionDate\`, \`date\`), COALESCE(\`bookingDate\`, \`date\`), COALESCE(\`valueDate\`, \`date\`))`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_unfiled\` ON \`bank_transaction\` (\`bankAccountId\`, \`unfiled\`, \`deleted\`, \`latestDate\`)`);
        await queryRunner.query(`CREATE INDEX \`IDX_bank_transaction_operation\` ON \`bank_transaction\` (\`bankAccountId\`, \`operationType\`, \`deleted\`, \`date\`)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_operation\` ON \`bank_transaction\``);
        await queryRunner.query(`DROP INDEX \`IDX_bank_transaction_unfiled\` ON \`bank_transaction\``);
        await queryRunner.query(`ALTER TABLE \`bank_transaction\` DROP COLUMN \`latestDate\`, DROP COLUMN \`unfiled\``);
    }

}
